"""The manager reads the funder's report in Chromium: the dashboard (axe-core, a phone's width),
a number opened to the people behind it, and both downloads opened as files."""

import io

from openpyxl import load_workbook

from tests.conftest import make_staff
from tests.test_reports import build_programme

from .test_infopoint import uk
from .test_staff_pages import _sign_in


def test_the_manager_reads_the_report_and_downloads_it(visit, db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from restart.core.roles import Role

    manager = make_staff("manager@restart.example", Role.MANAGER, full_name="Magdalena Nowak")
    build_programme(manager)
    page = visit.page
    _sign_in(page, manager.email, TOTPDevice.objects.create(user=manager, name="phone", confirmed=True))
    page.goto("/uk/staff/reports/?start=2026-01-01&end=2026-06-30")
    visit.check_accessibility()
    summary = page.locator("table").first
    assert summary.locator("tr", has_text="O.2.3.1").locator("td.number").first.inner_text() == "3"
    assert page.locator("svg.chart").count() == 3  # against targets, by month, journeys
    with page.expect_download() as pdf:
        page.get_by_role("link", name=uk("Download PDF")).click()
    assert pdf.value.path().read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name=uk("Download XLSX")).click()
    book = load_workbook(io.BytesIO(xlsx.value.path().read_bytes()))
    values = {row[0]: row[2] for row in book.worksheets[0].iter_rows(min_row=4, values_only=True)}
    assert values["O.2.3"] == 6 and values["R.2.11"] == 1
    page.locator("tr", has_text="O.2.3.3").get_by_role("link").first.click()
    visit.check_accessibility()
    names = page.locator("main li").all_inner_texts()
    assert sorted(names) == ["Ivan", "Olena"]
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/uk/staff/reports/?start=2026-01-01&end=2026-06-30")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.goto("/uk/staff/reports/periods/")
    visit.check_accessibility()
