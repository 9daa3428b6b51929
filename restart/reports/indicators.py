# ruff: noqa: S608 -- the statements are built from the ledger's own column names and from rules
# checked against them (definitions.py); the dates and statuses are parameters.
"""The funder's indicators for a period, counted by the database from the activity ledger.

One SQL statement counts every "people" indicator with all its breakdowns: the ledger rows that
count (taken part in, overlapping the period, begun by today, eligible third-country national as
recorded at the time), and for each indicator the person's first such row in the period, whose
snapshot gives the breakdowns, so that each breakdown sums to the indicator's value. The module
breakdown counts a person once in every module they took part in. Host-society participants
(the snapshot's target group is not "third-country national") are counted apart, by group.
"""

import datetime

from django.db import connection
from django.utils import timezone

from restart.people.choices import AgeBand, ResidenceStatus, Sex, TargetGroup
from restart.people.models import Participation
from restart.reports.definitions import Indicator, definitions
from restart.reports.items import items_count
from restart.reports.models import ReportingPeriod, Target

DIMENSIONS = ("sex", "age_band", "citizenship", "residence_status", "target_group")
MODULES = ("consultation", "course", "event", "job_fair")
# Every key of a closed list is in the JSON, zeros included; citizenship lists those present.
KEYS = {
    "sex": Sex.values, "age_band": AgeBand.values, "residence_status": ResidenceStatus.values,
    "target_group": TargetGroup.values, "module": MODULES, "citizenship": (),
}  # fmt: skip
HOST_SOCIETY = tuple(group for group in TargetGroup.values if group != TargetGroup.THIRD_COUNTRY_NATIONAL)
UNKNOWN_CITIZENSHIP = "unknown"


def amif_report(*, start: datetime.date, end: datetime.date, today: datetime.date | None = None,
                language: str | None = None) -> dict:  # fmt: skip
    """The report in the shape of DESIGN.md §7 and issue 12, labels in `language`."""
    period = ReportingPeriod.objects.filter(starts_on=start, ends_on=end).first()
    # A closed period's figures are those the funder received, whatever was corrected since.
    found = period.reported if period and period.closed_at else figures(start=start, end=end, today=today)
    targets = dict(Target.objects.filter(period=period).values_list("code", "value")) if period else {}
    rows = []
    for indicator in definitions().indicators:
        counted = found["indicators"].get(indicator.code, {"value": 0, "breakdowns": {}})
        rows.append({"code": indicator.code, "label": indicator.label(language), "value": counted["value"],
                     "target": targets.get(indicator.code), "breakdowns": counted["breakdowns"]})  # fmt: skip
    return {"from": start.isoformat(), "to": end.isoformat(), "indicators": rows,
            "host_society": found["host_society"]}  # fmt: skip


