"""Every staff view refuses the anonymous, the half-signed-in and the wrong role."""

import datetime
import re

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from restart.campaign.models import Material, ReachFigure
from restart.core.access import AREAS
from restart.core.roles import Role
from restart.courses import services as services_courses
from restart.courses.models import Certificate
from restart.infopoint.models import Referral
from restart.knowledge.models import Article
from restart.people.models import Consent, Organization, Person
from restart.staff.services import api_token_create
from restart.topics.models import Topic
from tests.conftest import MODEL_BACKEND, make_staff, sign_in
from tests.infopoint_factories import make_consultation, make_slot


def _staff_views():
    """(url name, area, kwargs) for every view guarded by `area_required`."""
    found = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                area = getattr(pattern.callback, "staff_area", None)
                if area:
                    kwargs = dict.fromkeys(pattern.pattern.converters, 1)
                    found.append((f"{namespace}{pattern.name}", area, kwargs))
            else:
                walk(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))

    walk(get_resolver().url_patterns)
    return found


STAFF_VIEWS = _staff_views()


def test_the_staff_views_are_found():
    names = {name for name, _area, _kwargs in STAFF_VIEWS}
    assert {"staff:dashboard", "staff:account_list", "staff:account_invite", "staff:account_edit"} <= names


def _role_outside(area: str) -> Role | None:
    return next((role for role in Role if role not in AREAS[area]), None)


