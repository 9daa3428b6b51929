"""Every staff URL that takes an object's id, opened by every kind of staff member (issue 8, section 3).

The table below is the rule, written down: who may open which object. A new URL with an id
fails `test_every_url_with_an_object_id_is_in_the_table` until someone decides its row.
"""

import datetime

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from restart.campaign.models import Material, ReachFigure
from restart.core.roles import Role
from restart.events.services import event_create
from restart.infopoint.models import Referral
from restart.knowledge.models import Article
from restart.people.models import Consent, Organization
from restart.people.services import gdpr
from restart.registrations import services as seats
from restart.staff.services import api_token_create
from restart.topics.models import Topic
from tests.conftest import make_staff, sign_in
from tests.infopoint_factories import make_consultation, make_slot
from tests.people_factories import make_person

ACTORS = ("manager", "owner", "colleague", "specialist", "other_specialist", "teacher")
POST_ONLY = {
    "events_staff:occurrence_add", "events_staff:registration_mark", "events_staff:scans",
    "events_staff:check_in_undo", "people:lift_restriction",
    "people:consent_add", "infopoint_staff:slot_delete", "infopoint_staff:referral_create",
    "infopoint_staff:referral_offer", "infopoint_staff:consultation_person", "campaign_staff:material_delete",
    "campaign_staff:reach_delete", "courses_staff:group_add", "courses_staff:lesson_mark",
    "jobfair_staff:offer_decide", "jobfair_staff:employer_decide", "jobfair_staff:offer_invite",
    "jobfair_staff:stand_book", "jobfair_staff:slots_open", "jobfair_staff:slot_remove",
    "jobfair_staff:interview_outcome", "jobfair_staff:interview_cancel",
}  # fmt: skip


def _row(manager, owner, colleague, specialist, other_specialist, teacher):
    return dict(zip(ACTORS, (manager, owner, colleague, specialist, other_specialist, teacher), strict=True))


