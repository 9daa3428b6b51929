"""Background work of the information point, run by `manage.py db_worker`."""

from django.utils import timezone
from django_tasks import task

from restart.infopoint.models import Consultation
from restart.infopoint.notifications import notify


@task()
def consultation_remind(*, consultation_id: int, starts_at: str) -> bool:
    """The day-before reminder. A booking moved or cancelled since gets no stale reminder:
    the task checks the booking still stands at the time it was scheduled for."""
    consultation = Consultation.objects.select_related("person").filter(pk=consultation_id).first()
    if consultation is None or consultation.status != Consultation.Status.BOOKED:
        return False
    if consultation.starts_at.isoformat() != starts_at or consultation.starts_at <= timezone.now():
        return False
    notify(consultation=consultation, kind="reminder")
    return True
