"""Where gunicorn listens: `DJANGO_BIND`, read by the Procfile (`--bind ${DJANGO_BIND:-…}`)
and by the production settings, which refuse to trust `X-Forwarded-For` while the port can be
reached by anything but the proxy (config/settings/prod.py)."""

import ipaddress
import re

DEFAULT_BIND = "127.0.0.1:8000"


def _host(address: str) -> str:
    if address.startswith("["):  # [::1]:8000
        return address[1 : address.find("]")]
    if address.count(":") > 1:  # a bare IPv6 address
        return address
    return address.rpartition(":")[0] if ":" in address else address


def bind_is_loopback(bind: str) -> bool:
    """True when every address in `bind` (gunicorn's syntax: `HOST:PORT`, `[IPv6]:PORT` or
    `unix:PATH`, several separated by spaces or commas) reaches this machine only."""
    addresses = [a for a in re.split(r"[\s,]+", bind.strip()) if a]
    if not addresses:
        return False
    for address in addresses:
        if address.startswith(("unix:", "fd://")):
            continue
        host = _host(address)
        if host == "localhost":
            continue
        try:
            if not ipaddress.ip_address(host).is_loopback:
                return False
        except ValueError:  # empty (all interfaces) or a name: not provably local
            return False
    return True
