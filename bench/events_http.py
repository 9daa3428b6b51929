"""200 people registering at once for 20 seats, through gunicorn and PostgreSQL.

`make bench` works on SQLite; the seat lock is meant for PostgreSQL under several processes, so
`run` starts `scripts/with-postgres.sh python -m bench.events_http`: this module then migrates the
throwaway database, serves the app with gunicorn as production does (DEBUG off, manifest static
files), registers 200 visitors one after another (the baseline) and 200 others at once, three
rounds on fresh dates, checks every date's counts in the database and writes
var/bench/events-http.json for run.py to print."""

import datetime
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "var" / "bench" / "events-http.json"
VISITORS = 200
SEATS = 20
WORKERS = int(os.environ.get("BENCH_HTTP_WORKERS", "4"))
ROUNDS = 3  # the machine is shared: the round with the median rate is reported, every round is checked
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def run(timed) -> dict:
    """In `make bench`: the measurement in its own process, against its own PostgreSQL."""
    RESULT.unlink(missing_ok=True)
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "STATIC_ROOT")}
    command = [str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, "-m", "bench.events_http"]
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0 or not RESULT.exists():
        sys.exit("events-http: failed (see above)")
    return json.loads(RESULT.read_text())


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))], 2)


def _request(port: int, method: str, path: str, body: str = "", headers: dict | None = None):
    # A new connection for every request, as separate visitors' browsers make them.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


class Visitor:
    """Someone who opened the event's page (and so holds its CSRF cookie) and is about to register."""

    def __init__(self, port: int, path: str, number: int):
        self.port, self.path, self.number = port, path, number
        status, headers, body = _request(port, "GET", path)
        assert status == 200, f"GET {path}: {status}"
        self.cookies = "; ".join(value.split(";")[0] for name, value in headers if name.lower() == "set-cookie")
        self.token = TOKEN.search(body.decode()).group(1)
        self.status, self.location, self.ms = 0, "", 0.0

    def register(self, occurrence_pk: int) -> None:
        body = urllib.parse.urlencode({
            "csrfmiddlewaretoken": self.token, "occurrence": occurrence_pk, "full_name": f"Olena Bench{self.number}",
            "email": f"visitor{self.number}@example.org", "phone": f"+48 5{self.number:04d}{self.number % 997:04d}",
            "consent": "on",
        })  # fmt: skip
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookies}
        start = time.perf_counter()
        self.status, headers_back, _body = _request(self.port, "POST", self.path, body, headers)
        self.ms = (time.perf_counter() - start) * 1000
        self.location = {name.lower(): value for name, value in headers_back}.get("location", "")


def _visitors(port: int, path: str, numbers: range) -> list[Visitor]:
    made: dict[int, Visitor] = {}

    def make(chunk: range) -> None:
        for number in chunk:
            made[number] = Visitor(port, path, number)

    threads = [threading.Thread(target=make, args=(numbers[start::8],)) for start in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [made[number] for number in numbers]


def _cpu() -> tuple[float, float]:
    """CPU seconds the whole machine has spent busy and in all (every core, every process: the
    server, the database and these clients), from /proc/stat; zeros where there is none."""
    try:
        ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return 0.0, 0.0
    hertz = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - ticks[3] - ticks[4]) / hertz, sum(ticks) / hertz  # less idle and iowait


def _measured(phase, visitors: list[Visitor], occurrence_pk: int) -> tuple[float, tuple]:
    busy, total = _cpu()
    seconds = phase(visitors, occurrence_pk)
    after_busy, after_total = _cpu()
    return seconds, (after_busy - busy, after_total - total)


def _at_once(visitors: list[Visitor], occurrence_pk: int) -> float:
    """Every visitor's POST released at the same moment, each from its own thread: seconds until the last answer."""
    ready, go = threading.Barrier(len(visitors) + 1), threading.Event()

    def visit(visitor: Visitor) -> None:
        ready.wait()
        go.wait()
        visitor.register(occurrence_pk)

    threads = [threading.Thread(target=visit, args=(visitor,)) for visitor in visitors]
    for thread in threads:
        thread.start()
    ready.wait()
    start = time.perf_counter()
    go.set()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def _one_by_one(visitors: list[Visitor], occurrence_pk: int) -> float:
    start = time.perf_counter()
    for visitor in visitors:
        visitor.register(occurrence_pk)
    return time.perf_counter() - start


