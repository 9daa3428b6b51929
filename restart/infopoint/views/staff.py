"""The consultants' side: their week, availability, consultation records, walk-ins, referrals, topics."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from restart.core.access import area_required, user_can_enter, user_roles
from restart.core.errors import DomainError
from restart.core.roles import Role
from restart.infopoint import selectors
from restart.infopoint.forms import (
    AvailabilityForm,
    ConsultationRecordForm,
    ContactDetailsForm,
    ReferralForm,
    ReferralUpdateForm,
    TopicForm,
    WalkInForm,
)
from restart.infopoint.models import Consultation, ConsultationSlot
from restart.infopoint.services import booking, contact, records
from restart.people.access import people_for_user
from restart.people.forms import EligibilityForm
from restart.people.selectors import person_get_for_user
from restart.topics import services as topic_services
from restart.topics.models import Topic
from restart.topics.selectors import topic_get_for_user


def _consultants():
    return get_user_model().objects.filter(is_active=True, groups__name=Role.CONSULTANT).order_by("full_name")


def _date_or_today(text: str) -> datetime.date:
    try:
        return parse_date(text.strip()) or timezone.localdate()
    except ValueError:  # "2026-13-45": well formed, impossible
        return timezone.localdate()


@area_required("cases")
def week(request):
    consultant = request.user
    consultant_id = request.GET.get("consultant", "").strip()
    if consultant_id.isdigit() and user_can_enter(request.user, "infopoint"):  # a specialist sees their own week
        consultant = selectors.consultant_get_for_user(user=request.user, pk=int(consultant_id))
    monday = selectors.week_start(_date_or_today(request.GET.get("week", "")))
    return render(
        request,
        "infopoint/staff/week.html",
        {
            "consultant": consultant,
            "consultants": _consultants(),
            "days": selectors.consultant_week(consultant=consultant, monday=monday),
            "monday": monday,
            "previous": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
            "today": timezone.localdate(),
            "sees_restricted": Role.MANAGER in user_roles(request.user),
            "sees_other_weeks": user_can_enter(request.user, "infopoint"),
        },
    )


@area_required("cases")
def availability(request):
    form = AvailabilityForm(request.POST or None, initial={"first_day": timezone.localdate(), "languages": ["pl"]})
    if request.method == "POST" and form.is_valid():
        try:
            created = records.availability_publish(consultant=request.user, **form.cleaned_data, by=request.user,
                                                   request=request)  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(count)s free slots published.") % {"count": len(created)})
            return redirect("infopoint_staff:availability")
    upcoming = (
        ConsultationSlot.objects.filter(consultant=request.user, starts_at__gte=timezone.now())
        .prefetch_related("consultations")
        .order_by("starts_at")
    )
    page = Paginator(upcoming, 40).get_page(request.GET.get("page"))
    return render(request, "infopoint/staff/availability.html", {"form": form, "page": page})


@area_required("cases")
@require_POST
def slot_delete(request, pk: int):
    slot = selectors.slot_get_for_user(user=request.user, pk=pk)
    try:
        records.slot_delete(slot=slot, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The slot has been removed."))
    return redirect("infopoint_staff:availability")


@area_required("cases")
def consultation_detail(request, pk: int):
    consultation = selectors.consultation_get_for_user(user=request.user, pk=pk, write=request.method == "POST")
    with_notes = selectors.may_see_notes(request.user, consultation)
    form = ConsultationRecordForm(request.POST or None, instance=consultation, with_notes=with_notes)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "topics"}
        records.consultation_record_update(consultation=consultation, data=data, topics=form.cleaned_data["topics"],
                                           by=request.user, request=request)  # fmt: skip
        messages.success(request, _("The consultation record is saved."))
        return redirect("infopoint_staff:consultation", pk=consultation.pk)
    return _consultation_page(request, consultation, form=form, referral_form=ReferralForm())


@area_required("infopoint")
def walk_in(request):
    initial = {"starts_at": timezone.localtime().replace(second=0, microsecond=0), "language": request.LANGUAGE_CODE,
               "channel": "in_person", "duration_minutes": 30, "status": Consultation.Status.ATTENDED}  # fmt: skip
    form = WalkInForm(request.POST or None, initial={**initial, "person": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        visible = people_for_user(request.user).filter(restricted_at__isnull=True, erased_at__isnull=True)
        person = visible.filter(pk=data["person"]).first()
        if person is None:
            form.add_error("person", _("There is no person with this number."))
        else:
            fields = {key: value for key, value in data.items() if key not in {"person", "starts_at", "topics"}}
            consultation = records.consultation_walk_in(
                person=person, consultant=request.user, starts_at=data["starts_at"], data=fields,
                topics=data["topics"], by=request.user, request=request,
            )  # fmt: skip
            messages.success(request, _("The consultation has been recorded."))
            return redirect("infopoint_staff:consultation", pk=consultation.pk)
    return render(request, "infopoint/staff/walk_in.html", {"form": form})


@area_required("infopoint")
@require_POST
def referral_create(request, pk: int):
    consultation = selectors.consultation_get_for_user(user=request.user, pk=pk, write=True)
    form = ReferralForm(request.POST)
    if form.is_valid():
        try:
            records.referral_create(consultation=consultation, **form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The referral has been sent."))
            return redirect("infopoint_staff:consultation", pk=consultation.pk)
    return _consultation_page(request, consultation, referral_form=form)


@area_required("infopoint")
@require_POST
def consultation_person(request, pk: int):
    """Complete the person's eligibility from the consultation page."""
    consultation = selectors.consultation_get_for_user(user=request.user, pk=pk, write=True)
    person = person_get_for_user(user=request.user, pk=consultation.person_id, request=request, write=True)
    form = EligibilityForm(request.POST, instance=person)
    if form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.Meta.fields}
        try:
            records.consultation_person_complete(consultation=consultation, data=data, by=request.user,
                                                 request=request)  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person's details are saved."))
            return redirect("infopoint_staff:consultation", pk=consultation.pk)
    return _consultation_page(request, consultation, eligibility_form=form)


