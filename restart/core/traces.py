"""What the platform itself keeps about a person beside the apps' tables: audit entries that
name them, queued or finished background tasks (rendered mails carry names and questions),
and the files the development mail and SMS backends write under var/.

The core's erase step (registered in apps.py) removes them, so that after an erasure a search
of the whole database and of var/ finds nothing of the person.
"""

import email
import email.policy
import json
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from restart.core.models import AuditEvent
from restart.core.privacy import ExportSection, Identity, PrivacySteps


def _mentions(text: str, terms: tuple[str, ...]) -> bool:
    folded = text.casefold()
    return any(term.casefold() in folded for term in terms)


def audit_scrub(identity: Identity) -> int:
    """Audit entries keep the event (who did what, when) but not the person's name."""
    match = Q()
    for term in identity.terms:
        match |= Q(object_repr__icontains=term)
    scrubbed = 0
    for event in AuditEvent.objects.filter(match).only("pk", "object_repr", "object_type", "object_id"):
        event.object_repr = f"{event.object_type} #{event.object_id}"
        event.save(update_fields=["object_repr"])
        scrubbed += 1
    return scrubbed


def tasks_forget(identity: Identity) -> int:
    """Background tasks whose arguments or results name the person (a rendered mail, an SMS)."""
    doomed = [
        result.pk
        for result in DBTaskResult.objects.only("pk", "args_kwargs", "return_value").iterator()
        if _mentions(json.dumps([result.args_kwargs, result.return_value], ensure_ascii=False), identity.terms)
    ]
    DBTaskResult.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _file_text(path: Path) -> str:
    raw = path.read_bytes()
    texts = [raw.decode("utf-8", errors="replace")]
    if path.parent == Path(settings.EMAIL_FILE_PATH):
        message = email.message_from_bytes(raw, policy=email.policy.default)
        texts += [str(value) for value in message.values()]
        for part in message.walk():
            if not part.is_multipart():
                payload = part.get_payload(decode=True) or b""
                texts.append(payload.decode(part.get_content_charset() or "utf-8", errors="replace"))
    return "\n".join(texts)


def files_forget(identity: Identity) -> int:
    """Development mail and SMS files that name or reach the person."""
    removed = 0
    for folder in (Path(settings.EMAIL_FILE_PATH), Path(settings.VAR_DIR) / "sms"):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.is_file() and _mentions(_file_text(path), identity.terms):
                path.unlink()
                removed += 1
    return removed


def erase_traces(person, identity: Identity, by, request) -> None:
    audit_scrub(identity)
    tasks_forget(identity)
    files_forget(identity)


def _nothing_to_export(person, viewer) -> list[ExportSection]:
    return []  # the access log is part of the person's record (people's export)


def _nothing_to_merge(survivor, duplicate, by, request) -> None:
    return None  # audit entries keep pointing at the record they were written for


CORE_STEPS = PrivacySteps(
    app_label="core", export=_nothing_to_export, erase=erase_traces, merge=_nothing_to_merge, order=900
)
