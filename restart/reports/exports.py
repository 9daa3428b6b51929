"""The report as files: XLSX (a summary sheet, one sheet per indicator with its breakdowns, the
host society) and PDF (WeasyPrint, in Polish, as a funder reads it), both from the JSON report."""

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from restart.core.i18n import country_name
from restart.people.choices import AgeBand, ResidenceStatus, Sex, TargetGroup
from restart.people.models import Participation

KEY_LABELS = {"sex": Sex, "age_band": AgeBand, "residence_status": ResidenceStatus, "target_group": TargetGroup,
              "module": Participation.Kind}  # fmt: skip


def dimension_titles() -> dict:
    return {"sex": _("Sex"), "age_band": _("Age at the first activity"), "citizenship": _("Citizenship"),
            "residence_status": _("Residence status"), "target_group": _("Target group"),
            "module": _("Module (a person counts in each module they took part in)")}  # fmt: skip


def key_label(dimension: str, key: str) -> str:
    if dimension == "citizenship":
        return _("unknown") if key == "unknown" else f"{country_name(key)} ({key})"
    choices = KEY_LABELS.get(dimension)
    return str(choices(key).label) if choices and key in choices.values else key


def share_of_target(row: dict) -> str:
    return f"{round(100 * row['value'] / row['target'])} %" if row.get("target") else "—"


def report_xlsx(report: dict, *, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    with translation.override(language):
        book = Workbook()
        summary = book.active
        summary.title = _("Summary")[:31]
        summary.append([settings.PROGRAMME_NAME, _("%(start)s to %(end)s") % {"start": report["from"],
                                                                             "end": report["to"]}])  # fmt: skip
        summary.append([])
        summary.append([_("Code"), _("Indicator"), _("Value"), _("Target"), _("Of the target")])
        for cell in summary[3]:
            cell.font = bold
        for row in report["indicators"]:
            summary.append([row["code"], row["label"], row["value"], row["target"], share_of_target(row)])
        summary.column_dimensions["B"].width = 80
        for row in report["indicators"]:
            _indicator_sheet(book, row, bold)
        host = book.create_sheet(_("Host society")[:31])
        host.append([_("Host society (counted apart)"), _("People")])
        host["A1"].font = host["B1"].font = bold
        for group, n in report["host_society"].items():
            host.append([key_label("target_group", group), n])
        host.column_dimensions["A"].width = 45
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _indicator_sheet(book, row: dict, bold) -> None:
    sheet = book.create_sheet(row["code"][:31])
    sheet.append([row["code"], row["label"]])
    sheet.append([_("Value"), row["value"], _("Target"), row["target"]])
    sheet["A1"].font = bold
    for dimension, counts in row["breakdowns"].items():
        sheet.append([])
        sheet.append([dimension_titles()[dimension], _("People")])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for key, n in counts.items():
            sheet.append([key_label(dimension, key), n])
    sheet.column_dimensions["A"].width = 45


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"The report does not load {url}")  # everything is inline: nothing leaves the server


def report_pdf(report: dict) -> bytes:
    """In Polish, the language the funder reads: the programme, the funder's mention, the period."""
    from weasyprint import HTML  # imported here: it loads pango, which only the PDF needs

    with translation.override("pl"):
        html = render_to_string("reports/report_pdf.html", {
            "report": report, "programme_name": settings.PROGRAMME_NAME, "titles": dimension_titles(),
            "indicators": [{**row, "share": share_of_target(row), "tables": [
                {"title": dimension_titles()[dimension],
                 "rows": [(key_label(dimension, key), n) for key, n in counts.items() if n]}
                for dimension, counts in row["breakdowns"].items()]} for row in report["indicators"]],
            "host": [(key_label("target_group", group), n) for group, n in report["host_society"].items()],
        })  # fmt: skip
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
