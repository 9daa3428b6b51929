"""The fair day, staff side: the coordinator sets up fairs and sees every stand and interview;
an employer books its stand, opens interview times, invites candidates and records outcomes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from restart.core.access import area_required
from restart.jobfair import interviews, selectors
from restart.jobfair.forms import FairForm, OutcomeForm, SlotsForm
from restart.jobfair.models import Employer, Fair, Interview, InterviewSlot, JobOffer
from restart.jobfair.views.public import cv_response
from restart.registrations.models import Registration


@area_required("jobfair")
@require_POST
def fair_create(request):
    if not selectors.runs_the_fair(request.user):
        raise PermissionDenied
    form = FairForm(request.POST)
    if form.is_valid():
        try:
            fair = interviews.fair_set_up(event=form.cleaned_data["event"], stands=form.cleaned_data["stands"],
                                          by=request.user, request=request)  # fmt: skip
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(request, _("The fair is set up: employers can book its stands."))
            return redirect("jobfair_staff:fair", pk=fair.pk)
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("jobfair_staff:home")


@area_required("jobfair")
def fair_detail(request, pk: int):
    fair = selectors.fair_get_for_user(user=request.user, pk=pk)
    if selectors.runs_the_fair(request.user):
        return _coordinator_page(request, fair)
    stand = selectors.stands_for_user(request.user).filter(fair=fair).first()
    offers = JobOffer.objects.filter(employer__in=selectors.employers_of(request.user),
                                     status=JobOffer.Status.PUBLISHED)  # fmt: skip
    return render(request, "jobfair/staff/fair_employer.html", {
        "fair": fair, "day": fair.day, "stand": stand, "slots": _slots(stand) if stand else [],
        "slots_form": SlotsForm(offers=offers), "outcome_form": OutcomeForm(),
        "free_stands": fair.stands - fair.booked_stands.count(),
    })  # fmt: skip


def _coordinator_page(request, fair: Fair):
    if request.method == "POST":
        try:
            stands = int(request.POST.get("stands", ""))
            interviews.fair_set_up(event=fair.event, stands=stands, by=request.user, request=request)
        except ValueError:
            messages.error(request, _("Enter a whole number of stands."))
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(request, _("Saved."))
        return redirect("jobfair_staff:fair", pk=fair.pk)
    held = Registration.objects.filter(quota=OuterRef("quota"), status__in=Registration.HOLDING)
    stands = fair.booked_stands.select_related("employer__organization").annotate(
        slot_count=Count("slots", distinct=True))  # fmt: skip
    booked = selectors.interviews_for_user(request.user).filter(slot__stand__fair=fair)
    return render(request, "jobfair/staff/fair_coordinator.html", {
        "fair": fair, "day": fair.day, "stands": stands, "interviews": booked.order_by("slot__starts_at", "pk"),
        "free_slots": InterviewSlot.objects.filter(stand__fair=fair).exclude(Exists(held)).count(),
        "employers": Employer.objects.filter(status=Employer.Status.APPROVED).exclude(stands__fair=fair).select_related(
            "organization"), "outcome_form": OutcomeForm(), "now": timezone.now(),
    })  # fmt: skip


def _slots(stand) -> list:
    """The stand's times, each with the interview holding it (if any) and what the employer may
    see of the candidate: a name and CV only once they accepted and while they consent."""
    slots = list(stand.slots.select_related("offer", "quota").order_by("starts_at"))
    holding = Interview.objects.filter(slot__stand=stand, registration__status__in=Registration.HOLDING).select_related(
        "registration__person", "candidate")  # fmt: skip
    booked = {interview.slot_id: interview for interview in holding} if slots else {}
    shown = set(selectors.consenting_profiles().filter(interviews__slot__stand=stand).values_list("pk", flat=True))
    now = timezone.now()
    for slot in slots:
        slot.begun = slot.starts_at <= now
        slot.interview = booked.get(slot.pk)
        if slot.interview:
            slot.interview.named = slot.interview.accepted and slot.interview.candidate_id in shown
    return slots


@area_required("jobfair")
@require_POST
def stand_book(request, pk: int):
    """An employer books its own company's stand; the coordinator books one for the company chosen."""
    fair = selectors.fair_get_for_user(user=request.user, pk=pk)
    for_company = selectors.runs_the_fair(request.user)
    if for_company:
        employer = Employer.objects.filter(status=Employer.Status.APPROVED, pk=_number(request.POST.get("employer")))
    else:
        employer = selectors.employers_of(request.user)
    employer = employer.first()
    if employer is None:
        raise Http404
    try:
        stand = interviews.stand_book(fair=fair, employer=employer, by=request.user, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("Stand %(number)s is booked for %(company)s.") % {
            "number": stand.number, "company": employer.organization.name} if for_company else
            _("Stand %(number)s is yours.") % {"number": stand.number})  # fmt: skip
    return redirect("jobfair_staff:fair", pk=fair.pk)


