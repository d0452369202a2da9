from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Please enter a correct username and password. Note that both fields may be "
            "case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in with the username capped as on the portal's own (Django's form
    only sets the widget's maxlength, so an overlong name reached the lockout's table)."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class ApiTokenForm(forms.Form):
    client = forms.CharField(
        label=_("Client"),
        max_length=64,
        initial="default",
        help_text=_(
            "What the token is for (a script, an integration). A new token for the same client "
            "replaces its previous one."
        ),
    )


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class PreferencesForm(forms.Form):
    preferred_language = forms.ChoiceField(
        label=_("Language for e-mails"),
        choices=settings.LANGUAGES,
        help_text=_("The portal's e-mails to you (new cases, reminders) are written in it."),
    )
