"""The seat engine's privacy steps: every registration of the person, whatever it was for."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from restart.core.audit import audit_record
from restart.core.privacy import ExportSection, PrivacySteps
from restart.core.traces import audit_forget
from restart.people.ledger import SourceLabel
from restart.registrations.models import Feedback, Registration
from restart.registrations.owners import owners_details


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def export_registrations(person, viewer) -> list[ExportSection]:
    rows = []
    registrations = list(Registration.objects.filter(person=person).select_related("quota", "feedback")
                         .order_by("created_at"))  # fmt: skip
    all_details = owners_details(registration.quota for registration in registrations)
    for registration in registrations:
        details = all_details.get(registration.quota_id)
        if details is None:
            continue
        feedback = getattr(registration, "feedback", None)
        rows.append({
            "feedback": feedback.get_helpful_display() if feedback else "",
            "comment": feedback.comment if feedback else "",
            "what": details.title, "when": _when(details.starts_at), "status": registration.get_status_display(),
            "registered": _when(registration.created_at), "ticket": registration.ticket,
            "checked_in": _when(registration.checked_in_at),
        })  # fmt: skip
    return [
        ExportSection(
            key="registrations",
            title=_("Registrations"),
            columns=[("what", _("What")), ("when", _("When")), ("status", _("Status")),
                     ("registered", _("Registered on")), ("ticket", _("Ticket")),
                     ("checked_in", _("Checked in at")), ("feedback", _("Helpful for integration")),
                     ("comment", _("Comment"))],
            rows=rows,
        )
    ]


def registrations_forget(person, identity, by, request) -> None:
    """Erasure: what the person wrote in feedback goes; their audit entries lose any name they carried."""
    for feedback in Feedback.objects.filter(registration__person=person).exclude(comment=""):
        feedback.comment = ""
        feedback.save(update_fields=["comment"])
    audit_forget(object_type="registrations.registration",
                 ids=Registration.objects.filter(person=person).values_list("pk", flat=True))  # fmt: skip


def registrations_transfer(survivor, duplicate, by, request) -> None:
    """Merge: the duplicate's registrations move. Where both held one for the same thing, the
    survivor's stays and the duplicate's is marked cancelled (one person, one place)."""
    held = set(
        Registration.objects.filter(person=survivor, status__in=Registration.ACTIVE).values_list("quota_id", flat=True)
    )
    for registration in Registration.objects.filter(person=duplicate):
        registration.person = survivor
        fields = ["person", "updated_at"]
        if registration.quota_id in held and registration.status in Registration.ACTIVE:
            registration.status = Registration.Status.CANCELLED
            fields.append("status")
        registration.save(update_fields=fields)
        audit_record(actor=by, action="registration.transfer", obj=registration, request=request,
                     details={"from": duplicate.pk, "to": survivor.pk})  # fmt: skip


def registration_labels(ids: list[str], user) -> dict:
    """Ledger titles for registrations: what they were for, in the reader's language."""
    labels = {}
    numbers = [int(pk) for pk in ids if pk.isdigit()]
    registrations = list(Registration.objects.filter(pk__in=numbers).select_related("quota"))
    all_details = owners_details(registration.quota for registration in registrations)
    for registration in registrations:
        if details := all_details.get(registration.quota_id):
            labels[str(registration.pk)] = SourceLabel(title=details.title, url=details.staff_path)
    return labels


REGISTRATIONS_STEPS = PrivacySteps(
    app_label="registrations", export=export_registrations, erase=registrations_forget, merge=registrations_transfer
)
