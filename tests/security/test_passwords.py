"""Finding 6: password rules after ASVS 5.0 6.2 — length and lists, no character classes."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    ["correct horse battery staple", "tall pearl salt gypsum", "长江大桥边上的咖啡馆好喝"],
)
def test_long_passphrases_without_character_classes_are_accepted(password):
    validate_password(password, UserFactory(username="someone"))


@pytest.mark.parametrize(
    "password",
    [
        "Short1!",  # under 12
        "password1234",  # common / breached (Django's list)
        "Zhaoshangju",  # too short and a word of this portal
        "zhaoshangyinzi",  # this portal's context (project list)
        "INVESTMENTPORTAL",  # case-insensitive
        "123456789012",  # numeric
        "someone-the-user",  # similar to the username
    ],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, UserFactory(username="someone-the-user"))
