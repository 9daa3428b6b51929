"""The base layout: accessible landmarks, our own assets only, a CSP with nonces."""

import re

import pytest

PUBLIC_PAGES = [
    "/pl/", "/uk/information-point/", "/uk/information-point/book/", "/uk/information-point/booking/bad-token/",
    "/uk/information-point/knowledge/", "/ru/courses/", "/en/job-fair/", "/pl/meetings/", "/uk/campaign/",
]  # fmt: skip


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_answer_with_landmarks_and_a_skip_link(client, db, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == (404 if "bad-token" in path else 200)
    assert 'href="#main"' in html and 'id="main"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert html.count("<h1") == 1
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and title.strip()


def test_the_home_page_offers_a_way_into_every_part_of_the_programme(client, db):
    html = client.get("/en/").content.decode()
    for path in ("/en/information-point/", "/en/courses/", "/en/job-fair/", "/en/meetings/", "/en/campaign/"):
        assert f'href="{path}"' in html


def test_no_asset_is_loaded_from_another_host(client, db):
    html = client.get("/pl/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []


def test_scripts_carry_the_nonce_of_the_content_security_policy(client, db):
    response = client.get("/pl/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts, "htmx should be on the page"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert client.get("/pl/")["Content-Security-Policy"] != policy  # a fresh nonce per request


def test_htmx_is_served_from_our_own_static_files(client, db):
    html = client.get("/pl/").content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert '"includeIndicatorStyles": false' in html  # htmx would otherwise inject a style the CSP blocks


def test_an_unknown_page_is_a_translated_404(client):
    response = client.get("/uk/no-such-page/")
    assert response.status_code == 404
    assert "Сторінку не знайдено" in response.content.decode()


def test_the_health_check_answers(client, db):
    assert client.get("/healthz").content == b"ok"


@pytest.mark.parametrize(
    "path", ["/uk/information-point/", "/uk/information-point/book/", "/uk/information-point/booking/bad-token/"]
)
def test_information_point_pages_offer_the_knowledge_search(client, db, path):
    html = client.get(path).content.decode()
    assert 'action="/uk/information-point/knowledge/"' in html and 'role="search"' in html
