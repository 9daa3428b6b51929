"""The audit trail: services call `audit_record` inside their own transaction."""

from django.db import models
from django.http import HttpRequest

from restart.core.clients import client_address
from restart.core.models import AuditEvent


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
