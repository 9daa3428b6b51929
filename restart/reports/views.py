"""The manager's reports: the dashboard (indicators against targets, the trend by month, every
breakdown, each number linking to its people), the downloads, and periods with their targets."""

import datetime
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from restart.core.access import area_required
from restart.core.paging import paginate
from restart.people.forms import ImportForm
from restart.people.models import Person
from restart.people.services.importing import ImportFileError, rows_from_upload
from restart.reports import activities, charts, journeys, services
from restart.reports.definitions import definitions
from restart.reports.exports import dimension_titles, key_label, report_pdf, report_xlsx, share_of_target
from restart.reports.forms import PeriodForm, ReportFilterForm, TargetsForm
from restart.reports.indicators import amif_report, first_days, people_counted
from restart.reports.models import ReportingPeriod
from restart.reports.quality import ITEMS, data_quality, lead_code, missing


def _default_period() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    current = ReportingPeriod.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by("whole_project").first()
    if current:
        return current.starts_on, current.ends_on
    return today.replace(month=1, day=1), today.replace(month=12, day=31)


def _period(request):
    start, end = _default_period()
    form = ReportFilterForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return start, end, form


@area_required("reports")
def dashboard(request):
    start, end, form = _period(request)
    report = amif_report(start=start, end=end)
    rows = [{**row, "share": share_of_target(row)} for row in report["indicators"]]
    days = first_days(start=start, end=end)
    lead = next(row for row in rows if row["code"] in days) if days else None
    by_month = {code: charts.cumulative_by_month(found, start, end) for code, found in days.items()}
    month_label = lambda month: formats.date_format(month, "YEAR_MONTH_FORMAT")  # noqa: E731
    trend = charts.trend(by_month[lead["code"]], target=lead["target"], month_label=month_label, title=_(
        "%(code)s by month, counted since %(start)s, against the target") % {"code": lead["code"], "start": start},
    ) if lead else ""  # fmt: skip
    return render(request, "reports/dashboard.html", {
        "form": form, "start": start, "end": end, "report": report, "rows": rows, "lead": lead,
        "bars": charts.bars(rows, title=_("Each indicator's value, and its target as a red mark")), "trend": trend,
        "months": [(month_label(month), [by_month[code][n][1] for code in by_month])
                   for n, (month, _total) in enumerate(next(iter(by_month.values()), []))],
        "month_codes": list(by_month), "breakdowns": _breakdown_tables(rows),
        "host": [(key, key_label("target_group", key), n) for key, n in report["host_society"].items()],
        "periods": ReportingPeriod.objects.all(), "query": f"start={start}&end={end}",
        "definitions_name": definitions().name(), "quality": data_quality(start=start, end=end),
        "lead_code": lead_code(), **_journeys(start, end),
    })  # fmt: skip


def _journeys(start, end) -> dict:
    found = journeys.cohorts(start=start, end=end)
    totals = [{"code": str(label), "value": sum(row[name] for row in found)} for name, label, _c in journeys.STEPS]
    return {"cohorts": [{"month": row["month"], "steps": [(name, row[name]) for name, *_rest in journeys.STEPS]}
                        for row in found],
            "steps": [label for _name, label, _c in journeys.STEPS], "step_totals": [row["value"] for row in totals],
            "funnel": charts.bars(totals, left=190, title=_(
                "People who first came in the period, and how many of them took each next step")) if found else ""}


# Short closed lists show their zeros; long ones (residence status, target group) only what occurs.
SHOW_ZEROS = ("sex", "age_band", "module")


def _breakdown_tables(rows: list[dict]) -> list[dict]:
    titles = dimension_titles()
    return [{"row": row, "tables": [{"dimension": dimension, "title": titles[dimension],
                                     "rows": [(key, key_label(dimension, key), n) for key, n in counts.items()
                                              if n or dimension in SHOW_ZEROS]}
                                    for dimension, counts in row["breakdowns"].items()]}
            for row in rows if row["breakdowns"]]  # fmt: skip


