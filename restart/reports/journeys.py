# ruff: noqa: S608 -- the statement is built from the ledger's own column names; dates are parameters.
"""Journeys across services: for the people who first came in a month (a cohort), how many went
on to a consultation, a course, a meeting, a job fair, an interview, a hire, at any time since.
One statement over the ledger; the month is the database's own function of the first date."""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from restart.people.models import Participation

STEPS = (
    ("came", _("came"), "1 = 1"),
    ("consultation", _("consultation"), "kind = 'consultation'"),
    ("course", _("language course"), "kind = 'course'"),
    ("event", _("integration meeting"), "kind = 'event'"),
    ("job_fair", _("job fair"), "kind = 'job_fair'"),
    ("interview", _("job interview"), "kind = 'job_fair' AND professional_guidance"),
    ("hired", _("hired"), "hired"),
)


def _month(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY-MM')"
    return f"strftime('%%Y-%%m', {column})"


def _people() -> str:
    """`p`: each third-country national (as recorded at the time; eligible or not: this is the
    programme's own view, not the funder's count) who took part in anything, with the first date
    and, per step, whether they ever took it."""
    table = connection.ops.quote_name(Participation._meta.db_table)
    steps = ", ".join(f"MAX(CASE WHEN {condition} THEN 1 ELSE 0 END) AS {name}" for name, _label, condition in STEPS)
    return (f"p AS (SELECT person_id, MIN(starts_on) AS first_on, {steps} FROM {table} "
            f"WHERE status = %s AND starts_on <= %s AND third_country_national = %s GROUP BY person_id)")


def _params(today: datetime.date) -> list:
    return [Participation.Status.ATTENDED, today, True]


def cohorts(*, start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> list[dict]:
    """[{"month": "2026-03", "came": n, "consultation": n, …}] for the months of [start, end]."""
    today = today or timezone.localdate()
    sums = ", ".join(f"SUM({name})" for name, _label, _condition in STEPS)
    sql = (f"WITH {_people()} SELECT {_month('first_on')} AS month, {sums} FROM p "
           f"WHERE first_on >= %s AND first_on <= %s GROUP BY {_month('first_on')} ORDER BY 1")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*_params(today), start, end])
        rows = cursor.fetchall()
    return [{"month": month, **{name: int(n or 0) for (name, _label, _c), n in zip(STEPS, counts, strict=True)}}
            for month, *counts in rows]  # fmt: skip


def cohort_people(*, month: str, step: str, today: datetime.date | None = None) -> list[int]:
    """The people of one cohort (YYYY-MM) who took one step."""
    if step not in {name for name, _label, _condition in STEPS}:
        return []
    today = today or timezone.localdate()
    sql = f"WITH {_people()} SELECT person_id FROM p WHERE {_month('first_on')} = %s AND {step} = 1"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*_params(today), month])
        return [row[0] for row in cursor.fetchall()]
