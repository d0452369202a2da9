"""One line on the `portal.security` logger for each sign-in, failed sign-in and lockout
(config/requestlog.py). Token issue and revoke are logged by accounts.services; refusals (403)
by config.requestlog.RequestIdMiddleware. Never a password, a code or a token."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from config.requestlog import security_event


@receiver(user_login_failed, dispatch_uid="security_log_failed")
def _failed(sender, credentials, request=None, **kwargs):
    security_event("signin_failed", request, username=credentials.get("username", ""))


@receiver(user_locked_out, dispatch_uid="security_log_lockout")
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    security_event("lockout", request, username=username or "")


@receiver(user_logged_in, dispatch_uid="security_log_signin")
def _signed_in(sender, request, user, **kwargs):
    security_event("signin", request, user_id=user.pk)


@receiver(user_logged_out, dispatch_uid="security_log_signout")
def _signed_out(sender, request, user, **kwargs):
    security_event("signout", request, user_id=getattr(user, "pk", None))
