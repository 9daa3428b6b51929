"""Security fixes: the client's address behind a proxy, the admin, unsafe links."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.clients import client_address
from restart.core.models import AuditEvent
from restart.knowledge.models import Article, ArticleTranslation
from restart.people.models import Person
from tests.conftest import sign_in

PASSWORD = "a-long-Passw0rd!"
PROXY = "127.0.0.1"


def _request(forwarded: str | None = None, remote: str = PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_proxy_the_address_is_the_peer_and_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(_request("203.0.113.9", remote="198.51.100.7")) == "198.51.100.7"


def test_behind_one_proxy_a_spoofed_leftmost_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    # The client wrote "10.0.0.1"; nginx appended the address it really saw.
    assert client_address(_request("10.0.0.1, 203.0.113.9")) == "203.0.113.9"


def test_behind_two_proxies_the_address_the_outer_proxy_saw_is_used(settings):
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_address(_request("10.0.0.1, 203.0.113.9, 192.0.2.5")) == "203.0.113.9"
    assert client_address(_request("2001:db8::1 , 192.0.2.5")) == "2001:db8::1"


@pytest.mark.parametrize("forwarded", [None, "", "203.0.113.9", " , ", "not-an-address, 192.0.2.5", "1.2.3.4.5, x"])
def test_a_missing_short_or_malformed_forwarded_for_falls_back_to_the_peer(settings, forwarded):
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_address(_request(forwarded)) == PROXY


def test_an_invalid_peer_address_is_no_address(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(_request(remote="unix:socket")) is None


def _password_step(client, email, password, address):
    return client.post(
        reverse("staff:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"10.9.9.9, {address}",
    )


def test_behind_the_proxy_an_attackers_failures_do_not_lock_out_the_staff_member(client, manager, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, manager.email, "wrong-password", "203.0.113.66")
    assert _password_step(client, manager.email, PASSWORD, "203.0.113.66").status_code == 429

    colleague = client.__class__()
    response = _password_step(colleague, manager.email, PASSWORD, "198.51.100.20")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:two_factor"))


def test_the_audit_trail_records_the_address_the_proxy_saw(client, manager, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    _password_step(client, manager.email, PASSWORD, "198.51.100.20")
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post(reverse("staff:two_factor"), {"token": code})
    person = Person.objects.create(full_name="Anna Testowa")
    client.get(
        reverse("people:detail", args=[person.pk]), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20"
    )
    event = AuditEvent.objects.get(action="person.view")
    assert event.ip_address == "198.51.100.20"


def _article_with_sources(sources: str):
    article = Article.objects.create(slug="sources", status=Article.Status.PUBLISHED, sources=sources)
    ArticleTranslation.objects.create(article=article, language="pl", title="Źródła", body="Tekst.")
    return article


def test_an_article_source_that_is_not_a_web_address_is_shown_as_text_not_as_a_link(client, db):
    _article_with_sources("javascript:alert(document.cookie)\n JaVaScRiPt:alert(1)\ndata:text/html,x\nhttps://duw.pl")
    html = client.get("/pl/information-point/knowledge/sources/").content.decode()
    assert 'href="javascript' not in html.lower() and 'href="data:' not in html
    assert "javascript:alert(document.cookie)" in html
    assert '<a href="https://duw.pl"' in html


@pytest.mark.parametrize("source", ["javascript:alert(1)", "java\tscript:alert(1)", "https:nohost", "ftp://x.pl"])
def test_the_article_editor_refuses_a_source_that_is_not_a_web_address(client, consultant, source):
    sign_in(client, consultant)
    response = client.post(reverse("knowledge_staff:create"), {
        "slug": "bad-source", "status": "published", "sources": f"https://duw.pl\n{source}",
        "pl-title": "Test", "pl-body": "Tekst.",
    })  # fmt: skip
    assert response.status_code == 200
    assert not Article.objects.filter(slug="bad-source").exists()
    html = response.content.decode()
    assert "field--error" in html and "https://duw.pl" in html  # the error, and what was typed


def test_the_article_editor_accepts_web_and_mail_addresses(client, consultant):
    sign_in(client, consultant)
    client.post(reverse("knowledge_staff:create"), {
        "slug": "good-source", "status": "published", "sources": "https://duw.pl\nhttp://x.pl/a?b=1\nmailto:a@b.pl",
        "pl-title": "Test", "pl-body": "Tekst.",
    })  # fmt: skip
    assert [s.is_link for s in Article.objects.get(slug="good-source").source_list] == [True, True, True]


def test_the_article_import_refuses_a_source_that_is_not_a_web_address(db, tmp_path):
    path = tmp_path / "bad.jsonl"
    line = {"slug": "a", "sources": ["javascript:alert(1)"], "translations": {"pl": {"title": "T", "body": "B"}}}
    path.write_text(json.dumps(line))
    out = StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_articles", str(path), stdout=out)
    assert "Line 1: “javascript:alert(1)” is not a web address" in out.getvalue()
    assert Article.objects.count() == 0


@pytest.mark.parametrize("is_staff", [False, True])
def test_a_signed_in_staff_member_who_is_not_a_superuser_gets_a_clear_403_from_the_admin(client, manager, is_staff):
    manager.is_staff = is_staff
    manager.save()
    sign_in(client, manager)
    response = client.get("/admin/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert len(response.redirect_chain) <= 1
    assert response.status_code == 403
    assert "for superusers only" in response.content.decode()


def test_a_superuser_can_open_the_admin(client, manager):
    manager.is_staff = manager.is_superuser = True
    manager.save()
    sign_in(client, manager)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


@pytest.fixture
def superuser_client(client, manager):
    manager.is_staff = manager.is_superuser = True
    manager.save()
    sign_in(client, manager)
    return client


def test_the_admin_cannot_change_roles_or_deactivate_a_staff_member(superuser_client, consultant):
    url = f"/admin/staff/user/{consultant.pk}/change/"
    page = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("staff:account_list") in page  # the pointer to where it is done
    superuser_client.post(url, {
        "email": consultant.email, "full_name": "Renamed", "language": "pl",
        "is_active": "", "is_staff": "on", "is_superuser": "on", "groups": [],
    })  # fmt: skip
    consultant.refresh_from_db()
    assert consultant.full_name == "Renamed"  # the form itself works
    assert consultant.is_active and not consultant.is_staff and not consultant.is_superuser
    assert list(consultant.groups.values_list("name", flat=True)) == ["consultant"]


def test_the_admin_cannot_set_passwords_add_or_delete_staff_or_edit_roles(superuser_client, consultant):
    assert superuser_client.get(f"/admin/staff/user/{consultant.pk}/password/").status_code == 403
    assert superuser_client.get("/admin/staff/user/add/").status_code == 403
    assert superuser_client.post(f"/admin/staff/user/{consultant.pk}/delete/", {"post": "yes"}).status_code == 403
    group = consultant.groups.get()
    superuser_client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "hacked", "permissions": []})
    group.refresh_from_db()
    assert group.name == "consultant"
    consultant.refresh_from_db()
    assert consultant.is_active
