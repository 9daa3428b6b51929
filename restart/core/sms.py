"""SMS delivery behind a small backend interface, chosen like Django's mail by a setting.

`SMS_BACKEND` names a class with `send_messages(messages) -> int`: files under `var/sms` for
development, memory for tests, the console, or SMSAPI.pl over HTTPS. Messages are rendered and
queued by `restart.core.notifications.sms_send`; the worker calls a backend through `sms_deliver`.
"""

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

# The GSM 03.38 alphabet: texts made only of these travel as GSM-7, anything else as UCS-2.
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€")  # each costs two characters


class SmsError(Exception):
    """The provider refused or could not take the message; the task fails and is recorded."""


@dataclass(frozen=True)
class SmsMessage:
    to: str  # E.164, e.g. +48601234567
    body: str


def sms_parts(text: str) -> tuple[str, int, int]:
    """(encoding, length, parts) as a network bills it: 160/153 GSM-7 characters, 70/67 UCS-2 units."""
    if all(char in GSM7_BASIC or char in GSM7_EXTENDED for char in text):
        length = sum(2 if char in GSM7_EXTENDED else 1 for char in text)
        return "GSM-7", length, 1 if length <= 160 else -(-length // 153)
    length = len(text.encode("utf-16-le")) // 2
    return "UCS-2", length, 1 if length <= 70 else -(-length // 67)


class BaseBackend:
    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Send every message or raise SmsError; returns how many were sent."""
        raise NotImplementedError


class FileBackend(BaseBackend):
    """One readable file per message in `SMS_FILE_PATH` (var/sms), like Django's file mail backend."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in messages:
            encoding, length, parts = sms_parts(message.body)
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.txt"
            path.write_text(
                f"To: {message.to}\nDate: {timezone.now().isoformat()}\n"
                f"Length: {length} characters, {encoding}, {parts} part(s)\n\n{message.body}\n",
                encoding="utf-8",
            )
        return len(messages)


outbox: list[SmsMessage] = []  # the memory backend's sent messages, like django.core.mail.outbox


class MemoryBackend(BaseBackend):
    """Keeps messages in `restart.core.sms.outbox`, for tests."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


class ConsoleBackend(BaseBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        for message in messages:
            sys.stdout.write(f"SMS to {message.to}\n{message.body}\n{'-' * 40}\n")
        sys.stdout.flush()
        return len(messages)


class SmsapiBackend(BaseBackend):
    """SMSAPI.pl's REST API: one POST to `SMSAPI_URL` per message, with the OAuth token as Bearer.

    A refusal comes back as `{"error": 101, "message": "..."}` (with HTTP 200 or an error
    status); both, and network failures and timeouts, raise SmsError.
    """

    def send_messages(self, messages: list[SmsMessage]) -> int:
        if not settings.SMSAPI_TOKEN:
            raise SmsError("SMSAPI_TOKEN is not set.")
        for message in messages:
            self._send(message)
        return len(messages)

    def _send(self, message: SmsMessage) -> dict:
        fields = {"to": message.to.lstrip("+"), "message": message.body, "encoding": "utf-8", "format": "json"}
        if settings.SMSAPI_SENDER:
            fields["from"] = settings.SMSAPI_SENDER
        request = urllib.request.Request(  # noqa: S310 (an https URL from settings)
            settings.SMSAPI_URL,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            headers={
                "Authorization": f"Bearer {settings.SMSAPI_TOKEN}",
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.SMSAPI_TIMEOUT) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise SmsError(f"SMSAPI answered HTTP {exc.code}: {_error_text(exc.read())}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"SMSAPI could not be reached: {exc}") from exc
        try:
            answer = json.loads(raw)
        except ValueError as exc:
            raise SmsError(f"SMSAPI answered something that is not JSON: {raw[:200]!r}") from exc
        if not isinstance(answer, dict) or "error" in answer:
            raise SmsError(f"SMSAPI refused the message: {_error_text(raw)}")
        return answer


def _error_text(raw: bytes) -> str:
    try:
        answer = json.loads(raw)
        return f"error {answer.get('error')}: {answer.get('message')}"
    except (ValueError, AttributeError):
        return raw[:200].decode("utf-8", "replace")


def get_backend() -> BaseBackend:
    return import_string(settings.SMS_BACKEND)()
