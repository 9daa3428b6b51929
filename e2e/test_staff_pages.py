"""Every staff page passes axe-core and fits a 320-pixel screen, in Ukrainian."""

import copy
import datetime

from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.roles import Role
from restart.courses.services import enrollment_add
from restart.events.services import event_create
from restart.jobfair.importer import import_jobfair
from restart.jobfair.models import Employer, JobOffer
from restart.people.models import Consent, Organization
from restart.people.services import consent_give
from restart.registrations.services import registration_create
from restart.reports.models import ReportingPeriod
from tests.conftest import make_staff
from tests.infopoint_factories import make_consultation
from tests.people_factories import make_person
from tests.test_courses import make_course, make_group
from tests.test_jobfair import FAIR
from tests.test_jobfair_day import fair_day_objects


def _sign_in(page, email: str, device: TOTPDevice) -> None:
    page.goto("/en/staff/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill("a-long-Passw0rd!")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Six-digit code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/en/staff/")


def test_every_staff_page_is_accessible_and_fits_a_phone(visit, db):
    page = visit.page
    manager = make_staff("manager@restart.example", Role.MANAGER, full_name="Magdalena Nowak")
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    person = make_person(email="olena@example.org", notes="Needs a sworn translator.")
    consent = consent_give(person=person, purpose=Consent.Purpose.SERVICE, text_version="2026-01", by=manager)
    consultation = make_consultation(person=person)
    occasion = event_create(data={"slug": "club", "titles": {"pl": "Klub", "uk": "Клуб"}, "place": "Sala 2"},
                            first_starts_at=timezone.now() + datetime.timedelta(days=3), minutes=90,
                            by=manager).occurrences.get()  # fmt: skip
    registration = registration_create(quota=occasion.quota, person=person, language="uk")
    series = event_create(data={"slug": "yoga", "titles": {"pl": "Joga"}, "place": "Sala 3",
                                "repeat_until": timezone.localdate() + datetime.timedelta(weeks=3)},
                          first_starts_at=timezone.now() + datetime.timedelta(days=2), minutes=60, weekly=True,
                          by=manager).occurrences.first()  # fmt: skip
    group = make_group(make_course(), code="A1-1")
    enrollment = enrollment_add(group=group, person=person, by=manager)
    fair = copy.deepcopy(FAIR)
    fair["employers"][0]["nip"] = ""  # the page's own Hotel Odra below has that NIP
    import_jobfair(fair)
    offer = JobOffer.objects.get(key="welder")
    day = fair_day_objects()
    period = ReportingPeriod.objects.create(name="2026", starts_on=datetime.date(2026, 1, 1),
                                            ends_on=datetime.date(2026, 12, 31))  # fmt: skip
    Employer.objects.create(organization=Organization.objects.create(name="Nowa Firma", city="Wrocław"),
                            contact_name="Anna", contact_email="anna@nowa.example")  # fmt: skip
    restricted = make_person(full_name="Hidden Person", email="hidden@example.org")
    restricted.restricted_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    restricted.restriction_reason = "Asked"
    restricted.save()
    organization = Organization.objects.create(name="Hotel Odra", nip="8992689516", city="Wrocław")
    _sign_in(page, manager.email, device)

    paths = [
        "/uk/staff/", "/uk/staff/accounts/", f"/uk/staff/accounts/{manager.pk}/", "/uk/staff/accounts/invite/",
        "/uk/staff/people/", "/uk/staff/people/?query=olena", "/uk/staff/people/new/",
        f"/uk/staff/people/{person.pk}/", f"/uk/staff/people/{person.pk}/edit/",
        f"/uk/staff/people/{person.pk}/merge/", f"/uk/staff/people/{person.pk}/merge/?other={restricted.pk}",
        f"/uk/staff/people/{person.pk}/export/", f"/uk/staff/people/{person.pk}/restrict/",
        f"/uk/staff/people/{person.pk}/erase/", f"/uk/staff/people/{person.pk}/consents/{consent.pk}/withdraw/",
        "/uk/staff/people/restricted/", "/uk/staff/people/import/", "/uk/staff/people/organisations/",
        f"/uk/staff/people/organisations/{organization.pk}/", "/uk/staff/audit/", "/uk/staff/courses/",
        "/uk/staff/people/possible-duplicates/", f"/uk/staff/information-point/consultations/{consultation.pk}/",
        "/uk/staff/meetings/", "/uk/staff/meetings/new/", f"/uk/staff/meetings/{occasion.event.pk}/",
        f"/uk/staff/meetings/occasions/{occasion.pk}/", f"/uk/staff/meetings/occasions/{occasion.pk}/check-in/",
        f"/uk/staff/meetings/occasions/{occasion.pk}/message/", f"/uk/staff/meetings/{occasion.event.pk}/edit/",
        f"/uk/staff/meetings/{series.event.pk}/", f"/uk/staff/meetings/{series.event.pk}/edit/",
        f"/uk/staff/meetings/occasions/{series.pk}/edit/", f"/uk/staff/meetings/occasions/{series.pk}/cancel/",
        f"/uk/staff/meetings/registrations/{registration.pk}/move/",
        f"/uk/staff/courses/{group.course.pk}/", f"/uk/staff/courses/{group.course.pk}/groups/new/",
        f"/uk/staff/courses/groups/{group.pk}/", f"/uk/staff/courses/groups/{group.pk}/attendance/",
        f"/uk/staff/courses/groups/{group.pk}/message/", f"/uk/staff/courses/lessons/{group.lessons.first().pk}/",
        f"/uk/staff/courses/lessons/{group.lessons.first().pk}/cancel/",
        f"/uk/staff/courses/enrollments/{enrollment.pk}/", "/uk/staff/courses/new/",
        "/uk/staff/job-fair/", "/uk/staff/job-fair/offers/new/", f"/uk/staff/job-fair/offers/{offer.pk}/",
        f"/uk/staff/job-fair/offers/{offer.pk}/edit/", f"/uk/staff/job-fair/candidates/{person.pk}/",
        f"/uk/staff/job-fair/fairs/{day['fair']['pk']}/", "/uk/staff/reports/", "/uk/staff/reports/periods/",
        f"/uk/staff/reports/periods/{period.pk}/", "/uk/staff/reports/people/?code=O.2.3", "/uk/staff/reports/import/",
    ]  # fmt: skip
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, path
            if width == 1280:
                visit.check_accessibility()
                # axe let white-on-white buttons pass ("needs review"): a button in the page must show.
                white = page.evaluate("[...document.querySelectorAll('main .link-button')]"
                                      ".filter(b => getComputedStyle(b).color === 'rgb(255, 255, 255)').length")
                assert white == 0, f"{path} has {white} invisible link-buttons"
            else:
                overflow = page.evaluate("document.documentElement.scrollWidth")
                assert overflow <= 320, f"{path} is {overflow}px wide at 320px"
