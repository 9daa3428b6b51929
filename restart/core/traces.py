"""What the platform itself keeps about a person beside the apps' tables: audit entries that
name them, queued or finished background tasks (a rendered mail carries a name and a question),
and the files the development mail and SMS backends write under var/.

Everything here matches exactly — an audit entry by the object it is about, a task or a file by
its recipient — never by a piece of text, so that erasing "Ana" never touches Svetlana.
"""

import email
import email.policy
from email.utils import getaddresses
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from restart.core.models import AuditEvent
from restart.core.phones import normalise_phone
from restart.core.privacy import ExportSection, Identity, PrivacySteps


def audit_forget(*, object_type: str, ids) -> int:
    """Audit entries about these objects keep the event (who did what, when) but lose the name
    they were written with: the trail shows the object's number instead."""
    return AuditEvent.objects.filter(object_type=object_type, object_id__in=[str(pk) for pk in ids]).exclude(
        object_repr=""
    ).update(object_repr="")


def _phone(value: str) -> str:
    try:
        return normalise_phone(value)
    except ValidationError:  # a stored number that never normalised still matches as typed
        return value


def _recipients(kwargs: dict) -> set[str]:
    to = kwargs.get("to") or []
    values = [to] if isinstance(to, str) else list(to)
    return {value.strip().lower() for value in values if isinstance(value, str)}


def tasks_forget(identity: Identity) -> int:
    """Background tasks addressed to the person (their mails and SMS, sent or still queued)."""
    addresses = {address.lower() for address in identity.emails} | {_phone(phone) for phone in identity.phones}
    if not addresses:
        return 0
    doomed = [
        result.pk
        for result in DBTaskResult.objects.only("pk", "args_kwargs").iterator()
        if _recipients((result.args_kwargs or {}).get("kwargs") or {}) & addresses
    ]
    DBTaskResult.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _mail_recipients(path: Path) -> set[str]:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
    fields = [str(value) for key in ("To", "Cc", "Bcc") for value in message.get_all(key, [])]
    return {address.lower() for _name, address in getaddresses(fields) if address}


def _sms_recipient(path: Path) -> set[str]:
    first = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
    return {_phone(first.removeprefix("To:").strip())} if first.startswith("To:") else set()


def files_forget(identity: Identity) -> int:
    """Development mail and SMS files addressed to the person."""
    emails = {address.lower() for address in identity.emails}
    phones = {_phone(phone) for phone in identity.phones}
    removed = 0
    for folder, recipients, wanted in (
        (Path(settings.EMAIL_FILE_PATH), _mail_recipients, emails),
        (Path(settings.SMS_FILE_PATH), _sms_recipient, phones),
    ):
        if not wanted or not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.is_file() and recipients(path) & wanted:
                path.unlink()
                removed += 1
    return removed


def erase_traces(person, identity: Identity, by, request) -> None:
    tasks_forget(identity)
    files_forget(identity)


def _nothing_to_export(person, viewer) -> list[ExportSection]:
    return []  # the access log is part of the person's record (people's export)


def _nothing_to_merge(survivor, duplicate, by, request) -> None:
    return None  # audit entries keep pointing at the record they were written for


CORE_STEPS = PrivacySteps(
    app_label="core", export=_nothing_to_export, erase=erase_traces, merge=_nothing_to_merge, order=900
)
