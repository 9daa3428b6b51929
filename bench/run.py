"""`make bench`: benchmarks on a scratch SQLite database in var/bench, each reported against a
baseline measured in the same run. Writes var/bench/<name>.json and prints a summary table."""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"


def setup_django(database_url: str = "") -> None:
    """A scratch SQLite database in var/bench, or the one `database_url` names (bench/reports.py
    runs in its own PostgreSQL cluster)."""
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "bench.sqlite3"
    if not database_url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{db}"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "restart.settings")
    os.environ["EMAIL_BACKEND"] = "memory"
    os.environ["STATIC_ROOT"] = str(OUT / "static")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)  # production's manifest storage


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, repeat: int) -> dict:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(percentile(samples, 0.5), 2), "p95_ms": round(percentile(samples, 0.95), 2)}


def main() -> None:
    setup_django()
    from bench import (
        courses,
        events,
        events_http,
        infopoint,
        jobfair,
        knowledge,
        knowledge_ablation,
        knowledge_set,
        people,
        reports,
    )

    selected = set(sys.argv[1:]) or {"people", "infopoint", "knowledge", "events", "events-http", "courses",
                                     "jobfair", "reports", "knowledge-set"}  # fmt: skip
    benches = {"people": people.run, "infopoint": infopoint.run, "knowledge": knowledge.run, "events": events.run,
               "events-http": events_http.run, "courses": courses.run, "jobfair": jobfair.run,
               "reports": reports.run, "knowledge-set": knowledge_set.run,
               "knowledge-ablation": knowledge_ablation.run}  # fmt: skip
    results = {name: bench(timed) for name, bench in benches.items() if name in selected}
    for name, result in results.items():
        (OUT / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"\n{'benchmark':44} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8} {'per s':>7} {'value':>7} {'× baseline':>11}")
    for name, result in results.items():
        for row in result["rows"]:
            print(
                f"{name + ': ' + row['name']:44} {row.get('p50_ms', ''):>9} {row.get('p95_ms', ''):>9} "
                f"{row.get('queries', ''):>8} {row.get('per_s', ''):>7} {row.get('value', ''):>7} "
                f"{row.get('ratio', ''):>11}"
            )
    print(f"\nwritten to {OUT}/")


if __name__ == "__main__":
    main()
