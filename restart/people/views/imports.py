import csv
import io

from django.http import HttpResponse
from django.shortcuts import render

from restart.core.access import area_required
from restart.people.eligibility import STATELESS
from restart.people.forms import ImportForm, PersonForm
from restart.people.services.importing import COLUMNS, DEFAULTS, ImportFileError, people_import, rows_from_upload

CODED_COLUMNS = ("preferred_language", "sex", "residence_status", "region", "target_group", "refused")
# The template's example row: a valid person, so the file imports as downloaded.
EXAMPLE_ROW = {
    "full_name": "Olena Kovalenko", "given_name": "Olena", "family_name": "Kovalenko",
    "email": "olena@example.org", "phone": "+380 67 123 4567", "preferred_language": "uk",
    "languages_spoken": "Ukrainian C2, Polish A2", "citizenship": "UA", "birth_date": "1990-05-17",
    "sex": "female", "residence_status": "temporary_protection", "residence_valid_until": "2027-03-04",
    "municipality": "Wrocław", "region": "lower_silesia", "target_group": "tcn",
}  # fmt: skip


def _allowed_values() -> list[dict]:
    """Each coded column with the codes it takes: the very choices the import checks rows against."""
    fields = PersonForm().fields
    return [
        {
            "column": column,
            "label": fields[column].label,
            "choices": [(code, label) for code, label in fields[column].choices if code],
            "default": DEFAULTS.get(column, ""),
        }
        for column in CODED_COLUMNS
    ]


def _template_csv() -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerow([EXAMPLE_ROW.get(column, "") for column in COLUMNS])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="people-import-template.csv"'
    return response


@area_required("people")
def person_import(request):
    if request.GET.get("download") == "template":
        return _template_csv()
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = rows_from_upload(upload)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            report = people_import(rows=rows, partial=form.cleaned_data["partial"], by=request.user, request=request)
    context = {"form": form, "report": report, "columns": COLUMNS, "allowed": _allowed_values(),
               "stateless": STATELESS}  # fmt: skip
    return render(request, "people/person_import.html", context)
