"""The job fair's day (issue 11): stands, interview slots on the seat engine, invitations the
candidate accepts before the employer learns their name, check-in at the fair's door, outcomes
and the follow-up three months after a hire."""

import copy
import datetime
import re
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from restart.core.errors import DomainError
from restart.core.roles import Role
from restart.events import services as events
from restart.events.models import Event
from restart.jobfair import interviews
from restart.jobfair.importer import import_jobfair
from restart.jobfair.models import CandidateProfile, Employer, Interview, InterviewSlot, JobOffer
from restart.people.models import Consent, Participation
from restart.people.services import consent_withdraw
from restart.registrations import services as seats
from restart.registrations.links import manage_token
from tests.conftest import make_staff, run_worker, sign_in
from tests.test_jobfair import FAIR


def make_fair(*, days: int = 3, stands: int = 10):
    first = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)
    event = events.event_create(data={
        "slug": f"fair-{Event.objects.count()}", "kind": "job_fair", "audience": "migrants",
        "titles": {"pl": "Targi pracy", "en": "Job fair", "uk": "Ярмарок вакансій", "ru": "Ярмарка вакансий"},
        "language": "pl", "place": "Hala Stulecia, Wrocław", "capacity": 300,
    }, first_starts_at=first, minutes=360, weekly=False, by=None)  # fmt: skip
    return interviews.fair_set_up(event=event, stands=stands, by=None)