@area_required("jobfair")
@require_POST
def slots_open(request, pk: int):
    stand = selectors.stand_get_for_user(user=request.user, pk=pk)
    offers = JobOffer.objects.filter(employer=stand.employer, status=JobOffer.Status.PUBLISHED)
    form = SlotsForm(request.POST, offers=offers)
    if form.is_valid():
        data = form.cleaned_data
        try:
            opened = interviews.slots_open(stand=stand, start=data["start"], end=data["end"], minutes=data["minutes"],
                                           offer=data["offer"], by=request.user, request=request)  # fmt: skip
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Interview times opened: %(count)s.") % {"count": len(opened)})
            return redirect("jobfair_staff:fair", pk=stand.fair_id)
    # Refused: the page again with the form as typed and the reasons next to its fields.
    return render(request, "jobfair/staff/fair_employer.html", {
        "fair": stand.fair, "day": stand.fair.day, "stand": stand, "slots": _slots(stand), "slots_form": form,
        "outcome_form": OutcomeForm(), "free_stands": 0,
    }, status=400)  # fmt: skip


@area_required("jobfair")
@require_POST
def slot_remove(request, pk: int):
    slot = selectors.slot_get_for_user(user=request.user, pk=pk)
    fair_pk = slot.stand.fair_id
    try:
        interviews.slot_remove(slot=slot, by=request.user, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("The time is removed."))
    return redirect("jobfair_staff:fair", pk=fair_pk)


@area_required("jobfair")
@require_POST
def offer_invite(request, pk: int):
    """From the offer's matches: book a free time at the employer's stand for a consenting
    candidate, as an invitation they accept or decline (the coordinator may book at their request)."""
    offer = selectors.offer_get_for_user(user=request.user, pk=pk)
    if not selectors.may_see_matches(request.user, offer):
        raise PermissionDenied
    slot = selectors.free_slots().filter(pk=_number(request.POST.get("slot")), stand__employer=offer.employer).first()
    candidate = selectors.consenting_profiles().filter(pk=_number(request.POST.get("candidate"))).first()
    if candidate is None:
        raise Http404
    if slot is None:
        messages.error(request, _("This time has just been taken. Please choose another one."))
        return redirect("jobfair_staff:offer", pk=offer.pk)
    agreed = selectors.runs_the_fair(request.user) and request.POST.get("agreed") == "yes"
    try:
        interviews.interview_book(slot=slot, candidate=candidate, by=request.user, agreed=agreed, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("Booked. The candidate is asked to accept; you see their name once they do.")
                         if not agreed else _("Booked. The candidate and the company are told."))  # fmt: skip
    return redirect("jobfair_staff:offer", pk=offer.pk)


def _number(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


@area_required("jobfair")
@require_POST
def interview_outcome(request, pk: int):
    interview = selectors.interview_get_for_user(user=request.user, pk=pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose hired, not hired, in progress or did not come."))
        return redirect("jobfair_staff:fair", pk=interview.slot.stand.fair_id)
    try:
        interviews.interview_outcome(interview=interview, outcome=form.cleaned_data["outcome"], by=request.user,
                                     request=request)  # fmt: skip
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("Saved."))
    return redirect("jobfair_staff:fair", pk=interview.slot.stand.fair_id)


@area_required("jobfair")
@require_POST
def interview_cancel(request, pk: int):
    interview = selectors.interview_get_for_user(user=request.user, pk=pk)
    interviews.interview_cancel(interview=interview, by=request.user, request=request)
    messages.success(request, _("The interview is cancelled; the time is free again."))
    return redirect("jobfair_staff:fair", pk=interview.slot.stand.fair_id)


@area_required("jobfair")
def interview_cv(request, pk: int):
    """The candidate's CV, for the employer only after they accepted and while they consent."""
    interview = selectors.interview_get_for_user(user=request.user, pk=pk)
    shown = selectors.consenting_profiles().filter(pk=interview.candidate_id).exists()
    allowed = selectors.runs_the_fair(request.user) or (interview.accepted and shown)
    if not allowed or not interview.candidate.cv:
        raise Http404
    return cv_response(interview.candidate)
