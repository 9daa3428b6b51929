from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from restart.core.access import AREA_LABELS, area_required

# The programme's public offer, as the home page shows it.
OFFER = {
    "infopoint": {
        "url": "infopoint:overview",
        "title": _("Information point"),
        "summary": _(
            "Free consultations in Ukrainian, Polish, Russian and English on legal stay and work, "
            "finding a job and a flat, health care, insurance, school and daily life."
        ),
    },
    "courses": {
        "url": "courses:catalogue",
        "title": _("Polish courses “Let's mów”"),
        "summary": _(
            "Three- to four-month courses in small groups at every level, with a subsidised fee "
            "and a certificate at the end."
        ),
    },
    "jobfair": {
        "url": "jobfair:list",
        "title": _("Job fair for foreigners"),
        "summary": _(
            "Meet employers who want to hire you, see offers that match your skills and book "
            "an interview on the day of the fair."
        ),
    },
    "events": {
        "url": "events:list",
        "title": _("Integration meetings"),
        "summary": _(
            "English Speaking Club, French online, Ashtanga yoga and trainings for teachers of "
            "foreign children: come, meet people and practise."
        ),
    },
    "campaign": {
        "url": "campaign:page",
        "title": _("“Jestem wrocławianinem tak jak Ty”"),
        "summary": _("Our social campaign and film about the people who made Wrocław their home."),
    },
}


@require_GET
def home(request):
    return render(request, "core/home.html", {"offer": OFFER})


def staff_coming_soon(area: str):
    @area_required(area)
    def view(request):
        return render(request, "core/staff_coming_soon.html", {"area_label": AREA_LABELS[area], "area": area})

    view.__name__ = f"staff_{area}_coming_soon"
    return view


@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
