"""What the manager changes: reporting periods, their targets, and closing a period, which keeps
its figures as the funder received them."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.reports.definitions import definitions
from restart.reports.indicators import figures
from restart.reports.models import ReportingPeriod, Target


@transaction.atomic
def period_save(*, data: dict, by, period: ReportingPeriod | None = None,
                request: HttpRequest | None = None) -> ReportingPeriod:  # fmt: skip
    period = period or ReportingPeriod()
    if period.closed_at:
        raise DomainError(gettext_lazy("This period is closed: reopen it to change it."))
    if data["ends_on"] < data["starts_on"]:
        raise DomainError({"ends_on": gettext_lazy("The period ends before it starts.")})
    same = ReportingPeriod.objects.filter(starts_on=data["starts_on"], ends_on=data["ends_on"]).exclude(pk=period.pk)
    if same.exists():
        raise DomainError({"starts_on": gettext_lazy("A period with these dates exists already.")})
    for field in ("name", "starts_on", "ends_on", "whole_project"):
        setattr(period, field, data[field])
    period.save()
    audit_record(actor=by, action="reports.period", obj=period, request=request)
    return period


@transaction.atomic
def targets_save(*, period: ReportingPeriod, values: dict, by, request: HttpRequest | None = None) -> None:
    """{code: number or None}: a number sets the target, None removes it."""
    known = {indicator.code for indicator in definitions().indicators}
    for code, value in values.items():
        if code not in known:
            raise DomainError(gettext_lazy("Unknown indicator: %(code)s") % {"code": code})
        if value is None:
            Target.objects.filter(period=period, code=code).delete()
        else:
            Target.objects.update_or_create(period=period, code=code, defaults={"value": value})
    audit_record(actor=by, action="reports.targets", obj=period, request=request,
                 details=dict(values))  # fmt: skip


@transaction.atomic
def period_close(*, period: ReportingPeriod, by, request: HttpRequest | None = None) -> ReportingPeriod:
    """The figures as they are now are kept and shown for this period from then on."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.closed_at:
        return period
    if period.ends_on >= timezone.localdate():
        raise DomainError(gettext_lazy("A period can be closed once it has ended."))
    period.reported = figures(start=period.starts_on, end=period.ends_on)
    period.closed_at, period.closed_by = timezone.now(), by
    period.save(update_fields=["reported", "closed_at", "closed_by"])
    audit_record(actor=by, action="reports.close", obj=period, request=request)
    return period


@transaction.atomic
def period_reopen(*, period: ReportingPeriod, by, request: HttpRequest | None = None) -> ReportingPeriod:
    """Back to live figures (to correct and report again); the audit trail keeps what was reported."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.closed_at is None:
        return period
    audit_record(actor=by, action="reports.reopen", obj=period, request=request, details={"reported": period.reported})
    period.reported, period.closed_at, period.closed_by = None, None, None
    period.save(update_fields=["reported", "closed_at", "closed_by"])
    return period


AUDIT_ACTIONS = {
    "reports.period": gettext_lazy("reporting period %(object)s saved"),
    "reports.targets": gettext_lazy("targets of %(object)s set"),
    "reports.close": gettext_lazy("reporting period %(object)s closed: its figures kept as reported"),
    "reports.reopen": gettext_lazy("reporting period %(object)s reopened"),
    "reports.import_activities": gettext_lazy("past activities imported from %(object)s"),
}
