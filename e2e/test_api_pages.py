"""The API reference and a manager's token journey: accessible, phone-sized, no script needed."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.roles import Role
from restart.staff.models import ApiToken
from tests.conftest import make_staff


def _fits(page, path: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 320, f"{path} is {overflow}px wide at 320px"


def test_the_api_reference_is_accessible_and_fits_a_phone(visit, db):
    page = visit.page
    for path in ("/uk/api/", "/en/api/"):
        page.set_viewport_size({"width": 1280, "height": 800})
        assert page.goto(path).status == 200
        visit.check_accessibility()
        page.set_viewport_size({"width": 320, "height": 800})
        _fits(page, path)


def test_a_manager_creates_a_token_sees_it_once_and_revokes_it(visit, db):
    page = visit.page
    manager = make_staff("manager@restart.example", Role.MANAGER, full_name="Magdalena Nowak")
    clerk = make_staff("clerk@restart.example", Role.CONSULTANT, full_name="Olena Kovalenko")
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    page.goto("/en/staff/login/")
    page.get_by_label("E-mail address").fill(manager.email)
    page.get_by_label("Password").fill("a-long-Passw0rd!")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Six-digit code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/en/staff/")

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/en/staff/accounts/{clerk.pk}/")
    page.get_by_role("link", name="Create an API token").click()
    visit.check_accessibility()
    page.get_by_role("button", name="Create token").click()
    visit.check_accessibility()  # the empty name is reported next to the field
    page.get_by_label("Name").fill("CRM sync")
    page.get_by_role("button", name="Create token").click()
    raw = page.locator("#new-token").inner_text().strip()
    assert raw.startswith("rst_")
    visit.check_accessibility()
    _fits(page, "token created")

    page.get_by_role("link", name="Done, back to the account").click()
    assert raw not in page.content()
    visit.check_accessibility()
    page.get_by_role("link", name="Revoke the token CRM sync").click()
    visit.check_accessibility()
    page.get_by_role("button", name="Yes, revoke").click()
    page.get_by_text("no longer works").wait_for()
    assert ApiToken.objects.get().revoked_at is not None
