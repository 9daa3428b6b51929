"""A visitor reads the site in Ukrainian, switches to Polish; a manager signs in with
two-factor and invites a consultant. Every page passes axe-core; no other host is asked."""

import base64
import re

from django.core import mail
from django_otp.oath import totp

from restart.core.roles import Role
from restart.staff.models import User
from tests.conftest import make_staff, run_worker


def _code_from_secret(grouped_secret: str) -> str:
    secret = grouped_secret.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def test_visitor_and_manager_journey(visit, db):
    page = visit.page
    make_staff("manager@restart.example", Role.MANAGER, full_name="Magdalena Nowak")

    page.goto("/uk/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert "Почніть" in page.locator("h1").inner_text()
    visit.check_accessibility()

    page.get_by_role("navigation", name="Мова").get_by_role("link", name="Polski").click()
    page.wait_for_url("**/pl/")
    assert page.locator("html").get_attribute("lang") == "pl"
    visit.check_accessibility()

    page.get_by_role("link", name="Logowanie dla pracowników").click()
    page.wait_for_url("**/pl/staff/login/**")
    visit.check_accessibility()
    page.get_by_label("Adres e-mail").fill("manager@restart.example")
    page.get_by_label("Hasło").fill("a-long-Passw0rd!")
    page.get_by_role("button", name="Dalej").click()

    page.wait_for_url("**/pl/staff/two-factor/**")
    assert page.locator("svg[role=img]").count() == 1
    visit.check_accessibility()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Sześciocyfrowy kod").fill(_code_from_secret(secret))
    page.get_by_role("button", name="Zweryfikuj").click()

    page.wait_for_url("**/pl/staff/")
    visit.check_accessibility()
    page.get_by_role("navigation", name="Strefa pracowników").get_by_role("link", name="Konta pracowników").click()
    page.wait_for_url("**/pl/staff/accounts/")
    visit.check_accessibility()

    page.get_by_role("link", name="Zaproś pracownika").click()
    visit.check_accessibility()
    page.get_by_role("button", name="Wyślij zaproszenie").click()  # empty form: errors, nothing lost
    assert page.locator(".error-summary").is_visible()
    visit.check_accessibility()
    page.get_by_label("Imię i nazwisko").fill("Iryna Shevchenko")
    page.get_by_label("Adres e-mail").fill("iryna@example.org")
    page.get_by_label("Język zaproszenia").select_option("uk")
    page.get_by_role("checkbox", name=re.compile("^Konsultant")).check()
    page.get_by_role("button", name="Wyślij zaproszenie").click()

    page.wait_for_url("**/pl/staff/accounts/")
    assert page.get_by_role("status").inner_text().count("iryna@example.org") == 1
    visit.check_accessibility()
    invitee = User.objects.get(email="iryna@example.org")
    assert list(invitee.groups.values_list("name", flat=True)) == ["consultant"]
    run_worker()
    assert mail.outbox[-1].to == ["iryna@example.org"]
    assert "/uk/staff/invitation/" in mail.outbox[-1].body


def test_the_home_page_fits_a_320_pixel_screen_and_works_without_javascript(browser, live_server, db):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/ru/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    page.get_by_role("link", name="Go to: Information point").click()
    page.wait_for_url("**/en/information-point/")
    context.close()
