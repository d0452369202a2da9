"""django-axes' and django-otp's admin pages read in Chinese on Chinese pages (issue #27): the
apps', models' and fields' names, the help texts and the fieldset titles."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db

MODELS = [
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
    "axes.AccessAttemptExpiration",
    "otp_totp.TOTPDevice",
    "otp_static.StaticDevice",
    "otp_static.StaticToken",
]
SAME_IN_BOTH = {"ID"}


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_label_of_the_two_apps_has_chinese():
    missing = []
    for label in MODELS:
        model = apps.get_model(label)
        names = [("app", model._meta.app_config.verbose_name)]
        names += [("model", model._meta.verbose_name), ("models", model._meta.verbose_name_plural)]
        for field in model._meta.get_fields():
            if field.concrete:
                names.append((field.name, field.verbose_name))
                if field.help_text:
                    names.append((f"{field.name} help", field.help_text))
        for what, name in names:
            with translation.override("en"):
                english = str(name)
            with translation.override("zh-hans"):
                chinese = str(name)
            if english == chinese and english not in SAME_IN_BOTH:
                missing.append(f"{label} {what}: {english}")
    assert missing == []


def test_the_chinese_admin_pages_show_no_english_labels(client, admin_user):
    client.force_login(admin_user)
    index = _text(client.get("/zh-hans/admin/").content.decode())
    for chinese in (
        "登录防护",
        "登录尝试",
        "登录日志",
        "身份验证器应用",
        "身份验证器设备",
        "恢复码组",
    ):
        assert chinese in index
    for english in ("Axes", "Otp_Totp", "Otp_Static", "Access attempts", "TOTP devices"):
        assert english not in index
    add = _text(client.get("/zh-hans/admin/otp_totp/totpdevice/add/").content.decode())
    for english in ("Identity", "Timestamps", "Configuration", "Throttling", "The time step"):
        assert english not in add
    for chinese in ("身份", "失败限制", "时间步长", "密钥", "连续验证失败次数"):
        assert chinese in add
    static = _text(client.get("/zh-hans/admin/otp_static/staticdevice/").content.decode())
    assert "按用户的用户名或电子邮箱搜索" in static
    assert "Search by user" not in static
    attempts = _text(client.get("/zh-hans/admin/axes/accessattempt/").content.decode())
    assert "尝试时间" in attempts
    assert "Attempt Time" not in attempts
    # English pages keep the English names.
    english = _text(client.get("/en/admin/").content.decode())
    assert "TOTP devices" in english
    assert "Sign-in protection" in english


@pytest.mark.django_db(databases="__all__")
def test_the_labels_need_no_migration():
    out = io.StringIO()
    call_command(
        "makemigrations", "axes", "otp_totp", "otp_static", check=True, dry_run=True, stdout=out
    )
