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
