from django.shortcuts import render
from django.utils.translation import gettext as _

from restart.core.access import area_required
from restart.people.forms import ImportForm
from restart.people.importing import ImportFileError, people_import, read_rows

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@area_required("people")
def person_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise ImportFileError(_("The file is larger than 20 MB. Split it into smaller files."))
            rows = read_rows(upload.read(), upload.name)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            report = people_import(rows=rows, partial=form.cleaned_data["partial"], by=request.user, request=request)
    return render(request, "people/person_import.html", {"form": form, "report": report})