# (url name, object) -> what each actor gets. "owner" is the consultant of the case, "specialist"
# the lawyer it was referred to; "restricted" objects belong to a person whose processing is restricted.
EXPECTED = {
    ("people:detail", "person"): _row(200, 200, 200, 200, 404, 403),
    ("people:detail", "restricted"): _row(200, 404, 404, 404, 404, 403),
    ("people:edit", "person"): _row(200, 200, 200, 403, 403, 403),
    ("people:edit", "restricted"): _row(200, 404, 404, 403, 403, 403),
    ("people:merge", "person"): _row(200, 200, 200, 403, 403, 403),
    ("people:merge", "restricted"): _row(200, 404, 404, 403, 403, 403),
    ("people:export", "person"): _row(200, 200, 200, 403, 403, 403),
    ("people:export", "restricted"): _row(200, 404, 404, 403, 403, 403),
    ("people:restrict", "person"): _row(200, 200, 200, 403, 403, 403),
    ("people:lift_restriction", "restricted"): _row(302, 403, 403, 403, 403, 403),
    ("people:erase", "person"): _row(200, 403, 403, 403, 403, 403),
    ("people:consent_add", "person"): _row(302, 302, 302, 403, 403, 403),
    ("people:consent_add", "restricted"): _row(302, 404, 404, 403, 403, 403),
    ("people:consent_withdraw", "consent"): _row(200, 200, 200, 403, 403, 403),
    ("people:organization_edit", "organization"): _row(200, 200, 200, 403, 403, 403),
    ("infopoint_staff:slot_delete", "slot"): _row(302, 302, 404, 404, 404, 403),
    ("infopoint_staff:consultation", "consultation"): _row(200, 200, 200, 200, 404, 403),
    ("infopoint_staff:consultation", "restricted"): _row(200, 404, 404, 404, 404, 403),
    ("infopoint_staff:referral_create", "consultation"): _row(200, 200, 200, 403, 403, 403),
    ("infopoint_staff:referral_create", "restricted"): _row(200, 404, 404, 403, 403, 403),
    ("infopoint_staff:consultation_person", "consultation"): _row(200, 200, 200, 403, 403, 403),
    ("infopoint_staff:consultation_person", "restricted"): _row(200, 404, 404, 403, 403, 403),
    ("infopoint_staff:referral", "referral"): _row(200, 200, 404, 200, 404, 403),
    ("infopoint_staff:referral_offer", "referral"): _row(403, 403, 404, 302, 404, 403),
    ("infopoint_staff:topic_edit", "topic"): _row(200, 403, 403, 403, 403, 403),
    ("knowledge_staff:edit", "article"): _row(200, 200, 200, 403, 403, 403),
    ("staff:account_edit", "account"): _row(200, 403, 403, 403, 403, 403),
    ("staff:account_deactivate", "account"): _row(200, 403, 403, 403, 403, 403),
    ("staff:account_reactivate", "account"): _row(405, 403, 403, 403, 403, 403),
    ("staff:account_two_factor_reset", "account"): _row(405, 403, 403, 403, 403, 403),
    ("staff:account_invitation_resend", "account"): _row(405, 403, 403, 403, 403, 403),
    ("events_staff:event", "event"): _row(200, 403, 403, 403, 403, 403),
    ("events_staff:occurrence", "occasion"): _row(200, 403, 403, 403, 403, 403),
    ("events_staff:occurrence_add", "occasion"): _row(200, 403, 403, 403, 403, 403),
    ("events_staff:registration_mark", "registration"): _row(302, 403, 403, 403, 403, 403),
    ("events_staff:check_in", "occasion"): _row(200, 403, 403, 403, 403, 403),
    ("events_staff:message", "occasion"): _row(200, 403, 403, 403, 403, 403),
    ("events_staff:scans", "occasion"): _row(400, 403, 403, 403, 403, 403),  # an empty form, not JSON
    ("events_staff:check_in_undo", "registration"): _row(302, 403, 403, 403, 403, 403),
    ("jobfair_staff:candidate", "person"): _row(200, 200, 200, 403, 403, 403),
    ("jobfair_staff:candidate", "restricted"): _row(200, 404, 404, 403, 403, 403),
    ("jobfair_staff:offer", "offer"): _row(200, 403, 403, 403, 403, 403),
    ("jobfair_staff:offer_edit", "offer"): _row(200, 403, 403, 403, 403, 403),
    ("jobfair_staff:offer_decide", "offer"): _row(302, 403, 403, 403, 403, 403),
    ("jobfair_staff:employer_decide", "employer"): _row(302, 403, 403, 403, 403, 403),
    # The fair's day: the programme sees every stand and interview (a POST without its fields is
    # refused: no candidate or company chosen is 404, an empty times form 400).
    ("jobfair_staff:offer_invite", "offer"): _row(404, 403, 403, 403, 403, 403),
    ("jobfair_staff:fair", "fair"): _row(200, 403, 403, 403, 403, 403),
    ("jobfair_staff:stand_book", "fair"): _row(404, 403, 403, 403, 403, 403),
    ("jobfair_staff:slots_open", "stand"): _row(400, 403, 403, 403, 403, 403),
    ("jobfair_staff:slot_remove", "interview_slot"): _row(302, 403, 403, 403, 403, 403),
    ("jobfair_staff:interview_outcome", "interview"): _row(302, 403, 403, 403, 403, 403),
    ("jobfair_staff:interview_cancel", "interview"): _row(302, 403, 403, 403, 403, 403),
    # Reports: the manager's alone.
    ("reports:period", "reporting_period"): _row(200, 403, 403, 403, 403, 403),
    ("jobfair_staff:interview_cv", "interview"): _row(200, 403, 403, 403, 403, 403),
    ("courses_staff:course", "course"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:group_create", "course"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:course_edit", "course"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:group", "group"): _row(200, 403, 403, 403, 403, 200),
    ("courses_staff:group", "other_group"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:group_add", "group"): _row(200, 403, 403, 403, 403, 403),
    ("courses_staff:attendance", "group"): _row(200, 403, 403, 403, 403, 200),
    ("courses_staff:attendance", "other_group"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:message", "group"): _row(200, 403, 403, 403, 403, 200),
    ("courses_staff:message", "other_group"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:lesson", "lesson"): _row(200, 403, 403, 403, 403, 200),
    ("courses_staff:lesson", "other_lesson"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:lesson_mark", "lesson"): _row(302, 403, 403, 403, 403, 302),
    ("courses_staff:lesson_mark", "other_lesson"): _row(302, 403, 403, 403, 403, 404),
    ("courses_staff:lesson_cancel", "lesson"): _row(200, 403, 403, 403, 403, 200),
    ("courses_staff:lesson_cancel", "other_lesson"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:enrollment", "enrollment"): _row(200, 403, 403, 403, 403, 200),
    ("courses_staff:enrollment", "other_enrollment"): _row(200, 403, 403, 403, 403, 404),
    ("courses_staff:certificate_pdf", "enrollment"): _row(200, 403, 403, 403, 403, 200),
    ("courses_staff:certificate_pdf", "other_enrollment"): _row(200, 403, 403, 403, 403, 404),
    ("events_staff:event_edit", "event"): _row(200, 403, 403, 403, 403, 403),
    ("events_staff:occurrence_edit", "occasion"): _row(200, 403, 403, 403, 403, 403),
    ("events_staff:occurrence_cancel", "occasion"): _row(200, 403, 403, 403, 403, 403),
    ("events_staff:registration_move", "registration"): _row(200, 403, 403, 403, 403, 403),
    ("staff:account_token_create", "account"): _row(200, 403, 403, 403, 403, 403),
    ("staff:account_token_revoke", "token"): _row(200, 403, 403, 403, 403, 403),
    # Coordinators and managers run the campaign (test_campaign.py signs a coordinator in).
    ("campaign_staff:material_edit", "material"): _row(200, 403, 403, 403, 403, 403),
    ("campaign_staff:material_delete", "material"): _row(302, 403, 403, 403, 403, 403),
    ("campaign_staff:reach_delete", "reach_figure"): _row(302, 403, 403, 403, 403, 403),
}


# URLs with an id that no staff area guards, each with what guards it instead. A new one fails
# the test below until it is either put under an area (and in EXPECTED) or listed here.
NOT_STAFF_PAGES = {
    "manage_short": "the SMS's short link: an HMAC of the booking's secret (test_sms.py)",
    "staff:invitation_accept": "a one-time signed link (test_staff_accounts.py)",
    "staff:password_reset_confirm": "Django's one-time password-reset token",
    "knowledge:topic": "public: published topics",
    "knowledge:article": "public: published articles only (test_knowledge.py)",
    "infopoint:book_slot": "public: consultants' free times only (test_infopoint_booking.py)",
    "infopoint:manage": "the booking's private signed link (test_infopoint_booking.py)",
    "infopoint:manage_cancel": "the booking's private signed link",
    "infopoint:manage_move": "the booking's private signed link",
    "events:detail": "public: published events only (test_registrations.py)",
    "events:ics": "public: a published event's dates as a calendar",
    "registrations:manage": "the registration's private signed link (test_registrations.py)",
    "jobfair:profile_book": "the candidate profile's private signed link (test_jobfair_day.py)",
    "jobfair:interview_accept": "the interview registration's private signed link (test_jobfair_day.py)",
    "jobfair:interview_decline": "the interview registration's private signed link",
    "jobfair:still_employed": "the interview registration's private signed link (test_jobfair_day.py)",
    "registrations:manage_cancel": "the registration's private signed link",
    "registrations:manage_confirm": "the registration's private signed link",
    "registrations:manage_data": "the registration's private signed link",
    "registrations:manage_feedback": "the registration's private signed link",
    "registration_short": "the SMS's short link: an HMAC of the registration's secret (test_registrations.py)",
    "campaign:subtitles": "public: the film's subtitles (test_campaign.py)",
    "campaign:material": "public: the campaign's materials to download (test_campaign.py)",
    "courses:group": "public: groups of published courses only (test_courses.py)",
    "courses:certificate": "the application's private signed link (test_courses.py)",
    "courses:participant_calendar": "an HMAC of the application's secret (test_courses.py)",
    "courses:teacher_calendar": "an HMAC of the teacher's password hash (test_courses.py)",
    "course_verify": "public: what the certificate itself shows, by its code (test_courses.py)",
    "jobfair:offer": "public: published offers only (test_jobfair.py)",
    "jobfair:profile": "the profile's private signed link (test_jobfair.py)",
    "jobfair:profile_cv": "the profile's private signed link (test_jobfair.py)",
    "api:job_matches": "an API token of the programme's staff or of the offer's employer (test_jobfair.py)",
}


def _urls_with_ids() -> tuple[set[str], set[str]]:
    """(staff views with an id, every other URL with an id) — the admin's own pages aside,
    which only a verified superuser may open (test_security.py)."""
    staff, other = set(), set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                if not pattern.pattern.converters:
                    continue
                name = f"{namespace}{pattern.name}"
                (staff if getattr(pattern.callback, "staff_area", None) else other).add(name)
            elif pattern.namespace != "admin":
                walk(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))

    walk(get_resolver().url_patterns)
    return staff, other


def test_every_url_with_an_object_id_is_in_the_table():
    staff, other = _urls_with_ids()
    assert staff == {name for name, _object in EXPECTED}
    assert other == set(NOT_STAFF_PAGES)  # no page with an id escapes both the table and this list


@pytest.fixture
def world(db):
    """A referred case, a restricted person, and one of everything else a URL can point at."""
    actors = {
        "manager": make_staff("manager@example.org", Role.MANAGER),
        "owner": make_staff("owner@example.org", Role.CONSULTANT),
        "colleague": make_staff("colleague@example.org", Role.CONSULTANT),
        "specialist": make_staff("lawyer@example.org", Role.SPECIALIST, speciality="lawyer"),
        "other_specialist": make_staff("psychologist@example.org", Role.SPECIALIST, speciality="psychologist"),
        "teacher": make_staff("teacher@example.org", Role.TEACHER),
    }
    owner = actors["owner"]
    olena = make_person(full_name="Olena Kovalenko", email="olena@example.org")
    consultation = make_consultation(consultant=owner, person=olena)
    person = consultation.person
    consent = Consent.objects.create(person=person, purpose="referral", text_version="1")
    referral = Referral.objects.create(consultation=consultation, person=person, kind="specialist",
                                       specialist=actors["specialist"], reason="appeal", consent=consent,
                                       created_by=owner)  # fmt: skip
    make_slot(actors["specialist"], days=4)  # a free time the specialist can offer
    token, _secret = api_token_create(user=actors["colleague"], name="script", by=actors["manager"])
    occasion = event_create(
        data={"slug": "club", "titles": {"pl": "Klub"}, "place": "Sala", "capacity": 5},
        first_starts_at=timezone.now() + datetime.timedelta(days=3), minutes=60, by=actors["manager"],
    ).occurrences.get()  # fmt: skip
    hidden = make_consultation(consultant=owner, person=make_person(full_name="Hidden Person"))
    gdpr.person_restrict(person=hidden.person, reason="asked", by=actors["manager"])
    objects = {
        "person": {"pk": person.pk},
        "consent": {"pk": person.pk, "consent_pk": consent.pk},
        "restricted": {"pk": hidden.person.pk},
        "consultation": {"pk": consultation.pk},
        "referral": {"pk": referral.pk},
        "slot": {"pk": make_slot(owner, days=5).pk},
        "organization": {"pk": Organization.objects.create(name="Hotel Odra").pk},
        "topic": {"pk": Topic.objects.first().pk},
        "article": {"pk": Article.objects.create(slug="pesel").pk},
        "account": {"pk": actors["colleague"].pk},
        "token": {"pk": actors["colleague"].pk, "token_pk": token.pk},
        "event": {"pk": occasion.event.pk},
        "occasion": {"pk": occasion.pk},
        "registration": {"pk": seats.registration_create(quota=occasion.quota, language="uk",
                                                         person=make_person(full_name="Event Goer")).pk},
        "material": {"pk": Material.objects.create(titles={"pl": "Ulotka"}, file="campaign/materials/x.pdf").pk},
        "reach_figure": {"pk": ReachFigure.objects.create(kind="views", on=datetime.date(2026, 5, 1), source="TVP",
                                                          number=10).pk},
    }
    objects.update(_course_objects(actors))
    objects.update(_jobfair_objects())
    restricted_consultation = {"pk": hidden.pk}
    return actors, objects, restricted_consultation


def _reporting_period():
    from restart.reports.models import ReportingPeriod

    return ReportingPeriod.objects.create(name="2026", starts_on=datetime.date(2026, 1, 1),
                                          ends_on=datetime.date(2026, 12, 31))  # fmt: skip


def _jobfair_objects() -> dict:
    import copy

    from restart.jobfair.importer import import_jobfair
    from restart.jobfair.models import Employer, JobOffer
    from tests.test_jobfair import FAIR
    from tests.test_jobfair_day import fair_day_objects

    import_jobfair(copy.deepcopy(FAIR))
    company = Organization.objects.create(name="Nowa Firma")
    pending = Employer.objects.create(organization=company, contact_email="hr@nowa-firma.example")
    return {"offer": {"pk": JobOffer.objects.get(key="welder").pk}, "employer": {"pk": pending.pk},
            **fair_day_objects(), "reporting_period": {"pk": _reporting_period().pk}}


def _course_objects(actors: dict) -> dict:
    """A group the teacher teaches and one taught by someone else, each with a participant holding
    a certificate."""
    from restart.courses import services as courses
    from restart.courses.models import Certificate
    from tests.test_courses import make_course, make_group

    course = make_course()
    other_teacher = make_staff("other-teacher@example.org", Role.TEACHER)
    mine, other = make_group(course, code="A1-1", teacher=actors["teacher"]), make_group(course, code="B1-1",
                                                                                           teacher=other_teacher)
    enrolled = {}
    for key, group in (("enrollment", mine), ("other_enrollment", other)):
        enrollment = courses.enrollment_add(group=group, person=make_person(full_name=f"Learner {key}"),
                                            by=actors["manager"])  # fmt: skip
        Certificate.objects.create(enrollment=enrollment, full_name="Learner", course_title="Let's mów", level="a1",
                                   hours=30, starts_on=group.starts_on, ends_on=group.ends_on)  # fmt: skip
        enrolled[key] = {"pk": enrollment.pk}
    return {"course": {"pk": course.pk}, "group": {"pk": mine.pk}, "other_group": {"pk": other.pk},
            "lesson": {"pk": mine.lessons.first().pk}, "other_lesson": {"pk": other.lessons.first().pk}, **enrolled}


def _kwargs(name: str, target: str, objects: dict, restricted_consultation: dict) -> dict:
    if target == "restricted" and name.startswith("infopoint_staff:"):
        return restricted_consultation
    return objects[target]


CASES = [(name, target, actor) for (name, target) in EXPECTED for actor in ACTORS]


@pytest.mark.parametrize(("name", "target", "actor"), CASES)
def test_each_role_opens_exactly_the_objects_the_table_allows(client, world, name, target, actor):
    actors, objects, restricted_consultation = world
    sign_in(client, actors[actor])
    url = reverse(name, kwargs=_kwargs(name, target, objects, restricted_consultation))
    response = client.post(url) if name in POST_ONLY else client.get(url)
    assert response.status_code == EXPECTED[name, target][actor]


def test_a_restricted_persons_case_cannot_be_referred_even_by_a_manager(client, world):
    """Security review, item 2: consultants get 404 (the table); a manager, who sees the case,
    is told why the referral is refused, and nothing is sent."""
    actors, _objects, restricted_consultation = world
    sign_in(client, actors["manager"])
    url = reverse("infopoint_staff:referral_create", kwargs=restricted_consultation)
    response = client.post(url, {"kind": "institution", "institution": "MOPS", "reason": "x", "consent_now": "on"})
    with translation.override("pl"):
        refusal = gettext("This person's data may not be processed further, so their case cannot be referred.")
    assert response.status_code == 200 and refusal in response.content.decode()
    assert not Referral.objects.filter(consultation_id=restricted_consultation["pk"]).exists()


def test_a_specialist_never_reads_private_notes_even_of_a_case_referred_to_them(client, world):
    """Security review, item 3."""
    actors, objects, _restricted = world
    from restart.infopoint.models import Consultation

    Consultation.objects.filter(pk=objects["consultation"]["pk"]).update(notes="Confidential worry")
    sign_in(client, actors["specialist"])
    page = client.get(reverse("infopoint_staff:consultation", kwargs=objects["consultation"])).content.decode()
    assert "Confidential worry" not in page and 'name="notes"' not in page
    sign_in(client, actors["owner"])
    assert "Confidential worry" in client.get(reverse("infopoint_staff:consultation",
                                                      kwargs=objects["consultation"])).content.decode()  # fmt: skip


def test_the_week_hides_a_restricted_persons_name_from_consultants(client, world):
    """Security review, item 6."""
    actors, _objects, restricted = world
    from restart.infopoint.models import Consultation

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    at = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(10)))
    Consultation.objects.filter(pk=restricted["pk"]).update(starts_at=at)
    week = {"consultant": actors["owner"].pk, "week": tomorrow.isoformat()}
    sign_in(client, actors["owner"])
    page = client.get(reverse("infopoint_staff:week"), week).content.decode()
    with translation.override("pl"):
        placeholder = gettext("booked (restricted record)")
    assert "Hidden Person" not in page and placeholder in page
    sign_in(client, actors["manager"])
    assert "Hidden Person" in client.get(reverse("infopoint_staff:week"), week).content.decode()


def test_a_specialist_offers_a_referred_person_a_time_and_the_person_is_told(client, world, mailoutbox):
    actors, objects, _restricted = world
    from restart.infopoint.models import Consultation
    from tests.conftest import run_worker

    sign_in(client, actors["specialist"])
    page = client.get(reverse("infopoint_staff:referral", kwargs=objects["referral"])).content.decode()
    slot_id = int(page.split('name="slot" value="')[1].split('"')[0])
    client.post(reverse("infopoint_staff:referral_offer", kwargs=objects["referral"]), {"slot": slot_id})
    offered = Consultation.objects.get(slot_id=slot_id)
    assert offered.consultant == actors["specialist"] and offered.status == "booked"
    assert Referral.objects.get(pk=objects["referral"]["pk"]).status == "in_progress"
    # Taking the same time twice is refused, not double booked.
    client.post(reverse("infopoint_staff:referral_offer", kwargs=objects["referral"]), {"slot": slot_id})
    assert Consultation.objects.filter(slot_id=slot_id).count() == 1
    run_worker()
    assert [message.to for message in mailoutbox] == [["olena@example.org"]]


def test_no_time_is_offered_on_a_closed_referral_or_to_a_person_no_longer_processed(client, world):
    """Second review, item 5: the form hides, and the service refuses too."""
    actors, objects, _restricted = world
    from restart.infopoint.models import Consultation

    referral = Referral.objects.get(pk=objects["referral"]["pk"])
    url = reverse("infopoint_staff:referral_offer", kwargs=objects["referral"])
    sign_in(client, actors["specialist"])
    Referral.objects.filter(pk=referral.pk).update(status="done")
    client.post(url, {"slot": make_slot(actors["specialist"], days=6).pk})
    Referral.objects.filter(pk=referral.pk).update(status="open")
    gdpr.person_erase(person=referral.person, by=actors["manager"])
    client.post(url, {"slot": make_slot(actors["specialist"], days=7).pk})
    assert not Consultation.objects.filter(consultant=actors["specialist"]).exists()
