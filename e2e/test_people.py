"""A consultant, working in Ukrainian, adds a person, is warned of a likely duplicate,
and exports the person's data."""

import json
import re
import zipfile

from restart.core.roles import Role
from restart.people.models import Person
from tests.conftest import make_staff
from tests.people_factories import make_person


def test_consultant_adds_a_person_sees_the_duplicate_warning_and_exports(visit, db):
    page = visit.page
    consultant = make_staff("olena@restart.example", Role.CONSULTANT, full_name="Olena Consultant")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=consultant, name="phone", confirmed=True)
    existing = make_person(full_name="Iryna Bondarenko", email="iryna@example.org")

    page.goto("/uk/staff/login/")
    page.get_by_label("Адреса електронної пошти").fill("olena@restart.example")
    page.get_by_label("Пароль").fill("a-long-Passw0rd!")
    page.get_by_role("button", name="Продовжити").click()
    from django_otp.oath import totp

    page.get_by_label("Шестизначний код").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Підтвердити").click()
    page.wait_for_url("**/uk/staff/")

    page.get_by_role("navigation", name="Розділ для працівників").get_by_role("link", name="Люди").click()
    page.wait_for_url("**/uk/staff/people/")
    visit.check_accessibility()
    page.get_by_role("link", name="Додати особу").click()
    visit.check_accessibility()

    page.get_by_label("Ім’я та прізвище").fill("Ірина Бондаренко")
    page.get_by_label("Адреса електронної пошти").fill("iryna@example.org")
    page.get_by_label(re.compile("^Громадянство")).select_option("UA")
    page.get_by_label("Гміна").fill("Wrocław")
    page.locator("main form button[type=submit]").click()

    warning = page.get_by_role("alert")
    assert f"#{existing.pk}" in warning.inner_text()
    assert page.get_by_label("Гміна").input_value() == "Wrocław"  # nothing typed is lost
    visit.check_accessibility()
    page.get_by_label("Адреса електронної пошти").fill("iryna.b@example.org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/uk/staff/people/*/")
    created = Person.objects.get(email="iryna.b@example.org")
    assert "Україна" in page.locator("main").inner_text()
    visit.check_accessibility()

    page.get_by_role("link", name="Експортувати дані").click()
    visit.check_accessibility()
    assert "Ірина Бондаренко" in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Завантажити (JSON і CSV, zip)").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        data = json.loads(archive.read("data.json"))
    details = {row["item"]: row["value"] for row in data["sections"]["person"]["rows"]}
    assert data["person"] == created.pk and details["Ім’я та прізвище"] == "Ірина Бондаренко"
