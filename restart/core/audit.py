"""The audit trail: services call `audit_record` inside their own transaction."""

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from restart.core.clients import client_address
from restart.core.models import AuditEvent

# What each action code means, as the audit trail shows it: `%(object)s` is the object's name.
# A module that writes a new code adds its sentence with `audit_actions_register` from its
# AppConfig.ready(); a code without one is shown as the code itself.
AUDIT_ACTIONS: dict[str, str] = {
    "person.view": _("viewed the record of %(object)s"),
    "person.create": _("registered %(object)s"),
    "person.create_by_booking": _("%(object)s registered by booking a consultation"),
    "person.demo": _("demo record %(object)s created"),
    "person.import": _("imported %(object)s from a file"),
    "person.update": _("changed the record of %(object)s"),
    "person.merge": _("merged a duplicate into %(object)s"),
    "person.merged_into": _("%(object)s merged into another record"),
    "person.export": _("exported the data of %(object)s"),
    "person.restrict": _("restricted the processing of the data of %(object)s"),
    "person.lift_restriction": _("lifted the restriction on the data of %(object)s"),
    "person.erase": _("erased the personal data of %(object)s"),
    "consent.give": _("recorded a consent of %(object)s"),
    "consent.withdraw": _("recorded that %(object)s withdrew a consent"),
    "organization.create": _("added the organisation %(object)s"),
    "organization.update": _("changed the organisation %(object)s"),
    "consultation.book": _("booked the consultation %(object)s"),
    "consultation.move": _("moved the consultation %(object)s"),
    "consultation.cancel": _("cancelled the consultation %(object)s"),
    "consultation.record": _("recorded the consultation %(object)s"),
    "consultation.walk_in": _("recorded the walk-in consultation %(object)s"),
    "slots.publish": _("published consultation slots of %(object)s"),
    "referral.create": _("made the referral %(object)s"),
    "referral.update": _("updated the referral %(object)s"),
    "topic.create": _("added the topic %(object)s"),
    "topic.update": _("changed the topic %(object)s"),
    "article.create": _("wrote the article %(object)s"),
    "article.update": _("changed the article %(object)s"),
    "staff.invite": _("invited %(object)s"),
    "staff.invitation_accept": _("%(object)s accepted the invitation"),
    "staff.update": _("changed the account of %(object)s"),
    "staff.deactivate": _("deactivated the account of %(object)s"),
    "staff.reactivate": _("reactivated the account of %(object)s"),
    "staff.two_factor_reset": _("reset the two-factor authentication of %(object)s"),
    "staff.two_factor_enrol": _("set up two-factor authentication for %(object)s"),
    "audit.export": _("exported the audit trail"),
}


def audit_actions_register(actions: dict[str, str]) -> None:
    """Add the sentences of a module's action codes (lazy translations with `%(object)s`)."""
    AUDIT_ACTIONS.update(actions)


def audit_action_sentence(action: str, object_text: str) -> str | None:
    """The translated sentence for an action, or None for a code nobody registered."""
    sentence = AUDIT_ACTIONS.get(action)
    return None if sentence is None else str(sentence) % {"object": object_text}


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    request: HttpRequest | None = None,
    details: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        ip_address=client_address(request) if request is not None else None,
        details=details or {},
    )