def _consultation_page(request, consultation, *, form=None, referral_form=None, eligibility_form=None):
    """The consultation page, with whichever of its three forms came back with errors."""
    if form is None:
        form = ConsultationRecordForm(instance=consultation,
                                      with_notes=selectors.may_see_notes(request.user, consultation))  # fmt: skip
    referral_form = referral_form or ReferralForm()
    person = consultation.person
    may_complete = user_can_enter(request.user, "infopoint") and not person.is_erased
    if eligibility_form is None and may_complete:
        eligibility_form = EligibilityForm(instance=person)
    return render(
        request,
        "infopoint/staff/consultation.html",
        {
            "consultation": consultation,
            "assessment": person.assess(),
            "eligibility_form": eligibility_form,
            "form": form,
            "referral_form": referral_form,
            "referrals": selectors.referrals_for_user(request.user).filter(consultation=consultation),
            "may_record": selectors.may_record(request.user, consultation),
            "may_refer": user_can_enter(request.user, "infopoint"),
        },
    )


@area_required("cases")
def referral_list(request):
    visible = selectors.referrals_for_user(request.user)
    mine = visible.filter(specialist=request.user).order_by("status", "-created_at")
    sent = visible.exclude(specialist=request.user)
    if Role.MANAGER not in user_roles(request.user):
        sent = sent.filter(created_by=request.user)
    return render(request, "infopoint/staff/referrals.html", {"mine": mine, "sent": sent.order_by("-created_at")[:100]})


@area_required("cases")
def referral_detail(request, pk: int):
    referral = selectors.referral_get_for_user(user=request.user, pk=pk, write=request.method == "POST")
    form = ReferralUpdateForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        records.referral_update(referral=referral, status=form.cleaned_data["status"],
                                outcome=form.cleaned_data["outcome"], by=request.user, request=request)  # fmt: skip
        messages.success(request, _("The referral is updated."))
        return redirect("infopoint_staff:referrals")
    offerable = []
    if referral.specialist_id == request.user.pk and not referral.person.is_erased:
        offerable = selectors.offerable_slots(specialist=request.user)[:12]
    return render(request, "infopoint/staff/referral.html", {"referral": referral, "form": form,
                                                             "offerable": offerable})  # fmt: skip


@area_required("cases")
@require_POST
def referral_offer(request, pk: int):
    """The specialist offers the referred person one of their free times."""
    referral = selectors.referral_get_for_user(user=request.user, pk=pk, write=True)
    if referral.specialist_id != request.user.pk:
        raise PermissionDenied
    slot_id = request.POST.get("slot", "")
    try:
        booking.consultation_offer(referral=referral, slot_id=int(slot_id) if slot_id.isdigit() else 0,
                                   by=request.user, request=request)  # fmt: skip
    except DomainError as refusal:  # a taken time, a closed referral, a person no longer processed
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("The time is booked for the person, who has been told."))
    return redirect("infopoint_staff:referral", pk=referral.pk)


@area_required("infopoint")
def topic_list(request):
    topics = Topic.objects.select_related("parent").order_by("parent__position", "position")
    return render(request, "infopoint/staff/topics.html", {"topics": topics})


@area_required("audit")
def topic_edit(request, pk: int | None = None):
    topic = topic_get_for_user(user=request.user, pk=pk) if pk else Topic()
    form = TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        topic_services.topic_save(topic=form.save(commit=False), by=request.user, request=request)
        messages.success(request, _("The topic is saved."))
        return redirect("infopoint_staff:topics")
    return render(request, "infopoint/staff/topic_form.html", {"form": form, "topic": topic})


@area_required("audit")
def contact_edit(request):
    """The phone, e-mail, address and opening hours shown on the public pages; managers only."""
    form = ContactDetailsForm(request.POST or None, details=selectors.contact_details_get())
    if request.method == "POST" and form.is_valid():
        contact.contact_details_update(
            phone=form.cleaned_data["phone"], email=form.cleaned_data["email"], address=form.texts("address"),
            opening_hours=form.texts("opening_hours"), by=request.user, request=request,
        )  # fmt: skip
        messages.success(request, _("The contact details are saved. The public pages show them now."))
        return redirect("infopoint_staff:contact")
    return render(request, "infopoint/staff/contact_form.html", {"form": form})
