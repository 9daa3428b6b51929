import datetime

from django.utils import timezone

from restart.core.roles import Role
from restart.infopoint.models import Consultation, ConsultationSlot
from restart.infopoint.services.records import participation_sync
from restart.topics.models import Topic
from tests.conftest import make_staff
from tests.people_factories import make_person


def make_slot(consultant, *, days: int = 3, hour: int = 10, languages=("uk", "pl"), channel="in_person",
              minutes: int = 45) -> ConsultationSlot:  # fmt: skip
    tz = timezone.get_current_timezone()
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=tz)
    return ConsultationSlot.objects.create(
        consultant=consultant, starts_at=starts, ends_at=starts + datetime.timedelta(minutes=minutes),
        languages=ConsultationSlot.pack_languages(languages), channel=channel, place="ul. Ruska 46, Wrocław",
    )  # fmt: skip


def make_consultation(*, consultant=None, person=None, **fields) -> Consultation:
    consultant = consultant or make_staff(f"c-{Consultation.objects.count()}@example.org", Role.CONSULTANT)
    person = person or make_person()
    values = {"starts_at": timezone.now() - datetime.timedelta(days=1), "language": "uk", "channel": "in_person",
              "status": Consultation.Status.ATTENDED, **fields}  # fmt: skip
    consultation = Consultation.objects.create(person=person, consultant=consultant, **values)
    consultation.topics.set([Topic.objects.get(slug="legal-stay")])
    participation_sync(consultation)
    return consultation
