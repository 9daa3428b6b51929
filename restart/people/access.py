"""Who may see which person: the one rule every person read goes through.

Managers see everyone, restricted records included; consultants everyone not restricted.
Other roles see only the people a module grants them (a specialist: the people whose cases
were referred to them). Modules register their grants here, so `people` imports no module.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from restart.core.access import user_roles
from restart.core.roles import Role
from restart.people.models import Person

# grant(user) -> a Q over Person naming the people that user may see, or None for nobody
Grant = Callable[[object], Q | None]
_GRANTS: list[Grant] = []


def register_person_grant(grant: Grant) -> None:
    """Called by a module's AppConfig.ready()."""
    if grant not in _GRANTS:
        _GRANTS.append(grant)


def people_for_user(user) -> QuerySet[Person]:
    roles = user_roles(user)
    if Role.MANAGER in roles:
        return Person.objects.all()
    visible = Person.objects.filter(restricted_at__isnull=True)
    if Role.CONSULTANT in roles:
        return visible
    granted = [q for q in (grant(user) for grant in _GRANTS) if q is not None]
    if not granted:
        return Person.objects.none()
    combined = granted[0]
    for q in granted[1:]:
        combined |= q
    return visible.filter(pk__in=Person.objects.filter(combined).values("pk"))


def may_change_person(user) -> bool:
    """Granted roles read the people they serve; only the registry's own staff change records."""
    return bool(user_roles(user) & {Role.MANAGER, Role.CONSULTANT})
