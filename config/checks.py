"""System checks of the deployment (`manage.py check --deploy`), registered by
accounts.apps.AccountsConfig.ready."""

from email.utils import parseaddr

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_DOMAINS = ("localhost", "localdomain", "local", "internal", "invalid", "test", "example")


def _is_local(domain: str) -> bool:
    domain = domain.strip().strip("[]").lower().rstrip(".")
    if not domain or domain.replace(".", "").isdigit() or ":" in domain:
        return True
    return domain.rpartition(".")[2] in LOCAL_DOMAINS or domain in LOCAL_DOMAINS


@register(Tags.security, deploy=True)
def check_sender(app_configs, **kwargs):
    """portal.W001: mail sent from a local address is refused or sent to spam by receiving
    servers, and gives the recipient nowhere to answer."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if _is_local(address.rpartition("@")[2]):
        return [
            Warning(
                f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}, a local address.",
                hint="Set DEFAULT_FROM_EMAIL to the bureau's sending address, e.g. "
                "noreply@invest.example.gov.cn.",
                id="portal.W001",
            )
        ]
    return []