def figures(*, start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> dict:
    """The numbers alone, as a closed period keeps them: {"indicators": {code: {"value",
    "breakdowns"}}, "host_society": {group: n}}."""
    today = today or timezone.localdate()
    counted = indicator_counts(start=start, end=end, today=today)
    host = counted.pop("host_society")
    for indicator in definitions().indicators:
        if indicator.count == "items":
            counted[indicator.code] = {"value": items_count(indicator.items, start, min(end, today)), "breakdowns": {}}
    return {"indicators": counted, "host_society": host}


def indicator_counts(*, start: datetime.date, end: datetime.date, today: datetime.date) -> dict:
    """{code: {"value", "breakdowns"}} for every "people" indicator, and "host_society"."""
    people = [indicator for indicator in definitions().indicators if indicator.count == "people"]
    with connection.cursor() as cursor:
        cursor.execute(_statement(people), _period_params(start, end, today))
        found = cursor.fetchall()
    counts = {indicator.code: _empty() for indicator in people}
    host = dict.fromkeys(HOST_SOCIETY, 0)
    for number, dimension, key, n in found:
        if number < 0:
            host[key] = host.get(key, 0) + n
            continue
        breakdown = counts[people[number].code]["breakdowns"][dimension]
        key = key or UNKNOWN_CITIZENSHIP if dimension == "citizenship" else key
        breakdown[key] = breakdown.get(key, 0) + n
    for item in counts.values():
        item["value"] = sum(item["breakdowns"]["sex"].values())
    return {**counts, "host_society": host}


def _empty() -> dict:
    return {"value": 0, "breakdowns": {name: dict.fromkeys(KEYS[name], 0) for name in (*DIMENSIONS, "module")}}


def _rows(indicators: list[Indicator]) -> str:
    """`r`: the ledger rows that count in the period, with a column c<i> per indicator's rule."""
    table = connection.ops.quote_name(Participation._meta.db_table)
    columns = ", ".join(("person_id", "id", "starts_on", "kind", *DIMENSIONS))
    flags = "".join(f", ({_condition(indicator.where)}) AS c{number}" for number, indicator in enumerate(indicators))
    host = ", ".join(f"'{group}'" for group in HOST_SOCIETY)
    return (f"r AS (SELECT {columns}{flags}, eligible AS eligible_now, (target_group IN ({host})) AS host "
            f"FROM {table} WHERE status = %s AND starts_on <= %s AND ends_on >= %s)")


def _statement(indicators: list[Indicator]) -> str:
    """The one statement: `r` the rows that count, `f<i>` each indicator's first row per person,
    then (indicator number, dimension, key, count) for every breakdown. Host society is -1."""
    ctes, selects = [_rows(indicators)], []
    for number in range(len(indicators)):
        ctes.append(_firsts(f"f{number}", f"eligible_now AND c{number}"))
        selects += [f"SELECT {number}, '{name}', {name}, COUNT(*) FROM f{number} GROUP BY {name}"
                    for name in DIMENSIONS]  # fmt: skip
        selects.append(f"SELECT {number}, 'module', kind, COUNT(DISTINCT person_id) FROM r "
                       f"WHERE eligible_now AND c{number} GROUP BY kind")  # fmt: skip
    ctes.append(_firsts("h", "host"))
    selects.append("SELECT -1, 'host_society', target_group, COUNT(*) FROM h GROUP BY target_group")
    return "WITH " + ",\n".join(ctes) + "\n" + "\nUNION ALL ".join(selects)


def _firsts(name: str, condition: str) -> str:
    """Each person's first counted row (by date, then by id) among those meeting `condition`."""
    columns = ", ".join(("person_id", "starts_on", *DIMENSIONS))
    return (f"{name} AS (SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER "
            f"(PARTITION BY person_id ORDER BY starts_on, id) AS n FROM r WHERE {condition}) ranked WHERE n = 1)")


def _period_params(start: datetime.date, end: datetime.date, today: datetime.date) -> list:
    return [Participation.Status.ATTENDED, min(end, today), start]


def first_days(*, start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> dict:
    """{code: {day: people}}: the day each counted person first took part in the period (a day
    before the period counts as its first day), for the trend by month. One statement."""
    today = today or timezone.localdate()
    people = [indicator for indicator in definitions().indicators if indicator.count == "people"]
    ctes = [_rows(people)] + [_firsts(f"f{n}", f"eligible_now AND c{n}") for n in range(len(people))]
    selects = [f"SELECT {n}, starts_on, COUNT(*) FROM f{n} GROUP BY starts_on" for n in range(len(people))]
    with connection.cursor() as cursor:
        cursor.execute("WITH " + ",\n".join(ctes) + "\n" + "\nUNION ALL ".join(selects),
                       _period_params(start, end, today))  # fmt: skip
        found = cursor.fetchall()
    days = {indicator.code: {} for indicator in people}
    for number, day, n in found:
        day = max(day if isinstance(day, datetime.date) else datetime.date.fromisoformat(str(day)), start)
        days[people[number].code][day] = days[people[number].code].get(day, 0) + n
    return days


def people_counted(*, code: str, start: datetime.date, end: datetime.date, today: datetime.date | None = None,
                   dimension: str = "", key: str = "") -> list[int]:  # fmt: skip
    """The ids of the people behind one number of the report ("host_society" for the host
    society), with the same rules as the figure itself."""
    today = today or timezone.localdate()
    people = [indicator for indicator in definitions().indicators if indicator.count == "people"]
    number = next((n for n, indicator in enumerate(people) if indicator.code == code), None)
    if number is None and code != "host_society":
        return []
    condition = "host" if code == "host_society" else f"eligible_now AND c{number}"
    params = _period_params(start, end, today)
    if dimension == "module":
        sql = f"SELECT DISTINCT person_id FROM r WHERE {condition} AND kind = %s"
        params.append(key)
    else:
        sql = "SELECT person_id FROM f"
        if dimension in (*DIMENSIONS, "host_society"):
            column = "target_group" if dimension == "host_society" else dimension
            sql += f" WHERE {column} = %s"
            params.append("" if dimension == "citizenship" and key == UNKNOWN_CITIZENSHIP else key)
        sql = f"WITH {_rows(people)}, {_firsts('f', condition)} {sql}"
    if dimension == "module":
        sql = f"WITH {_rows(people)} {sql}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _condition(where: dict) -> str:
    """A rule as SQL. Names and values were checked against the ledger's own (definitions.py),
    so they are written into the statement, not passed as parameters."""
    parts = []
    for name, wanted in where.items():
        if name == "kind":
            kinds = [wanted] if isinstance(wanted, str) else list(wanted)
            parts.append("kind IN ({})".format(", ".join(f"'{kind}'" for kind in kinds if kind.isidentifier())))
        else:
            column = connection.ops.quote_name(Participation._meta.get_field(name).column)
            parts.append(column if wanted else f"NOT {column}")
    return " AND ".join(parts) or "1 = 1"
