"""The public side of the courses: the catalogue, the placement questionnaire, applying to a
group, the participant's certificate and calendar, and the certificate check anyone can open."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from restart.core.paging import paginate
from restart.courses import calendars, certificates, selectors, services
from restart.courses.forms import ApplicationForm, GroupFilterForm, PlacementForm, suggested_level
from restart.courses.models import Certificate, Enrollment, Level
from restart.registrations import links


def catalogue(request):
    form = GroupFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    online = {"online": True, "onsite": False}.get(filters.get("mode", ""))
    groups = selectors.open_groups(level=filters.get("level", ""), online=online)
    page, query_string = paginate(request, groups, 30)
    return render(request, "courses/catalogue.html", {"form": form, "page": page, "query_string": query_string})


def placement(request):
    """Five statements, answered by GET (no data kept): a suggested level and the groups that fit."""
    form = PlacementForm(request.GET or None)
    level, groups = "", []
    if form.is_valid():
        level = suggested_level(form.answers())
        groups = list(selectors.open_groups(level=level))
    return render(request, "courses/placement.html", {
        "form": form, "level": Level(level).label if level else "", "level_code": level, "groups": groups,
        "answers": form.answers() if form.is_valid() else {}})  # fmt: skip


def group_detail(request, pk: int):
    group = selectors.public_group_get(pk=pk)
    placement_form = PlacementForm(request.GET if "q1" in request.GET else None)
    answers = placement_form.answers() if placement_form.is_valid() else {}
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answers = {key: request.POST[key] for key in ("q1", "q2", "q3", "q4", "q5") if key in request.POST}
        data = form.cleaned_data
        try:
            enrollment = services.enrollment_apply(
                group=group, full_name=data["full_name"], email=data["email"], phone=data["phone"],
                language=get_language(), answers=answers, suggested_level=suggested_level(answers) if answers else "",
                facts=form.person_facts(), request=request,
            )  # fmt: skip
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return redirect("registrations:manage", token=links.manage_token(enrollment.registration))
    return render(request, "courses/group.html", {"group": group, "form": form, "answers": answers,
                                                  "lessons": group.lessons.filter(cancelled_at__isnull=True)[:60]})


@never_cache
def certificate_download(request, token: str):
    """The participant's certificate, through the private link of their application."""
    registration = links.registration_from_token(token)
    enrollment = Enrollment.objects.filter(registration=registration).first() if registration else None
    certificate = Certificate.objects.filter(enrollment=enrollment, revoked_at__isnull=True).first()
    if certificate is None or registration.person.is_erased:
        raise Http404
    return certificates.pdf_response(certificate, request)


def participant_calendar(request, code: str):
    enrollment = calendars.enrollment_from_code(code)
    if enrollment is None:
        raise Http404
    return calendars.feed_response(calendars.enrollment_lessons(enrollment), name=str(enrollment.registration.quota
                                                                                         .course_group))


def teacher_calendar(request, code: str):
    teacher = calendars.teacher_from_code(code)
    if teacher is None:
        raise Http404
    return calendars.feed_response(calendars.teacher_lessons(teacher), name=teacher.full_name)


def verify(request, code: str):
    """Anyone holding a certificate can check it: what it says, and whether it still stands —
    nothing more about the person than the paper shows."""
    certificate = Certificate.objects.filter(code=code.strip().upper()).first()
    response = render(request, "courses/verify.html", {"certificate": certificate, "code": code[:20]},
                      status=200 if certificate else 404)  # fmt: skip
    response["X-Robots-Tag"] = "noindex"
    return response


def verify_form(request) -> HttpResponse:
    code = request.GET.get("code", "").strip()
    if code:
        return redirect("course_verify", code=code.upper()[:20])
    return render(request, "courses/verify.html", {"certificate": None, "code": "", "ask": True})
