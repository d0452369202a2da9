"""Absolute session lifetime. The idle timeout is the session cookie's age, renewed on every
request (SESSION_SAVE_EVERY_REQUEST); this middleware also ends a session a fixed time after
login however active it is."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
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
