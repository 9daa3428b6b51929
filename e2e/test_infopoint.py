"""In Ukrainian: a migrant books, moves and cancels a consultation and gets the mails with
calendar files; the consultant records a consultation with a referral; the specialist sees it."""

import re

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.roles import Role
from restart.infopoint.models import Consultation
from restart.topics.models import Topic
from tests.conftest import make_staff, run_worker
from tests.infopoint_factories import make_slot


def uk(text: str) -> str:
    """The Ukrainian wording of a source string: the page must show it, not the English."""
    with translation.override("uk"):
        translated = gettext(text)
    assert translated != text, f"not translated into Ukrainian: {text!r}"
    return translated


def _sign_in(page, user, device) -> None:
    page.goto("/uk/staff/login/")
    page.get_by_label(uk("E-mail address")).fill(user.email)
    page.get_by_label(uk("Password")).fill("a-long-Passw0rd!")
    page.get_by_role("button", name=uk("Continue")).click()
    page.get_by_label(uk("Six-digit code from your authenticator app")).fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name=uk("Verify")).click()
    page.wait_for_url("**/uk/staff/")


def _book_first_free_time(visit, *, name: str) -> None:
    page = visit.page
    page.get_by_role("radio", name=Topic.objects.get(slug="legal-stay").name("uk")).check()
    page.get_by_role("radio", name="Українська").check()
    page.get_by_role("radio", name=uk("in person")).check()
    page.get_by_role("button", name=uk("Show free times")).click()
    visit.check_accessibility()
    page.locator("a.slot").first.click()
    visit.check_accessibility()
    page.get_by_label(uk("Your name")).fill(name)
    page.get_by_label(uk("E-mail address")).fill("iryna@example.org")
    page.get_by_label(uk("Phone number")).fill("+380 67 123 4567")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=uk("Book this time")).click()
    page.wait_for_url("**/uk/information-point/booking/**")


def test_booking_moving_cancelling_then_a_record_with_a_referral(visit, browser, live_server, db):
    page = visit.page
    consultant = make_staff("olena@restart.example", Role.CONSULTANT, full_name="Olena Konsultantka")
    lawyer = make_staff("adam@restart.example", Role.SPECIALIST, full_name="Adam Prawnik", speciality="lawyer",
                        language="uk")
    first, second, third = (make_slot(consultant, days=days) for days in (2, 3, 4))

    page.goto("/uk/")
    page.get_by_role("navigation", name=uk("Main")).get_by_role("link", name=uk("Information point")).click()
    visit.check_accessibility()
    page.get_by_role("link", name=uk("Book a consultation")).click()
    visit.check_accessibility()
    _book_first_free_time(visit, name="Ірина Бондаренко")
    visit.check_accessibility()
    consultation = Consultation.objects.get()
    assert consultation.slot == first

    run_worker()
    confirmation = mail.outbox[-1]
    assert confirmation.subject.startswith(uk("Your consultation is booked: %(date)s").split("%")[0].strip())
    assert "BEGIN:VCALENDAR" in confirmation.attachments[0][1]
    link = re.search(r"https?://[^/]+(/uk/information-point/booking/\S+/)", confirmation.body).group(1)

    page.goto(link)
    page.get_by_role("link", name=uk("Move to another time")).click()
    visit.check_accessibility()
    page.get_by_role("radio").nth(1).check()  # the second free time: `first` is still ours
    page.get_by_role("button", name=uk("Move my consultation")).click()
    page.wait_for_url(f"**{link}")
    consultation.refresh_from_db()
    assert consultation.slot in (second, third) and consultation.calendar_sequence == 1
    run_worker()
    assert "SEQUENCE:1" in mail.outbox[-1].attachments[0][1]

    page.get_by_role("link", name=uk("Cancel the consultation")).click()
    visit.check_accessibility()
    page.get_by_role("button", name=uk("Yes, cancel it")).click()
    page.wait_for_url(f"**{link}")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CANCELLED
    run_worker()
    assert "METHOD:CANCEL" in mail.outbox[-1].attachments[0][1]
    assert mail.outbox[-1].subject == uk("Your consultation is cancelled")

    page.get_by_role("link", name=uk("Book a new consultation")).click()
    _book_first_free_time(visit, name="Ірина Бондаренко")
    booked = Consultation.objects.get(status=Consultation.Status.BOOKED)

    staff = browser.new_context(base_url=live_server.url)
    staff_page = staff.new_page()
    _sign_in(staff_page, consultant, TOTPDevice.objects.create(user=consultant, name="phone", confirmed=True))
    staff_page.goto("/uk/staff/information-point/?week=" + booked.starts_at.date().isoformat())
    staff_page.get_by_role("link", name="Ірина Бондаренко").click()
    staff_page.get_by_role("combobox", name=re.compile(f"^{uk('Status')}:?$")).select_option("attended")
    staff_page.get_by_role("checkbox", name=re.compile(Topic.objects.get(slug="work").name("uk"))).first.check()
    staff_page.get_by_role("button", name=uk("Save the record"), exact=True).click()
    staff_page.get_by_role("radio", name=uk("specialist consultation")).check()
    staff_page.get_by_role("combobox", name=uk("Specialist")).select_option(str(lawyer.pk))
    staff_page.get_by_label(uk("Reason for the referral")).fill("Odwołanie od decyzji wojewody")
    consent = uk("The person agrees that their case is passed on (consent recorded now)")
    staff_page.get_by_role("checkbox", name=consent).check()
    staff_page.get_by_role("button", name=uk("Send the referral")).click()
    staff_page.get_by_role("status").wait_for()
    booked.refresh_from_db()
    assert booked.status == Consultation.Status.ATTENDED and booked.referrals.count() == 1
    staff.close()

    specialist = browser.new_context(base_url=live_server.url)
    specialist_page = specialist.new_page()
    _sign_in(specialist_page, lawyer, TOTPDevice.objects.create(user=lawyer, name="phone", confirmed=True))
    lawyer_time = make_slot(lawyer, days=5, hour=12)
    run_worker()
    referral_mail = next(message for message in mail.outbox if message.to == [lawyer.email])
    assert "Ірина" not in referral_mail.body  # the mail names no one
    specialist_page.goto(re.search(r"https?://[^/]+(/\S+/)", referral_mail.body).group(1))
    visit.page, page = specialist_page, visit.page
    visit.check_accessibility()
    assert "Ірина Бондаренко" in specialist_page.locator("main").inner_text()
    specialist_page.get_by_role("button", name=uk("Book this time for the person")).click()
    specialist_page.get_by_role("status").wait_for()
    offered = Consultation.objects.get(slot=lawyer_time)
    assert offered.person == booked.person and offered.status == Consultation.Status.BOOKED
    visit.page = page
    specialist.close()
