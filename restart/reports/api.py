"""`GET /api/v1/reports/amif?from=&to=` (DESIGN.md §7): the funder's indicators as JSON, for a
manager's token (the reports area)."""

import datetime

from django.conf import settings
from django.utils import translation
from ninja import Field, Query, Router, Schema
from pydantic import model_validator

from restart.api.auth import area_check, staff_token
from restart.api.schemas import ErrorOut
from restart.reports.indicators import amif_report

router = Router(tags=["reports"])


class Period(Schema):
    start: datetime.date = Field(alias="from", description="First day, YYYY-MM-DD.")
    end: datetime.date = Field(alias="to", description="Last day, YYYY-MM-DD (inclusive).")
    lang: str = Field("", max_length=10, description="The language of the labels (pl, uk, ru, en).")

    @model_validator(mode="after")
    def _in_order(self):
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self


class IndicatorOut(Schema):
    code: str
    label: str
    value: int
    target: int | None
    breakdowns: dict[str, dict[str, int]] = Field(
        description="sex, age_band, citizenship, residence_status, target_group (each sums to value) and module "
        "(a person counts in every module they took part in); empty for counts of items (O.2.4)."
    )


class ReportOut(Schema):
    start: str = Field(alias="from")
    end: str = Field(alias="to")
    indicators: list[IndicatorOut]
    host_society: dict[str, int] = Field(description="Host-society participants, counted apart, by target group.")


@router.get("/amif", response={200: ReportOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}, by_alias=True,
            url_name="reports_amif", operation_id="reports_amif", auth=staff_token,
            summary="The AMIF indicators for a period, with breakdowns and targets")  # fmt: skip
def reports_amif(request, period: Query[Period]):
    """Unique eligible third-country nationals as recorded at the time of each activity; the same
    figures as `manage.py amif_report` and the dashboard. Needs a manager's token."""
    area_check(request, "reports")
    if period.lang in dict(settings.LANGUAGES):
        translation.activate(period.lang)
    return amif_report(start=period.start, end=period.end)
