from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from config import checks  # noqa: F401 - registers the deployment checks

        from . import (
            schema,  # noqa: F401 - registers the token scheme with drf-spectacular
            security_log,  # noqa: F401 - logs sign-ins, failures and lockouts
        )
        from .third_party_labels import translate_labels

        translate_labels()  # django-axes' and django-otp's admin labels in Chinese
