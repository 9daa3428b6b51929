"""The Polish courses in a real browser (issue 10): a Ukrainian-speaking migrant finds her level,
applies to a full group and waits, takes the seat a withdrawal frees, the teacher marks attendance
on a 360 px phone, the coordinator records her levels and issues the certificate, and she
downloads it (Ukrainian and Polish letters in the PDF's text) and checks it on the verification
page. axe-core on every page."""

import datetime
import re

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfReader

from restart.core.roles import Role
from restart.courses import services
from restart.courses.models import Enrollment
from tests.conftest import make_staff
from tests.people_factories import make_person
from tests.test_courses import make_course, make_group

from .test_infopoint import _sign_in, uk

NAME = "Олена Ковальчук-Żółkiewska"


def _fits(page, width=360):
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{page.url} is {overflow}px wide at {width}px"


def test_apply_wait_take_the_freed_seat_attend_and_get_a_verifiable_certificate(visit, browser, live_server, db):
    coordinator = make_staff("coordinator@restart.example", Role.COORDINATOR, full_name="Tomasz Koordynator")
    teacher = make_staff("teacher@restart.example", Role.TEACHER, full_name="Katarzyna Nauczycielka")
    group = make_group(make_course(), code="A1-1", capacity=1, teacher=teacher)
    first = services.enrollment_add(group=group, person=make_person(full_name="Taras First", email="t@example.org"),
                                    by=coordinator)  # fmt: skip

    page = visit.page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/uk/courses/")
    visit.check_accessibility()
    _fits(page)
    page.get_by_role("link", name=uk("Not sure of your level? Answer five questions")).click()
    visit.check_accessibility()
    for number, answer in enumerate(["yes", "yes", "no", "no", "no"], start=1):
        page.locator(f"input[name=q{number}][value={answer}]").check()
    page.get_by_role("button", name=uk("Suggest a level")).click()
    assert "A2" in page.get_by_role("status").inner_text()
    visit.check_accessibility()
    page.goto(f"/uk/courses/groups/{group.pk}/?q1=yes&q2=yes&q3=no&q4=no&q5=no")
    visit.check_accessibility()
    _fits(page)
    page.get_by_label(re.compile(uk("Your name"))).fill(NAME)
    page.get_by_label(re.compile(uk("E-mail address"))).fill("olena@example.org")
    page.get_by_label(re.compile(uk("Citizenship"))).select_option("UA")
    page.get_by_label(re.compile(uk("Residence status"))).select_option("temporary_protection")
    page.get_by_label(re.compile(uk("Town or city where you live"))).fill("Wrocław")
    page.get_by_role("radio", name=uk("yes"), exact=True).check()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=uk("Join the waiting list")).click()
    page.wait_for_url("**/uk/registrations/**")
    olena = Enrollment.objects.get(registration__person__email="olena@example.org")
    assert olena.registration.status == "waitlisted" and olena.subsidised and olena.suggested_level == "a2"
    assert "60" in page.locator("main").inner_text()  # the subsidised fee, with why
    visit.check_accessibility()
    _fits(page)
    olena_link = page.url.split("#")[0]  # the form's #apply rides along the redirect; a goto to it would not reload

    staff = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    staff_page = staff.new_page()
    _sign_in(staff_page, coordinator, TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True))
    staff_page.goto(f"/uk/staff/courses/enrollments/{first.pk}/")
    visit.page, page = staff_page, visit.page
    visit.check_accessibility()
    staff_page.get_by_role("button", name=uk("Withdraw from the course")).click()
    staff_page.get_by_text(uk("The participant is withdrawn; their seat goes to the next person waiting.")).wait_for()

    visit.page = page
    page.goto(olena_link)
    visit.check_accessibility()
    page.get_by_role("button", name=uk("Confirm my place")).click()
    page.get_by_role("status").wait_for()
    olena.registration.refresh_from_db()
    assert olena.registration.status == "confirmed"

    # The course begins; the first lesson is under way.
    group.starts_on = timezone.localdate() - datetime.timedelta(days=1)
    group.save(update_fields=["starts_on"])
    lesson = group.lessons.order_by("starts_at").first()
    lesson.starts_at = timezone.now() - datetime.timedelta(minutes=30)
    lesson.ends_at = lesson.starts_at + datetime.timedelta(minutes=90)
    lesson.save()

    teaching = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 800})
    phone = teaching.new_page()
    _sign_in(phone, teacher, TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True))
    phone.goto("/uk/staff/courses/")
    visit.page = phone
    visit.check_accessibility()
    phone.get_by_role("link", name=re.compile("A1-1")).first.click()
    visit.check_accessibility()
    phone.get_by_role("link", name=uk("Attendance: next lesson")).click()
    visit.check_accessibility()
    _fits(phone)
    present = phone.get_by_role("button", name=f"{uk('present')}: {NAME}")
    present.click()
    phone.wait_for_function("() => document.querySelector('.tap--on') !== null")  # htmx swapped the row
    assert phone.get_by_role("button", name=f"{uk('present')}: {NAME}").get_attribute("aria-pressed") == "true"
    visit.check_accessibility()
    teaching.close()
    group.lessons.exclude(pk=lesson.pk).update(cancelled_at=timezone.now())  # the rest of the course goes by

    visit.page = staff_page
    staff_page.goto(f"/uk/staff/courses/enrollments/{olena.pk}/")
    levels = staff_page.locator("form", has=staff_page.locator("input[name=action][value=assessment]"))
    for kind, level in (("entry", "a1"), ("exit", "a2")):
        levels.get_by_role("radio", name=uk({"entry": "entry", "exit": "exit"}[kind])).check()
        levels.get_by_label(re.compile(uk("Level"))).select_option(level)
        staff_page.get_by_role("button", name=uk("Save the level")).click()
        staff_page.get_by_text(uk("Saved.")).wait_for()
    assert uk("a whole level gained") in staff_page.locator("main").inner_text()
    staff_page.get_by_role("button", name=uk("Issue the certificate")).click()
    staff_page.get_by_text(uk("The certificate is issued.")).wait_for()
    visit.check_accessibility()
    staff.close()

    visit.page = page
    page.goto(olena_link)
    visit.check_accessibility()
    with page.expect_download() as download:
        page.get_by_role("link", name=uk("Download my certificate (PDF)")).click()
    text = "".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    certificate = olena.certificate
    assert NAME in text and "Zaświadczenie" in text and "A2" in text and certificate.code in text
    page.goto(f"/verify/{certificate.code}")
    visit.check_accessibility()
    _fits(page)
    assert NAME in page.locator("main").inner_text() and "olena@example.org" not in page.content()
