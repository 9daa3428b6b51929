"""The information point's privacy steps: bookings and consultations, referrals.

Private case notes go into an export only when the staff member exporting may read them
(the case's consultant or a manager): a complete copy under GDPR art. 15 is made by a manager
(docs/privacy.md says why).
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from restart.core.audit import audit_record
from restart.core.privacy import ExportSection, PrivacySteps
from restart.core.traces import audit_forget
from restart.infopoint.models import Consultation, Referral
from restart.infopoint.selectors import may_see_notes


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def _day(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def export_infopoint(person, viewer) -> list[ExportSection]:
    consultations = (
        Consultation.objects.filter(person=person).select_related("consultant").prefetch_related("topics")
    )
    rows = []
    for consultation in consultations.order_by("starts_at"):
        rows.append({
            "when": _when(consultation.starts_at),
            "consultant": consultation.consultant.full_name,
            "language": consultation.get_language_display(),
            "channel": consultation.get_channel_display(),
            "topics": ", ".join(topic.name() for topic in consultation.topics.all()),
            "status": consultation.get_status_display(),
            "question": consultation.question,
            "outcome": consultation.outcome,
            "follow_up": _day(consultation.follow_up_on),
            "notes": consultation.notes if may_see_notes(viewer, consultation) else _("(not included)"),
        })  # fmt: skip
    referrals = Referral.objects.filter(person=person).select_related("specialist").order_by("created_at")
    return [
        ExportSection(
            key="consultations",
            title=_("Consultations at the information point"),
            columns=[("when", _("Date and time")), ("consultant", _("Consultant")), ("language", _("Language")),
                     ("channel", _("Channel")), ("topics", _("Topics")), ("status", _("Status")),
                     ("question", _("Your question when booking")), ("outcome", _("Outcome")),
                     ("follow_up", _("Follow-up date")), ("notes", _("Private notes"))],
            rows=rows,
        ),
        ExportSection(
            key="referrals",
            title=_("Referrals"),
            columns=[("created", _("Date")), ("kind", _("Kind")), ("to", _("Referred to")), ("reason", _("Reason")),
                     ("status", _("Status")), ("outcome", _("Outcome"))],
            rows=[
                {"created": _when(referral.created_at), "kind": referral.get_kind_display(),
                 "to": referral.specialist.full_name if referral.specialist else referral.institution,
                 "reason": referral.reason, "status": referral.get_status_display(), "outcome": referral.outcome}
                for referral in referrals
            ],
        ),
    ]


def consultations_scrub(person, identity, by, request) -> None:
    """Erasure: what the person told us in words goes; dates, topics and statuses stay for the figures."""
    consultations = list(Consultation.objects.filter(person=person))
    for consultation in consultations:
        consultation.question = consultation.notes = consultation.outcome = ""
        consultation.save(update_fields=["question", "notes", "outcome", "updated_at"])
    referrals = list(Referral.objects.filter(person=person))
    for referral in referrals:
        referral.reason = referral.outcome = ""
        referral.save(update_fields=["reason", "outcome", "updated_at"])
    # Their audit entries were written with the person's name in them ("Name · date").
    audit_forget(object_type="infopoint.consultation", ids=[c.pk for c in consultations])
    audit_forget(object_type="infopoint.referral", ids=[r.pk for r in referrals])


def consultations_transfer(survivor, duplicate, by, request) -> None:
    """Merge: the duplicate's consultations and referrals now belong to the survivor.
    No rule of the information point is per person, so nothing can collide."""
    for consultation in Consultation.objects.filter(person=duplicate):
        consultation.person = survivor
        consultation.save(update_fields=["person", "updated_at"])
        audit_record(actor=by, action="consultation.transfer", obj=consultation, request=request,
                     details={"from": duplicate.pk, "to": survivor.pk})  # fmt: skip
    for referral in Referral.objects.filter(person=duplicate):
        referral.person = survivor
        referral.save(update_fields=["person", "updated_at"])
        audit_record(actor=by, action="referral.transfer", obj=referral, request=request,
                     details={"from": duplicate.pk, "to": survivor.pk})  # fmt: skip


INFOPOINT_STEPS = PrivacySteps(
    app_label="infopoint", export=export_infopoint, erase=consultations_scrub, merge=consultations_transfer
)
