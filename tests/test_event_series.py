"""Series (issue 9): registering for every date at once, moving a registrant, changing or calling
off "this date" or "this and following", and what each person is told."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from restart.core.errors import DomainError
from restart.core.roles import Role
from restart.events import services as events
from restart.events.models import Event
from restart.people.models import Participation
from restart.registrations import links, services
from restart.registrations.models import Registration
from tests.conftest import make_staff, run_worker, sign_in
from tests.people_factories import make_person

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def make_series(*, first: datetime.datetime | None = None, weeks: int = 3, capacity: int = 2, slug="club") -> Event:
    first = first or timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=3)  # fmt: skip
    until = (timezone.localtime(first) + datetime.timedelta(weeks=weeks - 1)).date()
    data = {"slug": slug, "kind": "meeting", "audience": "migrants", "language": "en", "place": "ul. Ruska 46a",
            "capacity": capacity, "repeat_until": until,
            "titles": {"pl": "Klub języka angielskiego", "ru": "Разговорный клуб английского",
                       "uk": "Розмовний клуб англійської", "en": "English Speaking Club"}}  # fmt: skip
    return events.event_create(data=data, first_starts_at=first, minutes=90, weekly=True, by=None)


def _ledger(registration) -> Participation:
    return Participation.objects.get(source_type="registrations.registration", source_id=str(registration.pk))


def _calendar(message) -> Calendar:
    ((_name, content, _mimetype),) = [a for a in message.attachments if a[0].endswith(".ics")]
    return Calendar.from_ical(content)


def _coordinator(client):
    sign_in(client, make_staff("coordinator@example.org", Role.COORDINATOR))
    return client


def test_a_migrant_registers_for_the_whole_series_in_russian_with_one_mail_and_one_ticket(client, db):
    event = make_series(capacity=1)
    dates = list(event.occurrences.order_by("starts_at"))
    services.registration_create(quota=dates[1].quota, person=make_person(full_name="First", email="f@example.org"),
                                 language="pl")  # fmt: skip
    mail.outbox.clear()
    page = client.get(f"/ru/meetings/{event.slug}/").content.decode()
    assert 'value="series"' in page
    response = client.post(f"/ru/meetings/{event.slug}/", {
        "occurrence": "series", "full_name": "Ирина Бондаренко", "email": "irina@example.org", "consent": "on",
    })  # fmt: skip
    mine = list(Registration.objects.filter(person__email="irina@example.org").order_by("created_at", "pk"))
    assert [r.quota_id for r in mine] == [d.quota_id for d in dates]
    assert [r.status for r in mine] == ["confirmed", "waitlisted", "confirmed"]
    assert len({r.batch for r in mine}) == 1 and mine[0].batch is not None
    assert response["Location"] == reverse("registrations:manage", kwargs={"token": links.manage_token(mine[0])})
    assert all(_ledger(r).starts_on == timezone.localtime(d.starts_at).date() for r, d in zip(mine, dates, strict=True))
    run_worker()
    (message,) = [m for m in mail.outbox if m.to == ["irina@example.org"]]
    assert "Разговорный клуб английского" in message.subject and mine[0].ticket in message.body
    assert message.body.count("\n- ") == 3 and "&#" not in message.body and "&quot;" not in message.body
    held = list(_calendar(message).walk("VEVENT"))
    assert len(held) == 2  # the date she waits for is not put in her calendar
    manage = client.get(response["Location"]).content.decode()
    assert manage.count('class="series-dates"') == 1 and mine[0].ticket in manage
    # One ticket opens every date: at the third date's door the first ticket checks her in there.
    outcome = services.registration_check_in(quota=dates[2].quota, ticket=mine[0].ticket, by=None)
    assert outcome.ok and outcome.registration.pk == mine[2].pk
    assert not services.registration_check_in(quota=dates[2].quota, ticket=mine[0].ticket, by=None).ok


def test_cancelling_every_date_still_ahead_sends_one_mail_that_takes_them_out_of_the_calendar(client, db):
    event = make_series(capacity=2)
    dates = list(event.occurrences.order_by("starts_at"))
    client.post(f"/uk/meetings/{event.slug}/", {"occurrence": "series", "full_name": "Олена Коваленко",
                                                "email": "olena@example.org", "consent": "on"})  # fmt: skip
    lead = Registration.objects.filter(person__email="olena@example.org").order_by("created_at", "pk").first()
    token = links.manage_token(lead)
    waiting = services.registration_create(quota=dates[0].quota, person=make_person(email="w@example.org"),
                                           language="uk")  # fmt: skip
    waiting = services.registration_create(quota=dates[0].quota, person=make_person(full_name="Waiting Two",
                                           email="w2@example.org"), language="uk")  # fmt: skip
    run_worker()
    mail.outbox.clear()
    page = client.get(reverse("registrations:manage_cancel", kwargs={"token": token})).content.decode()
    assert 'value="all"' in page
    client.post(reverse("registrations:manage_cancel", kwargs={"token": token}), {"scope": "all"})
    assert set(Registration.objects.filter(batch=lead.batch).values_list("status", flat=True)) == {"cancelled"}
    waiting.refresh_from_db()
    assert waiting.status == "offered"  # her seat on the first date went to the first one waiting there
    run_worker()
    (message,) = [m for m in mail.outbox if m.to == ["olena@example.org"]]
    calendar = _calendar(message)
    assert calendar["METHOD"] == "CANCEL" and len(list(calendar.walk("VEVENT"))) == 3


def test_staff_move_a_registrant_to_another_date_keeping_the_ticket_and_freeing_the_seat(client, db):
    event = make_series(capacity=1)
    first, second, third = event.occurrences.order_by("starts_at")
    moving = services.registration_create(quota=first.quota, person=make_person(email="m@example.org"), language="uk")
    waiting = services.registration_create(quota=first.quota, person=make_person(full_name="Next In Line",
                                           email="n@example.org"), language="uk")  # fmt: skip
    services.registration_create(quota=third.quota, person=make_person(full_name="Third", email="t@example.org"),
                                 language="uk")  # fmt: skip
    run_worker()
    mail.outbox.clear()
    _coordinator(client)
    with translation.override("en"):
        url = reverse("events_staff:registration_move", args=[moving.pk])
    full = client.post(url, {"to": str(third.pk)})
    assert full.status_code == 200 and "That date is full" in full.content.decode()
    assert 'class="field field--error"' in full.content.decode()
    response = client.post(url, {"to": str(second.pk)})
    assert response.status_code == 302
    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert moving.quota_id == second.quota_id and moving.status == "confirmed" and moving.calendar_sequence == 1
    assert waiting.status == "offered"
    assert _ledger(moving).starts_on == timezone.localtime(second.starts_at).date()
    run_worker()
    (message,) = [m for m in mail.outbox if m.to == ["m@example.org"]]
    (entry,) = _calendar(message).walk("VEVENT")
    assert entry["SEQUENCE"] == 1 and entry["UID"] == f"registration-{moving.pk}@restart"
    assert entry.decoded("DTSTART") == second.starts_at and moving.ticket in message.body


def test_this_and_following_move_to_the_same_wall_clock_time_across_summer_time(client, db):
    first = datetime.datetime(2030, 3, 19, 18, 0, tzinfo=WARSAW)  # summer time starts on 31 March 2030
    event = make_series(first=first, weeks=4, capacity=3)
    dates = list(event.occurrences.order_by("starts_at"))
    person = make_person(email="r@example.org")
    registration = services.registration_create(quota=dates[3].quota, person=person, language="uk")
    run_worker()
    mail.outbox.clear()
    _coordinator(client)
    response = client.post(reverse("events_staff:occurrence_edit", args=[dates[1].pk]), {
        "starts_at": "2030-03-26T19:30", "minutes": "60", "capacity": "3", "scope": "following"})  # fmt: skip
    assert response.status_code == 302
    local = [timezone.localtime(d.starts_at, WARSAW) for d in event.occurrences.order_by("starts_at")]
    assert [(t.month, t.day, t.hour, t.minute) for t in local] == [(3, 19, 18, 0), (3, 26, 19, 30), (4, 2, 19, 30),
                                                                    (4, 9, 19, 30)]  # fmt: skip
    assert _ledger(registration).starts_on == datetime.date(2030, 4, 9)
    run_worker()
    (message,) = [m for m in mail.outbox if m.to == ["r@example.org"]]
    assert "19:30" in message.body and _calendar(message).walk("VEVENT")[0]["SEQUENCE"] == 1
    # "This date only" leaves the others alone.
    client.post(reverse("events_staff:occurrence_edit", args=[dates[2].pk]), {
        "starts_at": "2030-04-03T17:00", "minutes": "60", "capacity": "3", "scope": "this"})  # fmt: skip
    local = [timezone.localtime(d.starts_at, WARSAW) for d in event.occurrences.order_by("starts_at")]
    assert [(t.day, t.hour) for t in local] == [(19, 18), (26, 19), (3, 17), (9, 19)]


def test_fewer_seats_than_taken_on_a_later_date_is_refused_naming_it_and_nothing_changes(client, db):
    event = make_series(capacity=2)
    dates = list(event.occurrences.order_by("starts_at"))
    for number in range(2):
        services.registration_create(quota=dates[2].quota, person=make_person(email=f"s{number}@example.org",
                                     full_name=f"Seat {number}"), language="uk")  # fmt: skip
    _coordinator(client)
    starts = timezone.localtime(dates[0].starts_at).strftime("%Y-%m-%dT%H:%M")
    with translation.override("en"):
        url = reverse("events_staff:occurrence_edit", args=[dates[0].pk])
    response = client.post(url, {"starts_at": starts, "minutes": "90", "capacity": "1", "scope": "following"})
    html = response.content.decode()
    assert response.status_code == 200 and "2 seats are already taken" in html and 'value="1"' in html
    assert sorted(d.quota.capacity for d in event.occurrences.select_related("quota")) == [2, 2, 2]


def test_calling_off_this_and_following_ends_the_registrations_and_tells_each_person_once(client, db):
    event = make_series(capacity=2)
    dates = list(event.occurrences.order_by("starts_at"))
    client.post(f"/pl/meetings/{event.slug}/", {"occurrence": "series", "full_name": "Jan Series",
                                                "email": "series@example.org", "consent": "on"})  # fmt: skip
    single = services.registration_create(quota=dates[2].quota, person=make_person(email="one@example.org"),
                                          language="uk")  # fmt: skip
    run_worker()
    mail.outbox.clear()
    _coordinator(client)
    page = client.get(reverse("events_staff:occurrence_cancel", args=[dates[1].pk])).content.decode()
    assert 'value="following"' in page
    client.post(reverse("events_staff:occurrence_cancel", args=[dates[1].pk]), {"scope": "following"})
    assert [d.cancelled_at is not None for d in event.occurrences.order_by("starts_at")] == [False, True, True]
    single.refresh_from_db()
    assert single.status == "cancelled" and _ledger(single).status == "cancelled"
    series = Registration.objects.filter(person__email="series@example.org").order_by("created_at", "pk")
    assert [r.status for r in series] == ["confirmed", "cancelled", "cancelled"]
    run_worker()
    assert len([m for m in mail.outbox if m.to == ["series@example.org"]]) == 1
    assert len([m for m in mail.outbox if m.to == ["one@example.org"]]) == 1
    public = client.get(f"/pl/meetings/{event.slug}/").content.decode()
    assert public.count('name="occurrence"') == 1  # one date left: no "every date" choice either


def test_a_later_end_adds_weekly_dates_and_an_earlier_one_calls_off_the_dates_after_it(client, db):
    event = make_series(weeks=3)
    last = event.occurrences.order_by("starts_at").last()
    _coordinator(client)
    form = {"kind": "meeting", "audience": "migrants", "language": "en", "place": "ul. Ruska 46a", "capacity": "2",
            "title_pl": "Klub", "status": "published"}  # fmt: skip
    later = (timezone.localtime(last.starts_at) + datetime.timedelta(weeks=2)).date()
    assert client.post(reverse("events_staff:event_edit", args=[event.pk]),
                       {**form, "repeat_until": later.isoformat()}).status_code == 302  # fmt: skip
    local = [timezone.localtime(d.starts_at) for d in event.occurrences.order_by("starts_at")]
    assert len(local) == 5 and len({(t.hour, t.minute, t.weekday()) for t in local}) == 1
    earlier = (timezone.localtime(last.starts_at) - datetime.timedelta(weeks=1)).date()
    client.post(reverse("events_staff:event_edit", args=[event.pk]), {**form, "repeat_until": earlier.isoformat()})
    assert event.occurrences.filter(cancelled_at__isnull=True).count() == 2
    event.refresh_from_db()
    assert event.titles == {"pl": "Klub"} and event.repeat_until == earlier
    missing = client.post(reverse("events_staff:event_edit", args=[event.pk]), {**form, "repeat_until": ""})
    assert missing.status_code == 200 and 'value="Klub"' in missing.content.decode()


@pytest.mark.parametrize("scope", ["this", "following"])
def test_a_past_date_cannot_be_changed(client, db, scope):
    event = make_series()
    date = event.occurrences.order_by("starts_at").first()
    date.starts_at = timezone.now() - datetime.timedelta(hours=3)
    date.ends_at = date.starts_at + datetime.timedelta(hours=1)
    date.save()
    with pytest.raises(DomainError):
        events.occurrence_update(occurrence=date, starts_at=timezone.now() + datetime.timedelta(days=1), minutes=60,
                                 capacity=2, scope=scope, by=None)  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_series_and_single_registrations_at_once_never_oversell_or_deadlock():
    """Series registrations lock date after date; with singles racing for the same dates, every
    date still ends with exactly its seats confirmed, and nobody waits on a lock forever."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("real row locks: this runs in the PostgreSQL pass of `make test`")
    event = make_series(capacity=2, slug="race-series")
    dates = list(event.occurrences.select_related("quota").order_by("starts_at"))
    people = [make_person(full_name=f"Racer {n}", email=f"racer{n}@example.org") for n in range(12)]
    barrier, errors = threading.Barrier(len(people)), []

    def attempt(number, person):
        try:
            barrier.wait()
            if number % 2:
                services.registration_create(quota=dates[number % 3].quota, person=person, language="uk")
            else:
                quotas = [date.quota for date in reversed(dates)]  # handed over in any order
                services.registration_register_many(quotas=quotas, full_name=person.full_name, email=person.email,
                                                    phone="", language="uk")  # fmt: skip
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=pair) for pair in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for date in dates:
        statuses = list(Registration.objects.filter(quota=date.quota).values_list("status", flat=True))
        assert statuses.count("confirmed") == 2 and statuses.count("waitlisted") == len(statuses) - 2
