"""The job fair from offer to hire, in three browsers (issue 11's journey): a company registers
and posts an offer, the coordinator approves both and sets up the fair, a Ukrainian-speaking
candidate builds a profile on a phone and agrees to be shown, the employer sees the pseudonymous
match with its reasons and invites them, the candidate accepts, is checked in at the door with
the interview's ticket, and the employer records the hire. axe-core on every page."""

import datetime
import re

from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.roles import Role
from restart.events import services as events
from restart.jobfair.links import profile_token
from restart.jobfair.models import CandidateProfile, Employer, Interview, InterviewSlot, JobOffer
from restart.people.models import Participation
from tests.conftest import make_staff, run_worker

from .test_infopoint import uk

PASSWORD = "a-long-Passw0rd!"


def pl(text: str) -> str:
    with translation.override("pl"):
        translated = gettext(text)
    assert translated != text, f"not translated into Polish: {text!r}"
    return translated


def _staff_page(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto("/pl/staff/login/")
    page.get_by_label(pl("E-mail address")).fill(user.email)
    page.get_by_label(pl("Password")).fill(PASSWORD)
    page.get_by_role("button", name=pl("Continue")).click()
    page.get_by_label(pl("Six-digit code from your authenticator app")).fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name=pl("Verify")).click()
    page.wait_for_url("**/pl/staff/")
    return context, page


def _looked_at(visit, page) -> None:
    """axe-core on this page (the visit's checker runs on its own page object)."""
    own, visit.page = visit.page, page
    visit.check_accessibility()
    visit.page = own


