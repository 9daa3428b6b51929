"""The job fair's public pages in a real browser (issue 11, first step): a job seeker reads the
offers in Ukrainian on a phone, filters them and opens one. axe-core on every page."""

import copy
import re

from restart.jobfair.importer import import_jobfair
from restart.jobfair.links import profile_token
from restart.jobfair.models import CandidateProfile
from tests.test_jobfair import FAIR

from .test_infopoint import uk


def test_a_job_seeker_reads_and_filters_the_offers_on_a_phone(visit, db):
    import_jobfair(copy.deepcopy(FAIR))
    page = visit.page
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/uk/job-fair/")
    visit.check_accessibility()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label(uk("My Polish")).select_option("A2")
    page.get_by_role("button", name=uk("Show")).click()
    cards = page.locator(".card h2").all_inner_texts()
    assert cards == ["Spawacz MIG/MAG"]  # the cook's offer asks B1
    page.get_by_role("link", name="Spawacz MIG/MAG").click()
    visit.check_accessibility()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert "7212" in page.locator("main").inner_text()
    page.goto("/uk/job-fair/candidates/")  # a job seeker starts a profile
    visit.check_accessibility()
    page.get_by_label(re.compile(uk("Your name"))).fill("Ірина Коваль")
    page.get_by_label(re.compile(uk("E-mail address"))).fill("iryna@example.org")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=uk("Send me the link")).click()
    page.get_by_role("status").wait_for()
    profile = CandidateProfile.objects.get(person__email="iryna@example.org")
    page.goto(f"/uk/job-fair/profile/{profile_token(profile)}/")
    visit.check_accessibility()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.goto("/uk/job-fair/employers/register/")  # the companies' form: filled in wrong, then right
    visit.check_accessibility()
    page.get_by_label(uk("Company name")).fill("Logistyka Bielany")
    page.locator("#id_nip").fill("1234567890")  # "NIP" is NIP in every language
    page.get_by_role("button", name=uk("Register")).click()
    visit.check_accessibility()
    assert page.get_by_label(uk("Company name")).input_value() == "Logistyka Bielany"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
