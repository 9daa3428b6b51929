"""Reads of people that filter by who is asking or by derived facts."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from restart.core.audit import audit_record
from restart.people.access import may_change_person, people_for_user
from restart.people.eligibility import EU_EEA_CH
from restart.people.models import LEGAL_STAY, Consent, Organization, Person, Region
from restart.people.names import name_key, similar_names


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
            birth_date and person.birth_date == birth_date and similar_names(full_name, person.full_name)
        ):
            found.append(person)
    return found


def person_get_for_user(*, user, pk: int, request=None, write: bool = False) -> Person:
    """Fetch a person for a staff page and record that it was seen.

    404 when the user may not see the person (restricted ones only for managers, specialists only
    the people referred to them); 403 when they may see but not change them (`write=True`).
    """
    person = people_for_user(user).filter(pk=pk).select_related("organization").first()
    if person is None:
        raise Http404
    if write and not may_change_person(user):
        raise PermissionDenied
    audit_record(actor=user, action="person.view", obj=person, request=request)
    return person


def contact_twins(*, limit: int = 200) -> list[list[Person]]:
    """Groups of records that share an e-mail address or a phone number: likely one person
    booking twice, or someone typing another's address. A consultant reviews and merges them."""
    visible = people_visible().filter(erased_at__isnull=True)
    groups = []
    for field in ("email", "phone"):
        shared = visible.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).filter(n__gt=1)
        people = visible.filter(**{f"{field}__in": shared.values(field)}).order_by(field, "pk")[:limit]
        by_value: dict[str, list[Person]] = {}
        for person in people:
            by_value.setdefault(getattr(person, field), []).append(person)
        groups += [group for group in by_value.values() if len(group) > 1]
    return groups


def organization_get_for_user(*, user, pk: int) -> Organization:
    """An organisation, for the staff who keep the registry."""
    organization = Organization.objects.filter(pk=pk).first() if may_change_person(user) else None
    if organization is None:
        raise Http404
    return organization


def consent_get_for_user(*, user, person: Person, pk: int) -> Consent:
    """A consent still in force, of a person the user may change (fetched with `person_get_for_user`)."""
    consent = Consent.objects.filter(pk=pk, person=person, withdrawn_at__isnull=True).first()
    if consent is None or not may_change_person(user):
        raise Http404
    return consent
