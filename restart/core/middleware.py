import secrets

from django.conf import settings
from django.utils import translation


def content_security_policy(nonce: str, *, frame_sources: tuple[str, ...] = ()) -> str:
    """The site's policy; `frame_sources` lets one response embed a player the visitor asked for."""
    frames = f"frame-src {' '.join(frame_sources)}; " if frame_sources else ""
    return (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        f"{frames}object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


class ContentSecurityPolicyMiddleware:
    """A per-request nonce and a CSP that allows nothing from any other host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy(request.csp_nonce))
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RememberLanguageMiddleware:
    """Keep the language of the last prefixed page in a cookie, so `/` comes back to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        url_language = translation.get_language_from_path(request.path_info)
        if url_language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != url_language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                url_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=True,
            )
        return response
