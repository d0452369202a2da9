"""Response headers every answer gets (besides Django's SecurityMiddleware and django-csp).

- ``Permissions-Policy``: the portal uses no camera, microphone, location, payment, USB or
  sensors; no page (nor anything injected into one) may ask for them.
- ``Cache-Control: no-store`` on every answer to a signed-in user (pages, exports, API) and on
  every API answer (the token endpoint's answer holds a token): nothing personal or scoped is
  kept by a browser or a shared cache. Public pages stay cacheable.
"""

from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith("/api/"):
            add_never_cache_headers(response)
        return response
