"""Every staff URL that takes an object's id, opened by every kind of staff member (issue 8, section 3).

The table below is the rule, written down: who may open which object. A new URL with an id
fails `test_every_url_with_an_object_id_is_in_the_table` until someone decides its row.
"""

import datetime

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from restart.core.roles import Role
from restart.infopoint.models import Referral
from restart.knowledge.models import Article
from restart.people.models import Consent, Organization
from restart.people.services import gdpr
from restart.staff.services import api_token_create
from restart.topics.models import Topic
from tests.conftest import make_staff, sign_in
from tests.infopoint_factories import make_consultation, make_slot
from tests.people_factories import make_person

ACTORS = ("manager", "owner", "colleague", "specialist", "other_specialist", "teacher")
POST_ONLY = {
    "people:lift_restriction", "people:consent_add", "infopoint_staff:slot_delete", "infopoint_staff:referral_create",
    "infopoint_staff:referral_offer", "infopoint_staff:consultation_person",
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
    ("staff:account_token_create", "account"): _row(200, 403, 403, 403, 403, 403),
    ("staff:account_token_revoke", "token"): _row(200, 403, 403, 403, 403, 403),
}


def _urls_with_ids() -> set[str]:
    found = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                if getattr(pattern.callback, "staff_area", None) and pattern.pattern.converters:
                    found.add(f"{namespace}{pattern.name}")
            else:
                walk(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))

    walk(get_resolver().url_patterns)
    return found


def test_every_url_with_an_object_id_is_in_the_table():
    assert _urls_with_ids() == {name for name, _object in EXPECTED}


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
    }
    restricted_consultation = {"pk": hidden.pk}
    return actors, objects, restricted_consultation


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


def test_the_referral_form_of_a_restricted_persons_case_never_shows_its_notes(client, world):
    """Security review, item 2: a manager sees the case, but a referral of it is refused."""
    actors, _objects, restricted_consultation = world
    sign_in(client, actors["manager"])
    url = reverse("infopoint_staff:referral_create", kwargs=restricted_consultation)
    response = client.post(url, {"kind": "institution", "institution": "MOPS", "reason": "x", "consent_now": "on"})
    assert response.status_code == 200 and not Referral.objects.filter(consultation_id=restricted_consultation["pk"])


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

    hidden = Consultation.objects.get(pk=restricted["pk"])
    Consultation.objects.filter(pk=hidden.pk).update(starts_at=timezone.now() + datetime.timedelta(hours=3))
    sign_in(client, actors["owner"])
    page = client.get(reverse("infopoint_staff:week")).content.decode()
    assert "Hidden Person" not in page
    sign_in(client, actors["manager"])
    week = client.get(reverse("infopoint_staff:week"), {"consultant": actors["owner"].pk})
    assert "Hidden Person" in week.content.decode()


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
