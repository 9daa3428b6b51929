"""Demo reporting: the whole project and its years, with targets, so the dashboard has something
to measure against."""

import datetime

from django.db import transaction
from django.utils import timezone

from restart.reports.models import ReportingPeriod, Target

# Targets of a small AMIF project (two and a half years), and a share of them for each year.
PROJECT_TARGETS = {"O.2.3": 900, "O.2.3.1": 240, "O.2.3.2": 200, "O.2.3.3": 300, "O.2.4": 12, "R.2.8": 150,
                   "R.2.9": 500, "R.2.10": 40, "R.2.11": 30}  # fmt: skip


@transaction.atomic
def seed_reports(*, password: str = "") -> str:
    if ReportingPeriod.objects.exists():
        return "already there"
    year = timezone.localdate().year
    project = ReportingPeriod.objects.create(name=f"Projekt {year - 1}–{year + 1}", whole_project=True,
                                             starts_on=datetime.date(year - 1, 7, 1),
                                             ends_on=datetime.date(year + 1, 12, 31))  # fmt: skip
    Target.objects.bulk_create(Target(period=project, code=code, value=value)
                               for code, value in PROJECT_TARGETS.items())  # fmt: skip
    for name, start, end in ((str(year - 1), datetime.date(year - 1, 7, 1), datetime.date(year - 1, 12, 31)),
                             (str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31))):  # fmt: skip
        period = ReportingPeriod.objects.create(name=name, starts_on=start, ends_on=end)
        share = 0.2 if start.year < year else 0.4
        Target.objects.bulk_create(Target(period=period, code=code, value=round(value * share))
                                   for code, value in PROJECT_TARGETS.items())  # fmt: skip
    return "the project and two years, with targets"
