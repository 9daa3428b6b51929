"""Integration meetings in a real browser (issue 9): a migrant registers in Russian for every date of
the English Speaking Club, the next one waits, her cancellation of one date offers the seat and it
is confirmed; at the door the coordinator's phone scans tickets, keeps a scan made without signal
and sends it when the signal returns. axe-core on every page, and at 360 px."""

import datetime
import re

from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from icalendar import Calendar

from restart.core.roles import Role
from restart.events.services import event_create
from restart.registrations.models import Registration
from tests.conftest import make_staff, run_worker

from .test_infopoint import _sign_in, uk


def ru(text: str) -> str:
    with translation.override("ru"):
        translated = gettext(text)
    assert translated != text, f"not translated into Russian: {text!r}"
    return translated


# The phone's camera and the browser's QR decoder, stood in for: the page's own script (checkin.js)
# runs as on a phone, and `window.__codes` is what the camera "sees" next.
FAKE_CAMERA = """
window.__codes = [];
window.BarcodeDetector = class {
  detect() { return Promise.resolve(window.__codes.splice(0).map(c => ({rawValue: c}))); }
};
if (!navigator.mediaDevices) Object.defineProperty(navigator, "mediaDevices", {value: {}});
navigator.mediaDevices.getUserMedia = () => {
  const canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, 2, 2);
  return Promise.resolve(canvas.captureStream());
};
"""


def _register(visit, name: str, email: str, every_date: bool = False) -> None:
    page = visit.page
    if every_date:
        page.locator("input[name=occurrence][value=series]").check()  # "every date: 4 dates, …"
    page.get_by_label(re.compile(ru("Your name"))).fill(name)
    page.get_by_label(re.compile(ru("E-mail address"))).fill(email)
    page.get_by_role("checkbox").check()  # the privacy notice, the form's one checkbox
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/ru/registrations/" in page.url, page.locator("main").inner_text()


def test_a_migrant_registers_in_russian_and_a_freed_seat_goes_to_the_next_in_line(visit, browser, live_server, db):
    coordinator = make_staff("coordinator@restart.example", Role.COORDINATOR, full_name="Tomasz Koordynator")
    first = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
    titles = {"pl": "Klub angielskiego", "ru": "Разговорный клуб английского", "en": "English Club"}
    event_create(data={
        "slug": "english-club", "kind": "meeting", "audience": "migrants", "language": "en", "place": "ul. Ruska 46a",
        "capacity": 1, "titles": titles, "repeat_until": (first + datetime.timedelta(weeks=3)).date(),
    }, first_starts_at=first, minutes=90, weekly=True, by=None)  # fmt: skip
    page = visit.page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/ru/meetings/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    visit.check_accessibility()
    feed = Calendar.from_ical(page.request.get("/events.ics").body())  # what a calendar app subscribes to
    assert len(feed.walk("VEVENT")) == 4 and feed.walk("VEVENT")[0]["SUMMARY"] in titles.values()
    page.get_by_role("link", name="Разговорный клуб английского").first.click()
    visit.check_accessibility()
    _register(visit, "Ирина Бондаренко", "irina@example.org", every_date=True)
    visit.check_accessibility()
    irina_dates = list(Registration.objects.filter(person__email="irina@example.org").order_by("created_at", "pk"))
    irina = irina_dates[0]
    assert [r.status for r in irina_dates] == ["confirmed"] * 4
    assert irina.ticket in page.locator("main").inner_text()
    run_worker()
    (confirmation,) = [m for m in mail.outbox if m.to == ["irina@example.org"]]
    assert confirmation.attachments[0][0] == "events.ics" and irina.ticket in confirmation.body
    assert Calendar.from_ical(confirmation.attachments[0][1]).walk("VEVENT")[3]["SUMMARY"] == titles["ru"]

    page.goto("/ru/meetings/english-club/")
    _register(visit, "Пётр Иванов", "petr@example.org")
    assert ru("on the waiting list") in page.locator("main").inner_text()
    petr_link = page.url

    irina_link = re.search(r"https?://[^/]+(/ru/registrations/\S+/)", confirmation.body).group(1)
    page.goto(irina_link)
    page.get_by_role("link", name=ru("Cancel my registration")).click()
    visit.check_accessibility()
    page.get_by_role("button", name=ru("Cancel this date only")).click()
    assert [r.status for r in Registration.objects.filter(batch=irina.batch).order_by("created_at", "pk")] == [
        "cancelled", "confirmed", "confirmed", "confirmed"]  # fmt: skip
    page.goto(petr_link)
    visit.check_accessibility()
    page.get_by_role("button", name=ru("Confirm my place")).click()
    page.get_by_role("status").wait_for()
    petr = Registration.objects.get(person__email="petr@example.org")
    assert petr.status == "confirmed"

    staff = browser.new_context(base_url=live_server.url)
    staff.add_init_script(FAKE_CAMERA)
    staff_page = staff.new_page()
    _sign_in(staff_page, coordinator, TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True))
    staff_page.set_viewport_size({"width": 360, "height": 800})
    staff_page.goto(f"/uk/staff/meetings/occasions/{petr.quota.occurrence.pk}/")
    visit.page, page = staff_page, visit.page
    visit.check_accessibility()
    staff_page.get_by_role("link", name=uk("Check-in at the door")).click()
    visit.check_accessibility()
    # The venue's signal drops: the scan is kept on the phone and sent when the signal returns.
    staff_page.get_by_role("button", name=uk("Start the camera")).click()
    staff.set_offline(True)
    staff_page.evaluate(f"window.__codes.push({petr.ticket!r})")
    staff_page.get_by_text(uk("Scans waiting to be sent:") + " 1").wait_for()
    petr.refresh_from_db()
    assert petr.status == "confirmed"
    staff.set_offline(False)
    staff_page.locator("#scan-log").get_by_text("Пётр Иванов").wait_for()
    assert staff_page.locator("#scan-pending").is_hidden()
    petr.refresh_from_db()
    assert petr.status == "attended"
    # A ticket that holds no seat here (Irina cancelled this date), or one used already: refused with the reason.
    staff_page.evaluate(f"window.__codes.push({irina.ticket!r})")
    staff_page.locator("#scan-log li").nth(2).wait_for()  # the newest answer comes first
    newest = staff_page.locator("#scan-log li").first.inner_text()
    assert irina.ticket in newest and uk("This ticket holds no seat (%(status)s).").split("(")[0] in newest
    staff_page.get_by_label(uk("Ticket code")).fill(petr.ticket)  # what the scanner decodes, typed
    staff_page.locator("#ticket-form button[type=submit]").click()
    assert uk("Already checked in at %(time)s.").split("%")[0] in staff_page.get_by_role("status").inner_text()
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 360
    visit.check_accessibility()
    staff_page.goto("/uk/staff/meetings/new/")
    visit.check_accessibility()
    visit.page = page
    staff.close()

    # Afterwards Petr says whether it helped (the mail asking him goes an hour after the end).
    page.goto("/ru/meetings/")
    page.goto(petr_link)
    visit.check_accessibility()
    assert ru("How was it?") in page.locator("main").inner_text()
    page.get_by_role("radio", name=ru("yes")).check()
    page.get_by_label(re.compile(ru("Anything you want to tell us"))).fill("Очень полезно")
    page.get_by_role("button", name=ru("Send")).click()
    page.get_by_role("status").wait_for()
    assert petr.feedback.helpful == "yes"
