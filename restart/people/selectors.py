"""Reads of people that filter by who is asking or by derived facts."""

from difflib import SequenceMatcher

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from restart.core.access import user_can_enter, user_roles
from restart.core.audit import audit_record
from restart.core.roles import Role
from restart.people.eligibility import EU_EEA_CH
from restart.people.models import LEGAL_STAY, Person, Region
from restart.people.names import name_key


def people_visible() -> QuerySet[Person]:
    """Everyone whose processing is not restricted: what every list and search starts from."""
    return Person.objects.filter(restricted_at__isnull=True)


def eligible_q(*, today=None) -> Q:
    """The database form of `eligibility.eligible`, for filters and reports."""
    today = today or timezone.localdate()
    has_citizenship = ~Q(citizenship="") | ~Q(second_citizenship="")
    third_country = has_citizenship & ~Q(citizenship__in=EU_EEA_CH) & ~Q(second_citizenship__in=EU_EEA_CH)
    legal_stay = Q(residence_status__in=LEGAL_STAY) & (
        Q(residence_valid_until__isnull=True) | Q(residence_valid_until__gte=today)
    )
    return third_country & legal_stay & Q(region=Region.LOWER_SILESIA)


def people_search(
    *,
    query: str = "",
    citizenship: str = "",
    residence_status: str = "",
    target_group: str = "",
    eligibility: str = "",
) -> QuerySet[Person]:
    people = people_visible()
    query = query.strip()[:200]
    if "@" in query:
        people = people.filter(email__icontains=query)
    elif query:
        digits = "".join(ch for ch in query if ch.isdigit())
        if len(digits) >= 5 and len(digits) >= len(query.replace(" ", "")) - 2:
            people = people.filter(phone__contains=digits)
        else:
            for token in name_key(query).split()[:6]:
                people = people.filter(search_key__contains=token)
    if citizenship:
        people = people.filter(Q(citizenship=citizenship) | Q(second_citizenship=citizenship))
    if residence_status:
        people = people.filter(residence_status=residence_status)
    if target_group:
        people = people.filter(target_group=target_group)
    if eligibility == "eligible":
        people = people.filter(eligible_q())
    elif eligibility == "not_eligible":
        people = people.exclude(eligible_q())
    return people


def _similar_names(a: str, b: str) -> bool:
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return False
    if set(key_a.split()) == set(key_b.split()):
        return True
    return SequenceMatcher(None, key_a, key_b).ratio() >= 0.85


def person_duplicates(
    *, full_name: str, email: str = "", phone: str = "", birth_date=None, exclude_pk: int | None = None
) -> list[Person]:
    """Likely the same person: same e-mail or phone, or a similar name and the same birth date."""
    match = Q(pk__in=[])
    if email:
        match |= Q(email__iexact=email)
    if phone:
        match |= Q(phone=phone)
    if birth_date:
        match |= Q(birth_date=birth_date)
    candidates = people_visible().filter(match, erased_at__isnull=True).exclude(pk=exclude_pk)[:50]
    found = []
    for person in candidates:
        same_contact = (email and person.email.lower() == email.lower()) or (phone and person.phone == phone)
        if same_contact or (
            birth_date and person.birth_date == birth_date and _similar_names(full_name, person.full_name)
        ):
            found.append(person)
    return found


def person_get_for_user(*, user, pk: int, request=None) -> Person:
    """Fetch a person for a staff page and record that it was seen; restricted ones only for managers."""
    if not user_can_enter(user, "people"):
        raise Http404
    person = Person.objects.filter(pk=pk).select_related("organization").first()
    if person is None or (person.is_restricted and Role.MANAGER not in user_roles(user)):
        raise Http404
    audit_record(actor=user, action="person.view", obj=person, request=request)
    return person
