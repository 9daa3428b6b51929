"""The funder's report on a year of 1,000,000 ledger rows and 100,000 people, on PostgreSQL
(issue 12): the whole report (every indicator, every breakdown, the host society, the items and
the targets) against one hand-written SQL statement that computes the same counts, both timed in
the same run, and the dashboard's number of SQL queries at a tenth of the data and at all of it.

`make bench` runs this module in a throwaway PostgreSQL cluster (scripts/with-postgres.sh) and
reads back what it wrote to var/bench/reports.json.
"""

import datetime
import gc
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
FLAG_SHARES = {"language_course": 0.25, "civic_orientation": 0.15, "professional_guidance": 0.2,
               "recognition_applied": 0.03, "long_term_residence_applied": 0.02, "found_helpful": 0.3,
               "language_level_improved": 0.08, "hired": 0.01}  # fmt: skip
KINDS = ["consultation"] * 4 + ["course"] * 3 + ["event"] * 2 + ["job_fair"]

# The hand-written statement: the same counts, written once by hand for PostgreSQL, as a person
# fluent in SQL would (DISTINCT ON for the first row, GROUPING SETS for the breakdowns).
HAND = """
WITH r AS (
  SELECT person_id, id, starts_on, kind, sex, age_band, citizenship, residence_status, target_group, eligible,
         language_course, civic_orientation, professional_guidance, language_level_improved, found_helpful,
         recognition_applied, long_term_residence_applied
  FROM people_participation WHERE status = 'attended' AND starts_on <= %(end)s AND ends_on >= %(start)s),
x AS (
  SELECT i, r.* FROM r CROSS JOIN LATERAL (VALUES (0, eligible), (1, eligible AND language_course),
    (2, eligible AND civic_orientation), (3, eligible AND professional_guidance),
    (4, eligible AND language_level_improved), (5, eligible AND found_helpful), (6, eligible AND recognition_applied),
    (7, eligible AND long_term_residence_applied),
    (-1, target_group IN ('employer', 'teacher', 'pupil', 'parent', 'professional'))) AS ind(i, ok) WHERE ok),
f AS (SELECT DISTINCT ON (i, person_id) i, sex, age_band, citizenship, residence_status, target_group
      FROM x ORDER BY i, person_id, starts_on, id)
SELECT i, sex, age_band, citizenship, residence_status, target_group, NULL AS kind, COUNT(*) FROM f
GROUP BY GROUPING SETS ((i, sex), (i, age_band), (i, citizenship), (i, residence_status), (i, target_group))
UNION ALL
SELECT i, NULL, NULL, NULL, NULL, NULL, kind, COUNT(DISTINCT person_id) FROM x WHERE i >= 0 GROUP BY i, kind
"""


def run(timed) -> dict:
    """Called by bench.run: the measurement happens in its own PostgreSQL cluster."""
    command = ["bash", str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, "-m", "bench.reports"]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "DATABASE_URL": ""})
    return json.loads((OUT / "reports.json").read_text())


def _setup() -> None:
    from bench.run import setup_django

    _create_database(os.environ["DATABASE_URL"])
    setup_django(os.environ["DATABASE_URL"])