def _setup(var_dir: str) -> tuple:
    """The database, the static files and one event with two occasions of 20 seats a round, a week apart."""
    import psycopg

    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(host=url.hostname, port=url.port, user=url.username, dbname="postgres",
                         autocommit=True) as admin:  # fmt: skip
        admin.execute(f'CREATE DATABASE "{url.path.lstrip("/")}"')
    os.environ.update(DEBUG="0", SECRET_KEY="bench-only", ALLOWED_HOSTS="127.0.0.1", VAR_DIR=var_dir,
                      EMAIL_BACKEND="memory", SMS_BACKEND="memory", LOG_LEVEL="WARNING",
                      KNOWLEDGE_EMBEDDER="none", DJANGO_SETTINGS_MODULE="restart.settings")  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from restart.events.services import event_create

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    first = (timezone.localtime() + datetime.timedelta(days=14)).replace(hour=18, minute=0, second=0, microsecond=0)
    event = event_create(data={
        "slug": "bench-rush", "kind": "screening", "language": "pl", "place": "Kino Nowe Horyzonty, Wrocław",
        "capacity": SEATS, "titles": {"pl": "Pokaz filmu", "en": "Film screening"},
        "repeat_until": (first + datetime.timedelta(weeks=2 * ROUNDS - 1)).date(),
    }, first_starts_at=first, minutes=120, weekly=True, by=None)  # fmt: skip
    occurrences = list(event.occurrences.order_by("starts_at"))
    assert len(occurrences) == 2 * ROUNDS
    return event, occurrences


def _serve(port: int, log) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "restart.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(WORKERS),
               "--timeout", "120", "--log-level", "warning"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def _wait_for(port: int, path: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            sys.exit("events-http: gunicorn stopped before answering")
        try:
            if _request(port, "GET", path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("events-http: gunicorn did not answer within 30 s")


def _counts(occurrence) -> dict:
    from django.db.models import Count

    rows = occurrence.quota.registrations.values_list("status").annotate(n=Count("pk"))
    return dict(rows.values_list("status", "n"))


def _row(name: str, visitors: list[Visitor], seconds: float, cpu: tuple, counts: dict) -> dict:
    latencies, (busy, total) = [visitor.ms for visitor in visitors], cpu
    return {
        "name": name, "per_s": round(len(visitors) / seconds, 1), "wall_ms": round(seconds * 1000),
        "p50_ms": _percentile(latencies, 0.5), "p95_ms": _percentile(latencies, 0.95),
        "confirmed": counts.get("confirmed", 0), "waitlisted": counts.get("waitlisted", 0),
        # Is it the cores or the lock? The machine's busy share, and its CPU time per registration.
        "cpu_busy_pct": round(100 * busy / total, 1) if total else None,
        "cpu_ms_per_registration": round(1000 * busy / len(visitors), 1) if total else None,
    }  # fmt: skip


def _failures(visitors: list[Visitor], counts: dict, label: str) -> list[str]:
    problems = [f"{label}: visitor {v.number} got {v.status} {v.location}" for v in visitors
                if v.status != 302 or "/registrations/" not in v.location]  # fmt: skip
    if counts != {"confirmed": SEATS, "waitlisted": VISITORS - SEATS}:
        problems.append(f"{label}: expected {SEATS} confirmed and {VISITORS - SEATS} waitlisted, found {counts}")
    return problems


def _round(port: int, path: str, number: int, one_by_one_date, rush_date) -> dict:
    first = 2 * VISITORS * number
    # The page views that hand out the CSRF cookies are not timed: only the registrations are.
    sequential = _visitors(port, path, range(first, first + VISITORS))
    rush = _visitors(port, path, range(first + VISITORS, first + 2 * VISITORS))
    return {"sequential": (sequential, *_measured(_one_by_one, sequential, one_by_one_date.pk), one_by_one_date),
            "rush": (rush, *_measured(_at_once, rush, rush_date.pk), rush_date)}  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="restart-bench-http-") as var_dir:
        event, occurrences = _setup(var_dir)
        path = f"/pl/meetings/{event.slug}/"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        log_path = Path(var_dir) / "gunicorn.log"
        with open(log_path, "w") as log:
            server = _serve(port, log)
            try:
                _wait_for(port, path, server)
                rounds = [_round(port, path, number, *occurrences[2 * number:2 * number + 2])
                          for number in range(ROUNDS)]  # fmt: skip
            finally:
                server.terminate()
                server.wait(timeout=30)
        rows, problems = [], []
        for number, measured in enumerate(rounds, start=1):
            pair = {}
            for kind, (visitors, seconds, cpu, occurrence) in measured.items():
                counts = _counts(occurrence)
                problems += _failures(visitors, counts, f"round {number}, {kind}")
                pair[kind] = _row(kind, visitors, seconds, cpu, counts)
            rows.append(pair)
        if problems:
            print("\n".join(["events-http: FAILED", *problems[:20]]), file=sys.stderr)
            print(log_path.read_text()[-5000:], file=sys.stderr)
            sys.exit(1)
    median = sorted(rows, key=lambda pair: pair["rush"]["per_s"])[len(rows) // 2]
    row, baseline = median["rush"], median["sequential"]
    row.update(name=f"{VISITORS} registrations at once, {SEATS} seats ({WORKERS} gunicorn workers)",
               baseline_per_s=baseline["per_s"], ratio=round(row["per_s"] / baseline["per_s"], 2),
               rounds_per_s=[pair["rush"]["per_s"] for pair in rows])  # fmt: skip
    baseline.update(name=f"{VISITORS} registrations one after another, {SEATS} seats",
                    rounds_per_s=[pair["sequential"]["per_s"] for pair in rows])  # fmt: skip
    result = {"rows": [row, baseline], "measured_at": datetime.datetime.now().isoformat(timespec="seconds")}
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
