"""At 320–360 px, in Ukrainian: the information point's topics, the booking form and a search that
finds nothing, as a newcomer meets them (issue 8). E2E_SCREENSHOTS=dir keeps a picture of each."""

import os
from pathlib import Path

from playwright.sync_api import expect

from restart.core.roles import Role
from restart.topics.models import Topic
from tests.conftest import make_staff
from tests.infopoint_factories import make_slot

from .test_infopoint import uk


def _look(visit, name: str) -> None:
    page = visit.page
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], name
    visit.check_accessibility()
    if target := os.environ.get("E2E_SCREENSHOTS"):
        page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=True)


def test_a_newcomer_opens_a_topic_card_books_on_it_and_reads_every_free_time_on_one_line(visit, db):
    make_slot(make_staff("olena@restart.example", Role.CONSULTANT, full_name="Olena"), days=2, hour=10,
              languages=["uk"])
    page = visit.page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/uk/information-point/")
    _look(visit, "overview-uk-360")
    housing = Topic.objects.get(slug="housing").name("uk")
    card = page.get_by_role("link", name=housing)
    card.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # reached by keyboard: the focus ring must show
    assert page.evaluate("document.activeElement.textContent.trim()") == housing
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    card.click()
    page.get_by_role("link", name=uk("Book a consultation on this topic")).click()
    expect(page.get_by_role("radio", name=housing)).to_be_checked()
    page.get_by_role("button", name=uk("Show free times")).click()
    lines = page.locator("a.slot").first.inner_text().splitlines()
    assert lines[0].endswith(", 10:00–10:45") and not any(line.strip().startswith(",") for line in lines)


def test_show_free_times_without_a_topic_says_what_is_missing(visit, db):
    page = visit.page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/uk/information-point/book/")
    page.get_by_role("radio", name=uk("by phone")).check()
    page.get_by_role("button", name=uk("Show free times")).click()
    expect(page.get_by_role("alert")).to_be_visible()  # waits for the answer to the submitted form
    expect(page.get_by_text(uk("Choose what your question is about.")).first).to_be_visible()
    expect(page.get_by_role("radio", name=uk("by phone"))).to_be_checked()
    _look(visit, "booking-error-uk-360")


def test_a_search_that_matches_nothing_says_so_and_offers_the_topics(visit, db):
    page = visit.page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/uk/information-point/knowledge/?q=asdfgh")
    expect(page.get_by_role("status").filter(has_text="asdfgh")).to_be_visible()
    expect(page.get_by_role("link", name=Topic.objects.get(slug="housing").name("uk"))).to_be_visible()
    _look(visit, "search-no-match-uk-360")