def _create_database(url: str) -> None:
    """The throwaway cluster has only its `postgres` database: make the one DATABASE_URL names."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def _grow(rng: random.Random, people: int, rows: int) -> None:
    """People by the ORM (bench/people.py), the ledger by COPY: 1,000,000 rows in seconds."""
    from django.db import connection

    from bench.people import _people
    from restart.people.models import Participation, Person

    have = Person.objects.count()
    if people > have:
        _people(rng, people - have, 900_000 + have)
    ids = list(Person.objects.values_list("pk", flat=True))
    fields = [field for field in Participation._meta.concrete_fields if not field.primary_key]
    columns = [field.column for field in fields]
    start = Participation.objects.count()
    now = datetime.datetime.now(datetime.UTC).isoformat()
    countries = ["UA", "UA", "UA", "BY", "GE", "IN", "KZ", "UZ", "MD", "PH", "VN", "TR"]
    buffer = io.StringIO()
    for number in range(start, rows):
        day = START + datetime.timedelta(days=rng.randrange(365))
        host = rng.random() < 0.04
        values = {
            "person_id": rng.choice(ids), "kind": rng.choice(KINDS),
            "status": "attended" if rng.random() < 0.85 else rng.choice(["absent", "cancelled", "registered"]),
            "starts_on": day, "ends_on": day + datetime.timedelta(days=rng.choice([0, 0, 0, 30, 90])),
            "source_type": "bench.activity", "source_id": str(number),
            **{flag: rng.random() < share for flag, share in FLAG_SHARES.items()},
            "third_country_national": not host, "eligible": not host and rng.random() < 0.9,
            "eligibility_code": "eligible", "residence_status": rng.choice(
                ["temporary_protection", "temporary_residence", "visa", "permanent_residence", "unknown"]),
            "target_group": rng.choice(["employer", "teacher", "pupil", "parent", "professional"]) if host else "tcn",
            "sex": rng.choice(["female", "female", "male", "male", "non_binary", "not_stated"]),
            "age_band": rng.choice(["0-17", "18-29", "30-54", "30-54", "55+", "unknown"]),
            "citizenship": rng.choice([*countries, ""]), "refused": "[]", "snapshot_on": day, "updated_at": now,
        }  # fmt: skip
        buffer.write("\t".join(_copy_value(values[field.attname]) for field in fields) + "\n")
    with connection.cursor() as cursor, cursor.cursor.copy(
        f"COPY {Participation._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    ) as copy:
        copy.write(buffer.getvalue())
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Participation._meta.db_table}")


def _copy_value(value) -> str:
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def _hand(connection) -> dict:
    """The hand-written statement's counts, in the report's shape, to check both agree."""
    with connection.cursor() as cursor:
        cursor.execute(HAND, {"start": START, "end": END})
        found = cursor.fetchall()
    counts: dict = {}
    names = ("sex", "age_band", "citizenship", "residence_status", "target_group")
    for i, *keys, kind, n in found:
        if kind is not None:
            counts.setdefault(i, {}).setdefault("module", {})[kind] = n
            continue
        for name, key in zip(names, keys, strict=True):
            if key is not None:
                key = key or "unknown" if name == "citizenship" else key
                counts.setdefault(i, {}).setdefault(name, {})[key] = n
    return counts


def _measure(timed, label: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.people import _staff_client
    from restart.reports.indicators import amif_report

    gc.collect()
    today = END + datetime.timedelta(days=30)
    report = timed(lambda: amif_report(start=START, end=END, today=today), 7)
    hand = timed(lambda: _hand(connection), 7)
    client = _staff_client(f"manager-{len(label)}@example.org")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/staff/reports/?start={START}&end={END}")
    assert response.status_code == 200, response.status_code
    return {"label": label, "report": report, "hand": hand, "dashboard_queries": len(queries),
            "ratio": round(report["p50_ms"] / hand["p50_ms"], 2)}  # fmt: skip


def _agree() -> bool:
    """Every count of the report equals the hand-written statement's."""
    from django.db import connection

    from restart.reports.indicators import indicator_counts

    ours = indicator_counts(start=START, end=END, today=END + datetime.timedelta(days=30))
    hand = _hand(connection)
    host = ours.pop("host_society")
    codes = list(ours)
    for number, code in enumerate(codes):
        for name, counts in ours[code]["breakdowns"].items():
            if {key: n for key, n in counts.items() if n} != hand.get(number, {}).get(name, {}):
                return False
    return {key: n for key, n in host.items() if n} == hand.get(-1, {}).get("target_group", {})


def main() -> None:
    from bench.run import timed

    _setup()
    from django.db import connection

    assert connection.vendor == "postgresql", "run through scripts/with-postgres.sh"
    rng = random.Random(12)
    _grow(rng, 10_000, 100_000)
    small = _measure(timed, "100,000 rows, 10,000 people")
    _grow(rng, 100_000, 1_000_000)
    large = _measure(timed, "1,000,000 rows, 100,000 people")
    result = {
        "rows": [
            {"name": "amif report, 1,000,000 rows / hand-written SQL (p50)", "p50_ms": large["report"]["p50_ms"],
             "p95_ms": large["report"]["p95_ms"], "hand_p50_ms": large["hand"]["p50_ms"],
             "hand_p95_ms": large["hand"]["p95_ms"], "ratio": large["ratio"], "target_ratio": 1.5},
            {"name": "amif report, 100,000 rows / hand-written SQL (p50)", "p50_ms": small["report"]["p50_ms"],
             "p95_ms": small["report"]["p95_ms"], "hand_p50_ms": small["hand"]["p50_ms"],
             "hand_p95_ms": small["hand"]["p95_ms"], "ratio": small["ratio"]},
            {"name": "dashboard SQL queries, 100,000 → 1,000,000 rows", "value": large["dashboard_queries"],
             "baseline_queries": small["dashboard_queries"],
             "ratio": round(large["dashboard_queries"] / small["dashboard_queries"], 2)},
            {"name": "report and hand-written SQL agree", "value": _agree()},
        ],
        "measured_at": datetime.datetime.now().isoformat(timespec="seconds"),
    }  # fmt: skip
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "reports.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result["rows"], indent=2))


if __name__ == "__main__":
    main()
