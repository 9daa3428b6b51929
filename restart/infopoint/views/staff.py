"""The consultants' side: their week, availability, consultation records, walk-ins, referrals, topics."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from restart.core.access import area_required, user_roles
from restart.core.roles import Role
from restart.infopoint import contact, records, selectors
from restart.infopoint.forms import (
    AvailabilityForm,
    ConsultationRecordForm,
    ContactDetailsForm,
    ReferralForm,
    ReferralUpdateForm,
    TopicForm,
    WalkInForm,
)
from restart.infopoint.models import Consultation, ConsultationSlot, Referral, Topic
from restart.people.models import Person


def _consultants():
    return get_user_model().objects.filter(is_active=True, groups__name=Role.CONSULTANT).order_by("full_name")


def _date_or_today(text: str) -> datetime.date:
    try:
        return parse_date(text.strip()) or timezone.localdate()
    except ValueError:  # "2026-13-45": well formed, impossible
        return timezone.localdate()


@area_required("infopoint")
def week(request):
    consultant = request.user
    if consultant_id := request.GET.get("consultant", "").strip():
        consultant = get_object_or_404(get_user_model(), pk=consultant_id) if consultant_id.isdigit() else consultant
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
        },
    )


@area_required("infopoint")
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


@area_required("infopoint")
@require_POST
def slot_delete(request, pk: int):
    slot = get_object_or_404(ConsultationSlot, pk=pk, consultant=request.user)
    try:
        records.slot_delete(slot=slot, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The slot has been removed."))
    return redirect("infopoint_staff:availability")


@area_required("infopoint")
def consultation_detail(request, pk: int):
    consultation = get_object_or_404(
        Consultation.objects.select_related("person", "consultant", "slot"), pk=pk, person__restricted_at__isnull=True
    )
    notes_editable = records.may_edit_notes(request.user, consultation)
    form = ConsultationRecordForm(request.POST or None, instance=consultation, notes_editable=notes_editable)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "topics"}
        if not notes_editable:
            data.pop("notes", None)
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
        person = Person.objects.filter(pk=data["person"], restricted_at__isnull=True, erased_at__isnull=True).first()
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
    consultation = get_object_or_404(Consultation.objects.select_related("person"), pk=pk)
    form = ReferralForm(request.POST)
    if form.is_valid():
        try:
            records.referral_create(consultation=consultation, **form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The referral has been sent."))
            return redirect("infopoint_staff:consultation", pk=consultation.pk)
    notes_editable = records.may_edit_notes(request.user, consultation)
    record_form = ConsultationRecordForm(instance=consultation, notes_editable=notes_editable)
    return _consultation_page(request, consultation, form=record_form, referral_form=form)


def _consultation_page(request, consultation, *, form, referral_form):
    return render(
        request,
        "infopoint/staff/consultation.html",
        {
            "consultation": consultation,
            "form": form,
            "referral_form": referral_form,
            "referrals": consultation.referrals.select_related("specialist"),
        },
    )


@area_required("infopoint")
def referral_list(request):
    mine = selectors.referrals_for(request.user)
    sent = Referral.objects.filter(created_by=request.user).select_related("person", "specialist")
    if Role.MANAGER in user_roles(request.user):
        sent = Referral.objects.select_related("person", "specialist")
    return render(request, "infopoint/staff/referrals.html", {"mine": mine, "sent": sent.order_by("-created_at")[:100]})


@area_required("infopoint")
def referral_detail(request, pk: int):
    referral = get_object_or_404(Referral.objects.select_related("person", "consultation", "specialist"), pk=pk)
    visible = Q(specialist=request.user) | Q(created_by=request.user)
    if Role.MANAGER not in user_roles(request.user) and not Referral.objects.filter(visible, pk=pk).exists():
        raise PermissionDenied
    form = ReferralUpdateForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        records.referral_update(referral=referral, status=form.cleaned_data["status"],
                                outcome=form.cleaned_data["outcome"], by=request.user, request=request)  # fmt: skip
        messages.success(request, _("The referral is updated."))
        return redirect("infopoint_staff:referrals")
    return render(request, "infopoint/staff/referral.html", {"referral": referral, "form": form})


@area_required("infopoint")
def topic_list(request):
    topics = Topic.objects.select_related("parent").order_by("parent__position", "position")
    return render(request, "infopoint/staff/topics.html", {"topics": topics})


@area_required("audit")
def topic_edit(request, pk: int | None = None):
    topic = get_object_or_404(Topic, pk=pk) if pk else Topic()
    form = TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        records.topic_save(topic=form.save(commit=False), by=request.user, request=request)
        messages.success(request, _("The topic is saved."))
        return redirect("infopoint_staff:topics")
    return render(request, "infopoint/staff/topic_form.html", {"form": form, "topic": topic})


@area_required("audit")
def contact_edit(request):
    """The phone, e-mail, address and opening hours shown on the public pages; managers only."""
    form = ContactDetailsForm(request.POST or None, details=contact.contact_details_get())
    if request.method == "POST" and form.is_valid():
        contact.contact_details_update(
            phone=form.cleaned_data["phone"], email=form.cleaned_data["email"], address=form.texts("address"),
            opening_hours=form.texts("opening_hours"), by=request.user, request=request,
        )  # fmt: skip
        messages.success(request, _("The contact details are saved. The public pages show them now."))
        return redirect("infopoint_staff:contact")
    return render(request, "infopoint/staff/contact_form.html", {"form": form})
