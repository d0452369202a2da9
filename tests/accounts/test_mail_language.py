"""Every mail to staff goes in its recipient's language (`User.preferred_language`,
accounts/mail.py), not the portal's: the monthly report reminder, a false finding to the
region's district staff (one mail per language), the appraisal's objection notices."""

import datetime as dt

import pytest
from django.utils import translation

from accounts.mail import in_each_language, to_users
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_in_each_language_words_the_mail_once_per_language():
    users = [
        UserFactory(email="a@example.org", preferred_language="en"),
        UserFactory(email="b@example.org", preferred_language="zh-hans"),
        UserFactory(email="c@example.org", preferred_language="en"),
        UserFactory(email="", preferred_language="en"),
    ]

    def render():
        return translation.gettext("Dashboard"), translation.get_language()

    got = list(in_each_language(to_users(users), render))
    assert got == [
        ("en", "Dashboard", "en", ["a@example.org", "c@example.org"]),
        ("zh-hans", "工作台首页", "zh-hans", ["b@example.org"]),
    ]


def test_the_monthly_report_reminder_is_in_the_recipients_language(
    mailoutbox, district_user, region_a
):
    from stats.services import monthly_report_reminders

    district_user.email, district_user.preferred_language = "a@example.org", "en"
    district_user.save()
    assert monthly_report_reminders(dt.date(2026, 4, 7)) == 1
    (mail,) = mailoutbox
    assert mail.subject.startswith("Monthly report")
    assert "District A" in mail.body


def test_a_false_finding_goes_to_each_district_user_in_their_language(
    mailoutbox, bureau_user, district_user, region_a, django_capture_on_commit_callbacks
):
    from projects import services
    from tests.factories import ProjectFactory

    district_user.email, district_user.preferred_language = "a@example.org", "en"
    district_user.save()
    UserFactory(username="t_district_a2", role="district", region=region_a, email="b@example.org")
    project = ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5))
    with django_capture_on_commit_callbacks(execute=True):
        services.check_record(
            user=bureau_user,
            project=project,
            checked_on=dt.date(2026, 3, 2),
            result="falsified",
            finding="合同未签署",
        )
    by_address = {tuple(m.to): m for m in mailoutbox}
    assert by_address[("a@example.org",)].subject.startswith("Found falsely reported")
    assert by_address[("b@example.org",)].subject.startswith("核查认定虚报")
