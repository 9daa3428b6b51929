from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from restart.core.access import AREAS, user_areas, user_can_enter


def site(request):
    """What the base layout needs on every page: name, nonce, language links."""
    path = request.get_full_path()
    current = get_language()
    user = getattr(request, "user", None)
    verified = user is not None and user.is_authenticated and user.is_verified()
    match = getattr(request, "resolver_match", None)
    return {
        "staff_areas": user_areas(user) if verified else [],
        "entered_areas": {area for area in AREAS if user_can_enter(user, area)} if verified else set(),
        "current_area": getattr(match.func, "staff_area", None) if match else None,
        "programme_name": settings.PROGRAMME_NAME,
        "contact_email": settings.NGO_CONTACT_EMAIL,
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