def test_from_an_offer_to_a_hire(visit, browser, live_server, db):
    coordinator = make_staff("coordinator@restart.example", Role.COORDINATOR, full_name="Tomasz Koordynator")
    starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
    events.event_create(data={
        "slug": "targi", "kind": "job_fair", "audience": "migrants", "language": "pl", "capacity": 300,
        "titles": {"pl": "Targi Pracy dla Cudzoziemców", "en": "Job Fair for Foreigners",
                   "uk": "Ярмарок вакансій для іноземців", "ru": "Ярмарка вакансий для иностранцев"},
        "place": "Hala Stulecia, Wrocław"}, first_starts_at=starts, minutes=360, by=None)  # fmt: skip

    # A company registers on the public form.
    public = visit.page
    public.goto("/pl/job-fair/employers/register/")
    public.get_by_label(pl("Company name")).fill("Spawalnia Oleśnica")
    public.locator("#id_nip").fill("123-456-32-18")
    public.get_by_label(pl("Sector")).fill("produkcja")
    public.get_by_label(pl("Town")).fill("Oleśnica")
    public.get_by_label(pl("Contact person")).fill("Anna Nowak")
    public.get_by_label(pl("Contact e-mail")).fill("anna@spawalnia.example")
    public.get_by_role("button", name=pl("Register")).click()
    public.get_by_role("heading", level=1).wait_for()
    employer = Employer.objects.get(organization__name="Spawalnia Oleśnica")

    # The coordinator approves it; its contact sets a password and an authenticator (the
    # invitation's own journey is test_foundation's), then writes an offer.
    coordinator.set_password(PASSWORD)
    coordinator.save()
    office, desk = _staff_page(browser, live_server, coordinator)
    desk.goto("/pl/staff/job-fair/")
    desk.get_by_role("button", name=pl("Approve and invite")).click()
    desk.get_by_role("status").wait_for()
    account = employer.accounts.get()
    account.set_password(PASSWORD)
    account.save()
    company, stand_page = _staff_page(browser, live_server, account)
    stand_page.goto("/pl/staff/job-fair/")
    stand_page.get_by_role("link", name=pl("New offer")).click()
    _looked_at(visit, stand_page)
    stand_page.get_by_label(pl("Title (%(language)s)") % {"language": "Polski"}).fill("Spawacz MIG/MAG")
    stand_page.locator("#id_isco").select_option("7212")
    stand_page.locator("#id_city").fill("Oleśnica")
    stand_page.locator("#id_polish_level").select_option("A2")
    stand_page.locator("#id_skills").fill("MIG/MAG, wózek widłowy")
    stand_page.locator("#id_min_experience_years").fill("2")
    stand_page.locator("form.form button[type=submit]").click()
    stand_page.get_by_role("status").wait_for()
    offer = JobOffer.objects.get(titles__pl="Spawacz MIG/MAG")
    assert offer.status == "pending"

    # The coordinator publishes it and turns the job-fair day into a fair with stands.
    desk.goto(f"/pl/staff/job-fair/offers/{offer.pk}/")
    desk.get_by_role("button", name=pl("Approve and publish")).click()
    desk.get_by_role("status").wait_for()
    desk.goto("/pl/staff/job-fair/")
    _looked_at(visit, desk)
    desk.get_by_label(pl("Job fair day")).select_option(label="Targi Pracy dla Cudzoziemców")
    desk.get_by_label(pl("Number of stands")).fill("12")
    desk.get_by_role("button", name=pl("Set up the fair")).click()
    desk.get_by_role("status").wait_for()
    _looked_at(visit, desk)

    # The employer books a stand and opens interview times, one typed wrong first.
    stand_page.goto("/pl/staff/job-fair/")
    stand_page.get_by_role("link", name="Targi Pracy dla Cudzoziemców").click()
    _looked_at(visit, stand_page)
    stand_page.get_by_role("button", name=pl("Book a stand")).click()
    stand_page.get_by_role("status").wait_for()
    stand_page.get_by_label(pl("First interview at")).fill("08:00")
    stand_page.get_by_label(pl("Last interview ends at")).fill("09:00")
    stand_page.get_by_role("button", name=pl("Open the times")).click()
    assert stand_page.locator(".error-summary").is_visible()  # the fair opens at 10:00
    assert stand_page.get_by_label(pl("First interview at")).input_value() == "08:00"
    _looked_at(visit, stand_page)
    stand_page.get_by_label(pl("First interview at")).fill("10:00")
    stand_page.get_by_label(pl("Last interview ends at")).fill("11:00")
    stand_page.get_by_role("button", name=pl("Open the times")).click()
    stand_page.get_by_role("status").wait_for()
    assert InterviewSlot.objects.filter(stand__employer=employer).count() == 3

    # A Ukrainian-speaking candidate builds a profile on a phone and agrees to be shown.
    public.set_viewport_size({"width": 360, "height": 800})
    public.goto("/uk/job-fair/candidates/")
    public.get_by_label(re.compile(uk("Your name"))).fill("Тарас Мельник")
    public.get_by_label(re.compile(uk("E-mail address"))).fill("taras@example.org")
    public.get_by_role("checkbox").check()
    public.get_by_role("button", name=uk("Send me the link")).click()
    public.get_by_role("status").wait_for()
    profile = CandidateProfile.objects.get(person__email="taras@example.org")
    public.goto(f"/uk/job-fair/profile/{profile_token(profile)}/")
    public.get_by_label(uk("Type part of the name to narrow the list")).first.fill("звар")  # welders
    assert public.locator("#id_occupation_1 option").count() < 10  # of 437
    public.locator("#id_occupation_1").select_option("7212")
    public.locator("#id_years_1").fill("6")
    public.locator("#id_polish_level").select_option("B1")
    public.locator("#id_skills").fill("зварювання MIG/MAG")
    public.locator("#id_city").fill("Oleśnica")
    public.locator("#id_share").check()
    public.get_by_role("button", name=uk("Save")).click()
    public.get_by_role("status").wait_for()
    visit.check_accessibility()
    assert public.evaluate("document.documentElement.scrollWidth") <= 360

    # The employer sees a number and the reasons, not a name, and invites the candidate.
    stand_page.goto(f"/pl/staff/job-fair/offers/{offer.pk}/")
    matches = stand_page.locator("ol.matches").inner_text()
    assert pl("Candidate #%(number)s") % {"number": profile.pk} in matches and "7212" in matches
    assert "Тарас" not in stand_page.content() and "taras@" not in stand_page.content()
    _looked_at(visit, stand_page)
    stand_page.get_by_role("button", name=pl("Invite to an interview")).click()
    stand_page.get_by_role("status").wait_for()
    interview = Interview.objects.get(candidate=profile)
    assert not interview.accepted

    # The candidate reads the invitation (in Ukrainian) and accepts it on their private page.
    run_worker()
    invitation = [message for message in mail.outbox if message.to == ["taras@example.org"]][-1]
    assert "Spawalnia Oleśnica" in invitation.body and "&" not in invitation.body
    link = re.search(r"https?://\S+/registrations/\S+/", invitation.body).group(0)
    public.goto(re.sub(r"^https?://[^/]+", "", link))
    visit.check_accessibility()
    public.get_by_role("button", name=uk("Accept the interview")).click()
    public.get_by_role("status").wait_for()
    assert public.evaluate("document.documentElement.scrollWidth") <= 360
    stand_page.goto(stand_page.url.split("/offers/")[0] + f"/fairs/{interview.slot.stand.fair_id}/")
    assert "Тарас Мельник" in stand_page.locator("main").inner_text()

    # On the day: the interview's ticket opens the fair's door.
    desk.goto(f"/pl/staff/job-fair/fairs/{interview.slot.stand.fair_id}/")
    desk.get_by_role("link", name=pl("Check-in at the door")).click()
    interview.registration.refresh_from_db()
    desk.get_by_label(pl("Ticket code")).fill(interview.registration.ticket)
    desk.locator("#ticket-form button[type=submit]").click()
    assert "Тарас Мельник" in desk.get_by_role("status").inner_text()
    assert Participation.objects.filter(person=profile.person, kind="job_fair", status="attended").exists()

    # After the interview the employer records the hire.
    now = timezone.now()
    InterviewSlot.objects.filter(pk=interview.slot_id).update(starts_at=now - datetime.timedelta(minutes=40),
                                                              ends_at=now - datetime.timedelta(minutes=20))
    stand_page.reload()
    stand_page.get_by_label(pl("Outcome")).select_option("hired")
    stand_page.get_by_role("button", name=pl("Save the outcome")).click()
    stand_page.get_by_role("status").wait_for()
    _looked_at(visit, stand_page)
    stand_page.set_viewport_size({"width": 320, "height": 800})
    assert stand_page.evaluate("document.documentElement.scrollWidth") <= 320
    interview.refresh_from_db()
    assert interview.outcome == "hired" and interview.outcome_by == account
    assert Participation.objects.get(person=profile.person, professional_guidance=True).status == "attended"
    office.close()
    company.close()
