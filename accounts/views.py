from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.client_ip import client_ip
from config.errors import DomainError

from . import password_reset
from .forms import ApiTokenForm, LoginForm, PreferencesForm, TwoFactorCodeForm
from .models import ApiToken
from .selectors import api_tokens_of
from .services import (
    api_token_issue,
    api_token_revoke,
    api_tokens_revoke,
    user_set_preferred_language,
)
from .two_factor import (
    recovery_codes_regenerate,
    totp_setup_confirm,
    totp_setup_start,
    two_factor_applies,
    two_factor_check,
    two_factor_enabled,
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        api_tokens_revoke(user=form.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """ "Forgot your password?": a link by email, in the page's language, sent by the worker;
    rate-limited per client address and per email address (accounts/password_reset.py)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if not password_reset.ip_allowed(client_ip(self.request)):
            form.add_error(
                None, _("Too many reset requests from your address. Try again in an hour.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not password_reset.email_allowed(form.cleaned_data["email"]):
            # Answered like any other request; nothing is sent.
            return redirect(self.success_url)
        password_reset.reset_request(
            email=form.cleaned_data["email"],
            language=get_language() or settings.LANGUAGE_CODE,
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
        )
        return redirect(self.success_url)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # A new password ends the API tokens issued under the old one, as a change does.
        api_tokens_revoke(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class ApiTokensView(LoginRequiredMixin, View):
    """The signed-in user's own API tokens: list, create (the token is shown this once) and
    revoke. Nobody sees anyone else's tokens here."""

    template_name = "accounts/api_tokens.html"

    def _render(self, request, form, issued=None):
        context = {"form": form, "tokens": api_tokens_of(user=request.user), "issued": issued}
        return render(request, self.template_name, context)

    def get(self, request):
        return self._render(request, ApiTokenForm())

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self._render(request, form)
        issued = api_token_issue(user=request.user, client=form.cleaned_data["client"])
        return self._render(request, ApiTokenForm(), issued=issued)


class PreferencesView(LoginRequiredMixin, View):
    """The signed-in user's own settings: the language of the e-mails the portal sends them."""

    template_name = "accounts/preferences.html"

    def get(self, request):
        form = PreferencesForm(initial={"preferred_language": request.user.preferred_language})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = PreferencesForm(request.POST)
        if form.is_valid():
            try:
                user_set_preferred_language(
                    user=request.user, language=form.cleaned_data["preferred_language"]
                )
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("Your settings were saved."))
                return redirect("accounts:preferences")
        return render(request, self.template_name, {"form": form})


class ApiTokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, public_id):
        try:
            api_token_revoke(user=request.user, public_id=public_id)
        except ApiToken.DoesNotExist:
            raise Http404 from None
        messages.success(request, _("The token was revoked."))
        return redirect("accounts:api_tokens")


def _next_url(request, default="staff:dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


class TwoFactorVerifyView(LoginRequiredMixin, View):
    """The second step of signing in: a code from the authenticator app or a recovery code."""

    template_name = "accounts/two_factor_verify.html"

    def get(self, request):
        if request.user.is_verified() or not two_factor_enabled(request.user):
            return redirect(_next_url(request))
        return render(
            request, self.template_name, {"form": TwoFactorCodeForm(), "next": _next_url(request)}
        )

    def post(self, request):
        form = TwoFactorCodeForm(request.POST)
        if form.is_valid():
            try:
                device = two_factor_check(user=request.user, code=form.cleaned_data["code"])
            except DomainError as e:
                form.add_error("code", e.message)
            else:
                otp_login(request, device)
                return redirect(_next_url(request))
        return render(request, self.template_name, {"form": form, "next": _next_url(request)})


class TwoFactorSetupView(LoginRequiredMixin, View):
    """Set up (or replace) the authenticator: scan the QR code, confirm with a code, get the
    recovery codes once. Someone who has one already must pass it first: a stolen password
    alone cannot enrol a new phone."""

    template_name = "accounts/two_factor_setup.html"

    def _guard(self, request):
        if not two_factor_applies(request.user):
            raise Http404
        if two_factor_enabled(request.user) and not request.user.is_verified():
            return redirect("accounts:two_factor_verify")
        return None

    def get(self, request):
        if (refused := self._guard(request)) is not None:
            return refused
        context = {"form": TwoFactorCodeForm(), "setup": totp_setup_start(user=request.user)}
        return render(request, self.template_name, context)

    def post(self, request):
        if (refused := self._guard(request)) is not None:
            return refused
        form = TwoFactorCodeForm(request.POST)
        if form.is_valid():
            try:
                codes = totp_setup_confirm(user=request.user, code=form.cleaned_data["code"])
            except DomainError as e:
                form.add_error("code", e.message)
            else:
                device = TOTPDevice.objects.get(user=request.user, confirmed=True)
                otp_login(request, device)
                return render(request, "accounts/recovery_codes.html", {"codes": codes})
        context = {"form": form, "setup": totp_setup_start(user=request.user)}
        return render(request, self.template_name, context)


class RecoveryCodesView(LoginRequiredMixin, View):
    """New recovery codes (the old ones stop working), shown once."""

    def post(self, request):
        if not (two_factor_enabled(request.user) and request.user.is_verified()):
            raise Http404
        codes = recovery_codes_regenerate(user=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes})
