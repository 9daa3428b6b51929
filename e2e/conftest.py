"""Browser tests: Debian's Chromium driven by Playwright, axe-core on every page visited."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import _plain_settings  # noqa: F401  (same settings as the unit tests)

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser page that records every host it talks to and every CSP complaint."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_host = urlsplit(base_url).netloc
        self.other_hosts: set[str] = set()
        self.console_errors: list[str] = []
        page.on("request", self._on_request)
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.base_host:
            self.other_hosts.add(parts.netloc)

    def check_accessibility(self) -> None:
        """Run axe-core on the page as it stands; any WCAG 2.2 A/AA violation fails the test."""
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE_JS.read_text())
        violations = self.page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))",
            WCAG_TAGS,
        )
        assert violations == [], f"axe found on {self.page.url}: {violations}"


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    """Browser tests flush the database between tests, data migrations included: reload what they loaded."""
    from restart.topics.models import Topic
    from restart.topics.taxonomy import load_topics

    load_topics(Topic)


@pytest.fixture
def visit(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    recorder = Visit(page, live_server.url)
    yield recorder
    context.close()
    assert recorder.other_hosts == set(), f"the browser asked other hosts: {recorder.other_hosts}"
    csp = [error for error in recorder.console_errors if "Content Security Policy" in error]
    assert csp == [], csp
