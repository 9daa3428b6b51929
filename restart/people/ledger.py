"""The activity ledger's rules: the snapshot a row carries, which rows count, and the
resolvers through which each module names its own activities (docs/architecture.md).

`people` never imports a module: a module registers a resolver for its source type in its
AppConfig.ready(), and a person's page asks the registry for titles and links.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q

from restart.people.choices import SENSITIVE_FIELDS, AgeBand


def age_on(person, day: datetime.date) -> int | None:
    if person.birth_date:
        before_birthday = (day.month, day.day) < (person.birth_date.month, person.birth_date.day)
        return day.year - person.birth_date.year - before_birthday
    if person.birth_year:
        return day.year - person.birth_year  # the year alone: at most one year too old
    return None


def age_band(age: int | None) -> str:
    if age is None or age < 0:
        return AgeBand.UNKNOWN
    if age < 18:
        return AgeBand.CHILD
    if age < 30:
        return AgeBand.YOUNG
    if age < 55:
        return AgeBand.ADULT
    return AgeBand.SENIOR


def snapshot(person, day: datetime.date) -> dict:
    """What reports break down by, as the person's record says it on `day`."""
    assessment = person.assess(on=day)
    return {
        "third_country_national": assessment.third_country_national,
        "eligible": assessment.eligible,
        "eligibility_code": assessment.code,
        "residence_status": person.residence_status,
        "target_group": person.target_group,
        "sex": person.sex,
        "age_band": age_band(age_on(person, day)),
        "citizenship": (person.citizenship or person.second_citizenship or "")[:2],
        "refused": [item for item in SENSITIVE_FIELDS if person.has_refused(item)],
    }


def counted_q(*, start: datetime.date, end: datetime.date, today: datetime.date) -> Q:
    """Rows an indicator for [start, end] may count: taken part in, overlapping the period,
    and begun by today (a future activity counts in nothing yet)."""
    return Q(status="attended", starts_on__lte=min(end, today), ends_on__gte=start)


@dataclass(frozen=True)
class SourceLabel:
    """How a person's page shows one activity: its title in the reader's language and a link."""

    title: str
    url: str = ""


# source type ("infopoint.consultation") -> resolver(ids, user) -> {id: SourceLabel}
Resolver = Callable[[list[str], object], dict[str, SourceLabel]]
_RESOLVERS: dict[str, Resolver] = {}


def register_source(source_type: str, resolver: Resolver) -> None:
    """Called by the owning app's AppConfig.ready(); one resolver per source type."""
    if _RESOLVERS.get(source_type, resolver) is not resolver:
        raise ValueError(f"A resolver for {source_type!r} is already registered.")
    _RESOLVERS[source_type] = resolver


def source_labels(rows: Iterable, *, user) -> dict[tuple[str, str], SourceLabel]:
    """Titles and links for ledger rows, one call per source type (not one query per row)."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        wanted[row.source_type].append(row.source_id)
    labels = {}
    for source_type, ids in wanted.items():
        resolver = _RESOLVERS.get(source_type)
        if resolver is None:
            continue
        for source_id, label in resolver(ids, user).items():
            labels[source_type, source_id] = label
    return labels


@dataclass(frozen=True)
class PathStep:
    """One step of a person's path across services: the first day they took it."""

    day: datetime.date
    step: str  # a ledger kind, or "interview" / "hired"


def path(rows: Iterable) -> list[PathStep]:
    """The first day of each service a person took part in, in the order they came to them: the
    consultation, the course, a meeting, the job fair, an interview there, a hire."""
    firsts: dict[str, datetime.date] = {}
    for row in rows:
        if row.status != "attended":
            continue
        steps = [row.kind]
        if row.kind == "job_fair" and row.professional_guidance:
            steps.append("interview")
        if row.hired:
            steps.append("hired")
        for step in steps:
            firsts[step] = min(firsts.get(step, row.starts_on), row.starts_on)
    return sorted((PathStep(day, step) for step, day in firsts.items()), key=lambda item: (item.day, item.step))
