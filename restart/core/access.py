"""Who may enter which staff area: the one place views ask (DESIGN.md §4)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from restart.core.roles import Role

ALL_ROLES = frozenset(Role)

# area -> roles allowed in it
AREAS: dict[str, frozenset[str]] = {
    "dashboard": ALL_ROLES,
    "people": frozenset({Role.MANAGER, Role.CONSULTANT}),
    "infopoint": frozenset({Role.MANAGER, Role.CONSULTANT}),
    # Referred cases, one's own consultations and availability: each object is checked again by
    # its app's `<noun>_get_for_user` helper, since a specialist sees only what was referred to them.
    "cases": frozenset({Role.MANAGER, Role.CONSULTANT, Role.SPECIALIST}),
    "knowledge": frozenset({Role.MANAGER, Role.CONSULTANT}),
    "courses": frozenset({Role.MANAGER, Role.COORDINATOR, Role.TEACHER}),
    "events": frozenset({Role.MANAGER, Role.COORDINATOR}),
    "jobfair": frozenset({Role.MANAGER, Role.COORDINATOR, Role.EMPLOYER}),
    "campaign": frozenset({Role.MANAGER, Role.COORDINATOR}),
    "reports": frozenset({Role.MANAGER}),
    "accounts": frozenset({Role.MANAGER}),
    "audit": frozenset({Role.MANAGER}),
}

AREA_LABELS = {
    "dashboard": _("Overview"),
    "people": _("People"),
    "infopoint": _("Information point"),
    "cases": _("My cases"),
    "knowledge": _("Knowledge base"),
    "courses": _("Polish courses"),
    "events": _("Integration meetings"),
    "jobfair": _("Job fair"),
    "campaign": _("Campaign"),
    "reports": _("Reports"),
    "accounts": _("Staff accounts"),
    "audit": _("Audit trail"),
}


def user_roles(user) -> frozenset[str]:
    """The roles of a signed-in, active user; a superuser holds every role."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return ALL_ROLES
    cached = getattr(user, "_restart_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) & ALL_ROLES
        user._restart_roles = cached
    return cached


def user_can_enter(user, area: str) -> bool:
    return bool(user_roles(user) & AREAS[area])


# Where each area starts; areas whose module has not landed show a "coming soon" page.
AREA_URLS = {
    "dashboard": "staff:dashboard",
    "people": "people:list",
    "infopoint": "infopoint_staff:week",
    "cases": "infopoint_staff:referrals",
    "events": "events_staff:list",
    "courses": "courses_staff:list",
    "jobfair": "jobfair_staff:home",
    "knowledge": "knowledge_staff:list",
    "campaign": "campaign_staff:overview",
    "reports": "reports:dashboard",
    "accounts": "staff:account_list",
    "audit": "audit:list",
}


def area_url(area: str) -> str:
    return reverse(AREA_URLS.get(area, f"staff:area_{area}"))


def user_areas(user) -> list[dict]:
    """The areas a user may open, with their labels and addresses, in navigation order."""
    entered = [area for area in AREAS if user_can_enter(user, area)]
    return [
        {"area": area, "label": AREA_LABELS[area], "url": area_url(area)}
        for area in entered
        if not _INSIDE_ANOTHER.get(area, set()) & set(entered)
    ]


# An area whose pages another area's navigation already reaches is not listed twice.
_INSIDE_ANOTHER = {"cases": {"infopoint"}}



def area_required(area: str):
    """Decorator for staff views: sign-in, two-factor, then the area's roles, or 403."""
    if area not in AREAS:
        raise ValueError(f"Unknown staff area {area!r}")

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), resolve_url("staff:login"))
            if not user.is_verified():
                return redirect_to_login(request.get_full_path(), resolve_url("staff:two_factor"))
            if not user_can_enter(user, area):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.staff_area = area
        return wrapper

    return decorator
