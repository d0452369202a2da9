"""Absolute session lifetime, and the second factor for administrators and bureau staff.

Absolute session lifetime. The idle timeout is the session cookie's age, renewed on every
request (SESSION_SAVE_EVERY_REQUEST); this middleware also ends a session a fixed time after
login however active it is."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

LOGIN_TIME_KEY = "_login_time"


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_TIME_KEY)
            now = time.time()
            if started is None:
                request.session[LOGIN_TIME_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                messages.info(request, _("Your session has expired. Please sign in again."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


# Pages an admin or bureau user may open before the second factor: these, sign-out, the
# language switch and static files.
TWO_FACTOR_OPEN_URL_NAMES = {
    "accounts:two_factor_verify",
    "accounts:two_factor_setup",
    "accounts:logout",
    "accounts:login",
}


class TwoFactorMiddleware:
    """An admin or bureau session that has not passed its second factor reaches only the
    verification page (or the setup page when the factor is required and not set up yet);
    the API answers 403 to such a session. Token-authenticated API calls are not sessions:
    their token was issued only after the code (accounts.services.api_token_obtain)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .two_factor import two_factor_enabled, two_factor_required

        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or user.is_verified()
            or not two_factor_required(user)
        ):
            return self.get_response(request)
        path = request.path_info
        if path.startswith((settings.STATIC_URL, "/i18n/", "/favicon.ico")):
            return self.get_response(request)
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if match is not None and match.view_name in TWO_FACTOR_OPEN_URL_NAMES:
            return self.get_response(request)
        if path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Two-factor verification is required: sign in again in the browser.")},
                status=403,
            )
        target = (
            "accounts:two_factor_verify"
            if two_factor_enabled(user)
            else "accounts:two_factor_setup"
        )
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