@pytest.mark.parametrize(("name", "area", "kwargs"), STAFF_VIEWS)
def test_an_anonymous_visitor_is_sent_to_sign_in(client, db, name, area, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


@pytest.mark.parametrize(("name", "area", "kwargs"), STAFF_VIEWS)
def test_a_password_without_the_second_factor_is_not_enough(client, db, name, area, kwargs):
    user = make_staff("half@example.org", *Role)
    client.force_login(user, backend=MODEL_BACKEND)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:two_factor"))


@pytest.mark.parametrize(("name", "area", "kwargs"), [v for v in STAFF_VIEWS if _role_outside(v[1])])
def test_a_staff_member_without_the_role_is_refused(client, db, name, area, kwargs):
    outsider = make_staff("outsider@example.org", _role_outside(area))
    sign_in(client, outsider)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
    assert client.post(reverse(name, kwargs=kwargs)).status_code == 403


def _existing_objects(name: str, kwargs: dict, insider) -> dict:
    """Real objects for the URL's parameters, so the view has something to show."""
    if not kwargs:
        return {}
    if name.startswith("events_staff:"):
        return _event_objects(name)
    if name.startswith("courses_staff:"):
        return _course_objects(name, insider)
    if name.startswith("jobfair_staff:"):
        return _jobfair_objects(name)
    if name == "reports:period":
        from restart.reports.models import ReportingPeriod

        return {"pk": ReportingPeriod.objects.create(name="2026", starts_on="2026-01-01", ends_on="2026-12-31").pk}
    if name.startswith("campaign_staff:material"):
        return {"pk": Material.objects.create(titles={"pl": "Ulotka"}, file="campaign/materials/x.pdf").pk}
    if name.startswith("campaign_staff:reach"):
        return {"pk": ReachFigure.objects.create(kind="views", on="2026-05-01", source="TVP", number=10).pk}
    if name.startswith("knowledge_staff:"):
        return {"pk": Article.objects.create(slug="pesel").pk}
    if name.startswith("infopoint_staff:"):
        return _infopoint_objects(name, insider)
    if name.startswith("people:organization"):
        return {"pk": Organization.objects.create(name="Hotel Odra").pk}
    if name.startswith("people:"):
        person = Person.objects.create(full_name="Olena Kovalenko", search_key="olena kovalenko")
        consent = Consent.objects.create(person=person, purpose="service", text_version="1")
        return {"pk": person.pk, "consent_pk": consent.pk} if "consent_pk" in kwargs else {"pk": person.pk}
    if name == "staff:account_token_revoke":
        token, _raw = api_token_create(user=insider, name="script", by=None)
        return {"pk": insider.pk, "token_pk": token.pk}
    return {"pk": insider.pk}


def _event_objects(name: str) -> dict:
    from restart.events.services import event_create
    from restart.registrations.services import registration_create

    occasion = event_create(data={"slug": "club", "titles": {"pl": "Klub"}, "place": "Sala"}, minutes=60, by=None,
                            first_starts_at=timezone.now() + datetime.timedelta(days=2)).occurrences.get()  # fmt: skip
    if name in ("events_staff:event", "events_staff:event_edit"):
        return {"pk": occasion.event.pk}
    if name in ("events_staff:registration_mark", "events_staff:check_in_undo", "events_staff:registration_move"):
        person = Person.objects.create(full_name="Olena Kovalenko", search_key="olena kovalenko")
        return {"pk": registration_create(quota=occasion.quota, person=person, language="uk").pk}
    return {"pk": occasion.pk}


def _jobfair_objects(name: str) -> dict:
    import copy

    from restart.jobfair.importer import import_jobfair
    from restart.jobfair.models import Employer, JobOffer
    from tests.test_jobfair import FAIR
    from tests.test_jobfair_day import fair_day_objects

    import_jobfair(copy.deepcopy(FAIR))
    day = fair_day_objects()
    for kind in ("fair", "stand", "interview_slot", "interview"):
        if name in {"fair": ("jobfair_staff:fair", "jobfair_staff:stand_book"), "stand": ("jobfair_staff:slots_open",),
                    "interview_slot": ("jobfair_staff:slot_remove",)}.get(kind, ()) or (
                        name.startswith(f"jobfair_staff:{kind}_")):  # fmt: skip
            return day[kind]
    if name == "jobfair_staff:candidate":
        return {"pk": Person.objects.create(full_name="Olena Kovalenko", search_key="olena kovalenko").pk}
    if name == "jobfair_staff:employer_decide":
        return {"pk": Employer.objects.first().pk}
    return {"pk": JobOffer.objects.get(key="welder").pk}


def _course_objects(name: str, insider) -> dict:
    from tests.people_factories import make_person
    from tests.test_courses import make_group

    group = make_group(teacher=insider)
    if name in ("courses_staff:course", "courses_staff:group_create", "courses_staff:course_edit"):
        return {"pk": group.course.pk}
    if name.startswith("courses_staff:lesson"):
        return {"pk": group.lessons.first().pk}
    if name in ("courses_staff:enrollment", "courses_staff:certificate_pdf"):
        enrollment = services_courses.enrollment_add(group=group, person=make_person(full_name="Learner"), by=insider)
        Certificate.objects.create(enrollment=enrollment, full_name="Learner", course_title="Let's mów", level="a1",
                                   hours=30, starts_on=group.starts_on, ends_on=group.ends_on)  # fmt: skip
        return {"pk": enrollment.pk}
    return {"pk": group.pk}


def _infopoint_objects(name: str, insider) -> dict:
    consultation = make_consultation(consultant=insider)
    if name == "infopoint_staff:slot_delete":
        return {"pk": make_slot(insider).pk}
    if name == "infopoint_staff:topic_edit":
        return {"pk": Topic.objects.first().pk}
    if name == "infopoint_staff:referral":
        consent = Consent.objects.create(person=consultation.person, purpose="referral", text_version="1")
        referral = Referral.objects.create(
            consultation=consultation,
            person=consultation.person,
            kind="institution",
            institution="MOPS",
            reason="x",
            consent=consent,
            created_by=insider,
        )
        return {"pk": referral.pk}
    return {"pk": consultation.pk}


@pytest.mark.parametrize(("name", "area", "kwargs"), STAFF_VIEWS)
def test_a_staff_member_with_the_role_gets_in(client, db, name, area, kwargs):
    role = next(iter(sorted(AREAS[area])))
    insider = make_staff("insider@example.org", Role(role))
    sign_in(client, insider)
    response = client.get(reverse(name, kwargs=_existing_objects(name, kwargs, insider)))
    assert response.status_code in (200, 405)  # POST-only actions answer GET with 405
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "<" not in title and title.strip(), title  # a page title is plain text
        assert html.count("<h1") == 1


def test_a_deactivated_account_loses_access_at_once(client, manager):
    sign_in(client, manager)
    manager.is_active = False
    manager.save()
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302


def test_the_staff_navigation_shows_only_the_areas_of_the_role(client, teacher):
    sign_in(client, teacher)
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("courses_staff:list") in html
    assert reverse("staff:account_list") not in html
    assert reverse("reports:dashboard") not in html
