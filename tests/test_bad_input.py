"""Whatever is typed into a form, the answer is a page with an error, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import sign_in

junk = st.text(max_size=300) | st.sampled_from(["' OR 1=1 --", "<script>alert(1)</script>", "😀" * 50, "\x00"])
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(email=junk, password=junk)
def test_the_sign_in_form_survives_any_input(db, email, password):
    response = Client().post(reverse("staff:login"), {"username": email, "password": password})
    assert response.status_code in (200, 429)


@FUZZ
@given(full_name=junk, email=junk, language=junk, role=junk)
def test_the_invitation_form_survives_any_input(manager, full_name, email, language, role):
    client = Client()
    sign_in(client, manager)
    data = {"full_name": full_name, "email": email, "language": language, "roles": [role]}
    response = client.post(reverse("staff:account_invite"), data)
    assert response.status_code in (200, 302)


@FUZZ
@given(query=junk, role=junk, page=junk)
def test_the_account_search_survives_any_input(manager, query, role, page):
    client = Client()
    sign_in(client, manager)
    response = client.get(reverse("staff:account_list"), {"q": query, "role": role, "page": page})
    assert response.status_code == 200


@pytest.mark.parametrize("token", ["", "abcdef", "1234567", "12 34 5", "٣٣٣٣٣٣"])
def test_the_two_factor_form_refuses_malformed_codes_with_a_message(client, manager, token):
    client.post(reverse("staff:login"), {"username": manager.email, "password": "a-long-Passw0rd!"})
    response = client.post(reverse("staff:two_factor"), {"token": token})
    assert response.status_code == 200
    assert "field--error" in response.content.decode()


def test_a_form_posted_without_its_csrf_token_gets_a_translated_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/uk/staff/login/", {"username": "a@b.c", "password": "x"})
    assert response.status_code == 403
    assert '<html lang="uk">' in response.content.decode()