@pytest.fixture(autouse=True)
def in_english():
    """Refusals and pages read in English here; mails still speak each recipient's language."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    import_jobfair(copy.deepcopy(FAIR))
    for profile in CandidateProfile.objects.select_related("person"):
        person = profile.person
        person.email, person.preferred_language = f"{profile.key}@example.org", "uk"
        person.save(update_fields=["email", "preferred_language"])
    metal = Employer.objects.get(organization__name__startswith="Metal")
    metal.contact_email, metal.language = "hr@metal.example", "pl"
    metal.save(update_fields=["contact_email", "language"])
    account = make_staff("hr@metal.example", Role.EMPLOYER)
    metal.accounts.add(account)
    fair = make_fair()
    stand = interviews.stand_book(fair=fair, employer=metal, by=account)
    slots = interviews.slots_open(stand=stand, start=datetime.time(10), end=datetime.time(11), minutes=20,
                                  offer=JobOffer.objects.get(key="welder"), by=account)  # fmt: skip
    return {"fair": fair, "employer": metal, "account": account, "stand": stand, "slots": slots,
            "taras": CandidateProfile.objects.get(key="c-taras"), "olena": CandidateProfile.objects.get(key="c-olena"),
            "hidden": CandidateProfile.objects.get(key="c-hidden")}  # fmt: skip


def test_stands_go_lowest_number_first_once_per_employer_and_never_beyond_the_fair(world):
    fair = make_fair(stands=1)
    metal, odra = world["employer"], Employer.objects.get(organization__name="Hotel Odra")
    first = interviews.stand_book(fair=fair, employer=metal, by=None)
    assert first.number == 1 and interviews.stand_book(fair=fair, employer=metal, by=None) == first
    with pytest.raises(DomainError, match="Every stand is booked"):
        interviews.stand_book(fair=fair, employer=odra, by=None)
    bigger = make_fair(stands=3)
    interviews.stand_book(fair=bigger, employer=metal, by=None)
    interviews.stand_book(fair=bigger, employer=odra, by=None)
    with pytest.raises(DomainError, match="keep at least 2"):  # fewer stands than one already booked
        interviews.fair_set_up(event=bigger.event, stands=1, by=None)
    with pytest.raises(DomainError, match="from 1 to 500"):
        interviews.fair_set_up(event=fair.event, stands=0, by=None)
    odra.status = Employer.Status.PENDING
    odra.save(update_fields=["status"])
    with pytest.raises(DomainError, match="approved"):
        interviews.stand_book(fair=make_fair(), employer=odra, by=None)


def test_slots_fill_the_hours_asked_inside_the_fairs_day_and_are_not_opened_twice(world):
    stand = world["stand"]
    assert [timezone.localtime(slot.starts_at).strftime("%H:%M") for slot in world["slots"]] == [
        "10:00", "10:20", "10:40"]  # fmt: skip
    assert all(slot.quota.capacity == 1 and slot.quota.owner_id == str(slot.pk) for slot in world["slots"])
    again = interviews.slots_open(stand=stand, start=datetime.time(10), end=datetime.time(11, 30), minutes=20, by=None)
    assert [timezone.localtime(slot.starts_at).strftime("%H:%M") for slot in again] == ["11:00"]
    with pytest.raises(DomainError) as refused:
        interviews.slots_open(stand=stand, start=datetime.time(7), end=datetime.time(8), minutes=20, by=None)
    assert "end" in refused.value.message_dict
    interviews.slot_remove(slot=again[0], by=None)
    assert not InterviewSlot.objects.filter(pk=again[0].pk).exists()


def test_an_invited_candidate_stays_a_number_until_they_accept_then_the_employer_sees_name_and_cv(client, world):
    taras, account, slot = world["taras"], world["account"], world["slots"][0]
    taras.cv.save("cv.pdf", SimpleUploadedFile("cv.pdf", b"%PDF-1.4 taras", content_type="application/pdf"))
    sign_in(client, account)
    with translation.override("en"):
        offer_page = reverse("jobfair_staff:offer", args=[JobOffer.objects.get(key="welder").pk])
        fair_page = reverse("jobfair_staff:fair", args=[world["fair"].pk])
    page = client.get(offer_page).content.decode()
    assert f'name="candidate" value="{taras.pk}"' in page and "Taras" not in page
    client.post(reverse("jobfair_staff:offer_invite", args=[slot.offer_id]), {"candidate": taras.pk, "slot": slot.pk})
    interview = Interview.objects.get(candidate=taras)
    assert not interview.accepted and interview.invited_by == account
    run_worker()
    invitation = next(message for message in mail.outbox if message.to == ["c-taras@example.org"])
    assert "Metal-Bud" in invitation.body and "запрошує" in invitation.body.lower() + invitation.subject.lower()
    assert not invitation.attachments  # no calendar entry before they say yes
    assert not any(message.to == ["hr@metal.example"] for message in mail.outbox)
    page = client.get(fair_page).content.decode()
    assert f"Candidate #{taras.pk}" in page and "Taras" not in page and "Melnyk" not in page
    cv = reverse("jobfair_staff:interview_cv", args=[interview.pk])
    assert client.get(cv).status_code == 404

    token = manage_token(interview.registration)
    private = client.get(reverse("registrations:manage", args=[token])).content.decode()
    assert reverse("jobfair:interview_accept", args=[token]) in private
    client.post(reverse("jobfair:interview_accept", args=[token]))
    interview.refresh_from_db()
    assert interview.accepted
    run_worker()
    to_employer = next(message for message in mail.outbox if message.to == ["hr@metal.example"])
    assert "Taras Melnyk" in to_employer.body and "&" not in to_employer.body
    ics = Calendar.from_ical(to_employer.attachments[0][1])
    event = next(component for component in ics.walk("VEVENT"))
    assert event.decoded("dtstart") == slot.starts_at and "stoisko 1" in str(event.get("location"))
    confirmation = [message for message in mail.outbox if message.to == ["c-taras@example.org"]][-1]
    assert confirmation.attachments and "interview.ics" not in confirmation.attachments[0][0]
    page = client.get(fair_page).content.decode()
    assert "Taras Melnyk" in page and b"".join(client.get(cv).streaming_content).startswith(b"%PDF")

    # Withdrawing the consent hides the name and the CV again at once.
    consent = taras.person.consents.get(purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, withdrawn_at=None)
    consent_withdraw(consent=consent, by=None)
    page = client.get(fair_page).content.decode()
    assert "Taras" not in page and client.get(cv).status_code == 404


def test_one_time_one_candidate_one_interview_at_a_time_and_only_with_consent(world):
    first, second = world["slots"][0], world["slots"][1]
    interviews.interview_book(slot=first, candidate=world["taras"])
    with pytest.raises(DomainError, match="just been taken"):
        interviews.interview_book(slot=first, candidate=world["olena"])
    with pytest.raises(DomainError, match="already has an interview at this stand"):
        interviews.interview_book(slot=second, candidate=world["taras"])
    with pytest.raises(DomainError, match="agreed to be shown"):
        interviews.interview_book(slot=second, candidate=world["hidden"])
    odra = Employer.objects.get(organization__name="Hotel Odra")
    odra_stand = interviews.stand_book(fair=world["fair"], employer=odra, by=None)
    other = interviews.slots_open(stand=odra_stand, start=datetime.time(10), end=datetime.time(10, 20), minutes=20,
                                  by=None)[0]  # fmt: skip
    with pytest.raises(DomainError, match="at this time"):
        interviews.interview_book(slot=other, candidate=world["taras"])


def test_a_candidate_books_from_their_profile_and_declining_frees_the_time_and_tells_the_employer(client, world):
    from restart.jobfair.links import profile_token

    taras = world["taras"]
    token = profile_token(taras)
    with translation.override("uk"):
        page = client.get(reverse("jobfair:profile", args=[token])).content.decode()
    assert "Metal-Bud" in page and 'name="slot"' in page
    slot = world["slots"][1]
    response = client.post(reverse("jobfair:profile_book", args=[token]), {"slot": slot.pk})
    interview = Interview.objects.get(candidate=taras)
    assert response.status_code == 302 and interview.accepted and interview.slot == slot
    run_worker()
    assert any(message.to == ["hr@metal.example"] for message in mail.outbox)
    mail.outbox.clear()
    manage = manage_token(interview.registration)
    client.post(reverse("registrations:manage_cancel", args=[manage]))
    interview.registration.refresh_from_db()
    assert interview.registration.status == "cancelled"
    run_worker()
    cancel = next(message for message in mail.outbox if message.to == ["hr@metal.example"])
    assert "METHOD:CANCEL" in cancel.attachments[0][1]
    interviews.interview_book(slot=slot, candidate=world["olena"])  # the time is free again


def test_the_interview_ticket_opens_the_fairs_door_and_the_outcome_writes_guidance_to_the_ledger(client, world):
    taras, slot = world["taras"], world["slots"][0]
    interview = interviews.interview_book(slot=slot, candidate=taras)
    day = world["fair"].day
    coordinator = make_staff("coordinator@example.org", Role.COORDINATOR)
    sign_in(client, coordinator)
    with translation.override("en"):
        door = client.post(reverse("events_staff:check_in", args=[day.pk]),
                           {"ticket": interview.registration.ticket}).content.decode()  # fmt: skip
    assert "Welcome, Taras Melnyk" in door
    fair_day = Participation.objects.get(person=taras.person, kind="job_fair", professional_guidance=False)
    assert fair_day.status == "attended"
    with pytest.raises(DomainError):  # not before it begins
        interviews.interview_outcome(interview=interview, outcome="hired", by=coordinator)
    now = timezone.now()
    InterviewSlot.objects.filter(pk=slot.pk).update(starts_at=now - datetime.timedelta(minutes=30),
                                                    ends_at=now - datetime.timedelta(minutes=10))
    client.logout()
    sign_in(client, world["account"])
    client.post(reverse("jobfair_staff:interview_outcome", args=[interview.pk]), {"outcome": "hired"})
    interview.refresh_from_db()
    assert interview.outcome == "hired" and interview.outcome_by == world["account"]
    guidance = Participation.objects.get(person=taras.person, professional_guidance=True)
    assert (guidance.kind, guidance.status) == ("job_fair", "attended")

    follow_up = DBTaskResult.objects.get(task_path__endswith="hire_follow_up")
    assert follow_up.run_after.date() == (interview.outcome_at + datetime.timedelta(days=91)).date()
    run_worker()  # what was due already (the booking's confirmation)
    mail.outbox.clear()
    DBTaskResult.objects.filter(pk=follow_up.pk).update(run_after=timezone.now())
    run_worker()
    question = next(message for message in mail.outbox if message.to == ["c-taras@example.org"])
    assert "Metal-Bud" in question.body and not question.attachments
    token = re.search(r"/registrations/([^/\s]+)/", question.body).group(1)
    client.logout()
    client.post(reverse("jobfair:still_employed", args=[token]), {"answer": "yes"})
    interview.refresh_from_db()
    assert interview.still_employed is True and interview.follow_up_asked_at


def test_an_employer_sees_only_its_own_stand_and_interviews(client, world):
    interview = interviews.interview_book(slot=world["slots"][0], candidate=world["taras"])
    odra = Employer.objects.get(organization__name="Hotel Odra")
    stranger = make_staff("hr@odra.example", Role.EMPLOYER)
    odra.accounts.add(stranger)
    sign_in(client, stranger)
    for name in ("interview_outcome", "interview_cancel"):
        response = client.post(reverse(f"jobfair_staff:{name}", args=[interview.pk]), {"outcome": "hired"})
        assert response.status_code == 404
    assert client.get(reverse("jobfair_staff:interview_cv", args=[interview.pk])).status_code == 404
    assert client.post(reverse("jobfair_staff:slots_open", args=[world["stand"].pk]), {}).status_code == 404
    page = client.get(reverse("jobfair_staff:fair", args=[world["fair"].pk])).content.decode()
    assert "Taras" not in page and "Book a stand" in page


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_time_give_it_to_exactly_one_candidate():
    if connection.vendor != "postgresql":
        pytest.skip("real row locks: this runs in the PostgreSQL pass of `make test`")
    import_jobfair(copy.deepcopy(FAIR))
    employer = Employer.objects.get(organization__name="Hotel Odra")
    stand = interviews.stand_book(fair=make_fair(), employer=employer, by=None)
    slot = interviews.slots_open(stand=stand, start=datetime.time(12), end=datetime.time(12, 20), minutes=20,
                                 by=None)[0]
    from restart.people.services import consent_give
    from tests.people_factories import make_person

    candidates = []
    for number in range(20):
        person = make_person(full_name=f"Racer {number}", email=f"racer{number}@example.org")
        consent_give(person=person, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, text_version="t", by=None)
        candidates.append(CandidateProfile.objects.create(person=person))
    barrier = threading.Barrier(len(candidates))
    refused, errors = [], []

    def attempt(candidate):
        try:
            barrier.wait()
            interviews.interview_book(slot=slot, candidate=candidate)
        except DomainError:
            refused.append(candidate)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(candidate,)) for candidate in candidates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(refused) == 19
    assert seats.quota_counts(slot.quota) == {"taken": 1, "waiting": 0, "free": 0}
    assert Interview.objects.filter(slot=slot).count() == 1


def fair_day_objects() -> dict:
    """A fair, a stand, a booked and a free interview time, for the access tables (FAIR imported)."""
    employer = Employer.objects.get(organization__name__startswith="Metal")
    fair = make_fair()
    stand = interviews.stand_book(fair=fair, employer=employer, by=None)
    booked, free = interviews.slots_open(stand=stand, start=datetime.time(10), end=datetime.time(10, 40), minutes=20,
                                         by=None)  # fmt: skip
    taras = CandidateProfile.objects.get(key="c-taras")
    taras.cv.save("cv.pdf", SimpleUploadedFile("cv.pdf", b"%PDF-1.4 taras", content_type="application/pdf"))
    interview = interviews.interview_book(slot=booked, candidate=taras)
    return {"fair": {"pk": fair.pk}, "stand": {"pk": stand.pk}, "interview_slot": {"pk": free.pk},
            "interview": {"pk": interview.pk}}  # fmt: skip


def test_interviews_are_in_the_persons_export_and_follow_a_merge(world, manager):
    from restart.people.services import gdpr

    interview = interviews.interview_book(slot=world["slots"][0], candidate=world["olena"])
    duplicate = world["olena"].person
    survivor = world["taras"].person
    with translation.override("en"):
        sections = {section.key: section for section in gdpr.person_export_sections(duplicate, viewer=manager)}
    row = sections["interviews"].rows[0]
    assert row["company"].startswith("Metal-Bud") and row["accepted"] == "так"  # in the person's language
    gdpr.person_merge(survivor=survivor, duplicate=duplicate, by=manager)
    interview.refresh_from_db()
    assert interview.candidate == world["taras"] and interview.registration.person == survivor


def test_both_sides_are_reminded_the_day_before_each_in_their_language(world):
    slot = world["slots"][0]
    interviews.interview_book(slot=slot, candidate=world["taras"])
    run_worker()  # the confirmations
    mail.outbox.clear()
    reminders = DBTaskResult.objects.filter(task_path__regex=r"(employer_remind|registration_remind)$")
    assert {task.run_after for task in reminders} == {slot.starts_at - datetime.timedelta(hours=24)}
    reminders.update(run_after=timezone.now())
    run_worker()
    to_employer = next(message for message in mail.outbox if message.to == ["hr@metal.example"])
    to_candidate = next(message for message in mail.outbox if message.to == ["c-taras@example.org"])
    assert "Jutro" in to_employer.subject and "Taras Melnyk" in to_employer.body
    assert to_employer.attachments[0][0] == "interview.ics"
    assert "Metal-Bud" in to_candidate.body and "10:00" in to_candidate.body


def test_a_candidate_sees_a_companys_stands_at_every_fair_ahead(client, world):
    from restart.jobfair.links import profile_token

    later = make_fair(days=20)
    stand = interviews.stand_book(fair=later, employer=world["employer"], by=None)
    interviews.slots_open(stand=stand, start=datetime.time(12), end=datetime.time(12, 20), minutes=20, by=None)
    page = client.get(reverse("jobfair:profile", args=[profile_token(world["taras"])])).content.decode()
    offered = set(re.findall(r'name="slot" value="(\d+)"', page))
    assert {str(world["slots"][0].pk), str(stand.slots.get().pk)} <= offered


def test_the_coordinator_books_a_stand_for_a_company(client, world):
    coordinator = make_staff("coordinator@example.org", Role.COORDINATOR)
    odra = Employer.objects.get(organization__name="Hotel Odra")
    sign_in(client, coordinator)
    response = client.post(reverse("jobfair_staff:stand_book", args=[world["fair"].pk]), {"employer": odra.pk},
                           follow=True)  # fmt: skip
    assert odra.stands.get(fair=world["fair"]).number == 2
    assert "Stand 2 is booked for Hotel Odra." in response.content.decode()
    assert client.post(reverse("jobfair_staff:stand_book", args=[world["fair"].pk])).status_code == 404