@area_required("reports")
def download(request, fmt: str):
    start, end, _form = _period(request)
    report = amif_report(start=start, end=end)
    name = f"amif-{start}-{end}"
    if fmt == "json":
        response = HttpResponse(json.dumps(report, ensure_ascii=False, indent=2), content_type="application/json")
    elif fmt == "xlsx":
        response = HttpResponse(report_xlsx(report, language=get_language()),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    elif fmt == "pdf":
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@area_required("reports")
def people_behind(request):
    """The people one number counts, for a consultant to see or complete their records."""
    start, end, _form = _period(request)
    code, dimension, key = (request.GET.get(name, "")[:40] for name in ("code", "dimension", "key"))
    item = request.GET.get("missing", "")
    cohort, step = request.GET.get("cohort", "")[:7], request.GET.get("step", "")[:20]
    if cohort:
        ids = journeys.cohort_people(month=cohort, step=step)
        label = next((str(label) for name, label, _c in journeys.STEPS if name == step), step)
        code, dimension, key, item = "", "", "", ""
    elif item in {name for name, *_rest in ITEMS}:
        # Data quality: the records to complete, not the refusals.
        code, ids = lead_code(), missing(item=item, start=start, end=end)
        dimension, key = next((dimension, key) for name, dimension, key, _label in ITEMS if name == item)
    else:
        item, ids = "", people_counted(code=code, start=start, end=end, dimension=dimension, key=key)
    people = Person.objects.filter(pk__in=ids).order_by("full_name", "pk")
    hidden = people.filter(restricted_at__isnull=False).count()
    page, query_string = paginate(request, people.filter(restricted_at__isnull=True), 50)
    indicator = definitions().get(code)
    what = indicator.label() if indicator else _("Host society (counted apart)") if code == "host_society" else code
    detail = key_label(dimension, key) if dimension else ""
    if cohort:
        what = _("First came in %(month)s") % {"month": cohort}
        detail, dimension = label, "journey"
    return render(request, "reports/people.html", {
        "code": code, "what": what, "detail": detail,
        "dimension_title": _("Then took") if dimension == "journey" else dimension_titles().get(dimension, ""),
        "page": page, "query_string": query_string, "total": len(ids), "hidden": hidden, "start": start, "end": end,
        "missing": item,
    })  # fmt: skip


@area_required("reports")
def periods(request):
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_save(data=form.cleaned_data, by=request.user, request=request)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The period is saved. Now set its targets."))
            return redirect("reports:period", pk=period.pk)
    return render(request, "reports/periods.html", {"form": form, "periods": ReportingPeriod.objects.all()})


@area_required("reports")
def period_detail(request, pk: int):
    period = get_object_or_404(ReportingPeriod, pk=pk)
    targets = {target.code: target.value for target in period.targets.all()}
    form = PeriodForm(initial={field: getattr(period, field) for field in PeriodForm.base_fields})
    targets_form = TargetsForm(initial=targets)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "period":
                form = PeriodForm(request.POST)
                if form.is_valid():
                    services.period_save(data=form.cleaned_data, period=period, by=request.user, request=request)
                    return _saved(request, period)
            elif action == "targets":
                targets_form = TargetsForm(request.POST)
                if targets_form.is_valid():
                    services.targets_save(period=period, values=targets_form.cleaned_data, by=request.user,
                                          request=request)  # fmt: skip
                    return _saved(request, period)
            elif action == "close":
                services.period_close(period=period, by=request.user, request=request)
                return _saved(request, period, _("The period is closed: its figures stay as they are now."))
            elif action == "reopen":
                services.period_reopen(period=period, by=request.user, request=request)
                return _saved(request, period, _("The period is open again: its figures follow the ledger."))
        except ValidationError as refusal:
            (form if action == "period" else targets_form).add_error(None, refusal)
    return render(request, "reports/period.html", {"period": period, "form": form, "targets_form": targets_form})


def _saved(request, period, message: str = ""):
    messages.success(request, message or _("Saved."))
    return redirect("reports:period", pk=period.pk)


@area_required("reports")
def activities_upload(request):
    """Past activities from a spreadsheet, as `manage.py import_activities` takes them."""
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = rows_from_upload(upload, columns=activities.COLUMNS, required=activities.REQUIRED)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            report = activities.activities_import(rows=rows, partial=form.cleaned_data["partial"], by=request.user,
                                                  file_name=upload.name, request=request)  # fmt: skip
    return render(request, "reports/activities_upload.html", {
        "form": form, "report": report, "columns": activities.COLUMNS, "kinds": activities.KINDS,
        "statuses": activities.STATUSES, "flags": activities.FLAGS,
    })  # fmt: skip
