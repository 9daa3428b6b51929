"""The JSON API: its schema, the knowledge search contract, and staff API tokens."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from ninja.errors import AuthorizationError

from restart.api.auth import area_check
from restart.core.models import AuditEvent
from restart.core.roles import Role
from restart.staff import services
from restart.staff.models import ApiToken
from tests.conftest import make_staff, run_worker, sign_in

ARTICLES = Path(__file__).parent / "data" / "articles.jsonl"
SEARCH = "/api/v1/knowledge/search"
ME = "/api/v1/me"


def _token_for(user) -> str:
    return services.api_token_create(user=user, name="test script", by=None)[1]


def _me(client, raw: str | None):
    headers = {"Authorization": f"Bearer {raw}"} if raw is not None else {}
    return client.get(ME, headers=headers)


# --- the knowledge search contract ---------------------------------------------------------------


def test_knowledge_search_keeps_its_json_shape_and_key_order(client, db):
    call_command("import_articles", str(ARTICLES), stdout=StringIO())
    run_worker()
    response = client.get(SEARCH, {"q": "pesel", "lang": "uk", "limit": 2})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    assert list(data) == ["results", "took_ms"] and 1 <= len(data["results"]) <= 2
    assert list(data["results"][0]) == ["slug", "title", "lang", "score", "snippet"]
    assert (data["results"][0]["slug"], data["results"][0]["lang"]) == ("pesel", "uk")
    assert b"\\u04" not in response.content  # Cyrillic is sent as UTF-8, as before


@pytest.mark.parametrize(
    "params", [{"limit": "abc"}, {"q": "\x00", "lang": "xx"}, {"q": "😀" * 3000, "limit": "-5"}, {}]
)
def test_knowledge_search_answers_any_input_with_200_and_the_shape(client, db, params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert list(response.json()) == ["results", "took_ms"]


def test_public_search_needs_no_token_and_writes_no_audit_entry(client, db):
    client.get(SEARCH, {"q": "pesel"})
    assert not AuditEvent.objects.exists()


# --- the schema and its page -----------------------------------------------------------------------


def test_the_schema_is_openapi_3_and_lists_the_endpoints_with_their_errors(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/knowledge/search", "/api/v1/me"} <= set(schema["paths"])
    assert "security" not in schema["paths"]["/api/v1/knowledge/search"]["get"]
    me = schema["paths"]["/api/v1/me"]["get"]
    assert me["security"] and "401" in me["responses"]
    assert schema["components"]["securitySchemes"]["StaffToken"] == {"type": "http", "scheme": "bearer"}


def test_the_reference_page_lists_every_endpoint_and_loads_nothing_from_elsewhere(client, db):
    assert client.get("/api/v1/docs")["Location"].endswith("/api/")
    html = client.get("/uk/api/").content.decode()
    assert "/api/v1/knowledge/search" in html and "/api/v1/me" in html and "results[].snippet" in html
    assert "Довідник API" in html
    # Nothing fetched from another host (a bare "cdn" could be inside a CSRF token).
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)


# --- tokens: issued, shown once, stored hashed ------------------------------------------------------


def test_a_manager_creates_a_token_that_is_shown_once_and_stored_only_as_a_hash(manager_client, consultant):
    response = manager_client.post(reverse("staff:account_token_create", args=[consultant.pk]), {"name": "CRM sync"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=consultant)
    raw = response.context["raw"]
    assert raw.startswith(f"rst_{token.prefix}_") and raw in response.content.decode()
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    # The secret is what follows "rst_<prefix>_" (it may hold "_" itself: a split from the right once cut a
    # single letter off it and found that letter in the dump).
    assert raw not in dump.getvalue() and raw.split("_", 2)[2] not in dump.getvalue()
    assert raw not in manager_client.get(reverse("staff:account_edit", args=[consultant.pk])).content.decode()
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()
    assert _me(manager_client, raw).json()["email"] == consultant.email


def test_a_token_without_a_name_is_refused_next_to_the_field(manager_client, consultant):
    response = manager_client.post(reverse("staff:account_token_create", args=[consultant.pk]), {"name": " "})
    assert response.status_code == 200 and "field--error" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_deactivated_account_gets_no_new_token(manager_client, consultant):
    services.staff_deactivate(user=consultant, by=None)
    response = manager_client.post(reverse("staff:account_token_create", args=[consultant.pk]), {"name": "x"})
    assert response.status_code == 200 and 'value="x"' in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("url_name", ["account_token_create", "account_token_revoke"])
def test_only_managers_open_the_token_pages(client, manager, consultant, url_name):
    token, _raw = services.api_token_create(user=consultant, name="x", by=manager)
    args = [consultant.pk] if url_name == "account_token_create" else [consultant.pk, token.pk]
    url = reverse(f"staff:{url_name}", args=args)
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    sign_in(client, consultant)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "mine"}).status_code == 403
    assert ApiToken.objects.filter(revoked_at=None).count() == 1


def test_revoking_asks_first_then_the_token_stops_at_once(manager_client, consultant):
    token, raw = services.api_token_create(user=consultant, name="old script", by=None)
    url = reverse("staff:account_token_revoke", args=[consultant.pk, token.pk])
    page = manager_client.get(url)
    assert page.status_code == 200 and "old script" in page.content.decode()
    assert _me(manager_client, raw).status_code == 200
    assert manager_client.post(url)["Location"] == reverse("staff:account_edit", args=[consultant.pk])
    assert _me(manager_client, raw).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke", object_id=str(token.pk)).exists()
    assert manager_client.get(url).status_code == 404  # nothing left to revoke


# --- tokens: use ---------------------------------------------------------------------------------


def test_every_use_of_a_token_is_audited_with_its_path(client, consultant):
    raw = _token_for(consultant)
    for _ in range(2):
        assert _me(client, raw).json() == {
            "email": consultant.email, "full_name": consultant.full_name, "roles": [Role.CONSULTANT.value],
        }  # fmt: skip
    uses = AuditEvent.objects.filter(action="api_token.use")
    assert uses.count() == 2 and {event.details["path"] for event in uses} == {ME}
    assert {event.actor for event in uses} == {consultant}
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer ", "Bearer garbage", "Basic dXNlcjpwYXNz", "Bearer rst_deadbeef_secret",
     "Bearer rst_" + "x" * 5000, "Bearer rst__", "Token {raw}", "Bearer {raw}x", "Bearer {raw} extra"],
)  # fmt: skip
def test_a_missing_malformed_or_unknown_token_gets_401_json(client, consultant, header):
    raw = _token_for(consultant)
    response = client.get(ME, headers={"Authorization": header.format(raw=raw)} if header else {})
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]
    assert not AuditEvent.objects.filter(action="api_token.use").exists()


def test_a_deactivated_accounts_tokens_stop_working_and_return_with_it(client, consultant):
    raw = _token_for(consultant)
    services.staff_deactivate(user=consultant, by=None)
    assert _me(client, raw).status_code == 401
    services.staff_reactivate(user=consultant, by=None)
    assert _me(client, raw).status_code == 200


def test_a_token_never_does_more_than_its_account_can_now(client, manager, consultant):
    raw = _token_for(consultant)
    services.staff_update(user=consultant, full_name="C", language="pl", roles=[], by=manager)
    assert _me(client, raw).json()["roles"] == []
    request = RequestFactory().get(ME)
    request.auth = consultant
    with pytest.raises(AuthorizationError):
        area_check(request, "knowledge")
    request.auth = manager
    area_check(request, "knowledge")  # a manager's token may


# --- the command -----------------------------------------------------------------------------------


def test_the_command_prints_a_working_token_once_and_can_list_and_revoke_it(client, db):
    user = make_staff("ops@example.org", Role.MANAGER)
    out = StringIO()
    call_command("api_token", "create", "OPS@example.org", "--name", "backup", stdout=out, stderr=StringIO())
    raw = out.getvalue().strip()
    assert _me(client, raw).json()["roles"] == [Role.MANAGER.value]
    token = ApiToken.objects.get(user=user)
    listing = StringIO()
    call_command("api_token", "list", user.email, stdout=listing)
    assert token.prefix in listing.getvalue() and "backup" in listing.getvalue() and raw not in listing.getvalue()
    call_command("api_token", "revoke", token.prefix, stdout=StringIO())
    assert _me(client, raw).status_code == 401


def test_the_command_says_clearly_when_the_account_does_not_exist(db):
    with pytest.raises(CommandError, match=r"nobody@example\.org"):
        call_command("api_token", "create", "nobody@example.org", stdout=StringIO())


def test_lists_page_with_limit_and_offset_into_results_and_count():
    from ninja import Router
    from ninja.pagination import paginate
    from ninja.testing import TestClient

    from restart.api.pagination import Paginated

    router = Router()

    @router.get("/numbers", response=list[int])
    @paginate(Paginated)
    def numbers(request):
        return list(range(50))

    client = TestClient(router)
    assert client.get("/numbers?limit=5&offset=10").json() == {"results": [10, 11, 12, 13, 14], "count": 50}
    assert len(client.get("/numbers").json()["results"]) == 20
    assert client.get("/numbers?limit=500").status_code == 422
