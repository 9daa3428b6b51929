"""Staff sign-in: password, then a TOTP code; enrolment on the first sign-in; throttling."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.models import AuditEvent
from tests.conftest import run_worker

PASSWORD = "a-long-Passw0rd!"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password_step(client, email, password=PASSWORD):
    return client.post(reverse("staff:login"), {"username": email, "password": password})


def test_the_first_sign_in_enrols_an_authenticator_and_then_lets_in(client, manager):
    response = _password_step(client, manager.email)
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:two_factor"))
    page = client.get(reverse("staff:two_factor")).content.decode()
    assert "<svg" in page and 'data-testid="totp-secret"' in page
    device = TOTPDevice.objects.get(user=manager, confirmed=False)

    assert client.get(reverse("staff:dashboard")).status_code == 302  # not yet verified
    response = client.post(reverse("staff:two_factor"), {"token": _code(device)})
    assert response["Location"] == reverse("staff:dashboard")
    assert client.get(reverse("staff:dashboard")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="staff.two_factor_enrol", object_id=str(manager.pk)).exists()


def test_a_later_sign_in_asks_only_for_the_code(client, manager):
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    _password_step(client, manager.email)
    page = client.get(reverse("staff:two_factor")).content.decode()
    assert "<svg" not in page
    client.post(reverse("staff:two_factor"), {"token": _code(device)})
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_a_wrong_code_is_refused_with_a_message_next_to_the_field(client, manager):
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    _password_step(client, manager.email)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("staff:two_factor") + "?next=/pl/staff/accounts/", {"token": wrong})
    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert client.get(reverse("staff:dashboard")).status_code == 302


def test_a_wrong_password_shows_a_translated_error_and_keeps_the_email(client, manager):
    response = client.post("/uk/staff/login/", {"username": manager.email, "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert manager.email in html
    assert "error-summary" in html
    assert "The e-mail address or the password is not right" not in html  # shown in Ukrainian


def test_repeated_failures_lock_the_account_for_a_while(client, manager, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, manager.email, "wrong-password")
    response = _password_step(client, manager.email)  # even the right password now
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_sign_in_never_redirects_to_another_host(client, manager, next_url):
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    _password_step(client, manager.email)
    response = client.post(reverse("staff:two_factor"), {"token": _code(device), "next": next_url})
    assert response["Location"] == reverse("staff:dashboard")


def test_sign_out_needs_a_post(client, manager_client):
    assert manager_client.get(reverse("staff:logout")).status_code == 405
    manager_client.post(reverse("staff:logout"))
    assert manager_client.get(reverse("staff:dashboard")).status_code == 302


def test_password_reset_mails_a_link_in_the_users_language(client, manager):
    manager.language = "ru"
    manager.save()
    response = client.post(reverse("staff:password_reset"), {"email": manager.email})
    assert response["Location"] == reverse("staff:password_reset_done")
    assert mail.outbox == []  # the worker sends it
    run_worker()
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    assert link.startswith("/ru/staff/password-reset/")
    form_page = client.get(link, follow=True)
    new_password = "another-long-Passw0rd!"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    manager.refresh_from_db()
    assert manager.check_password(new_password)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("staff:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("staff:password_reset_done")
    run_worker()
    assert mail.outbox == []


def test_the_django_admin_needs_the_same_two_factor_sign_in(client, manager):
    manager.is_staff = True
    manager.save()
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("staff:login"))


def test_after_a_wrong_code_the_pause_is_explained_and_the_right_code_then_works(client, manager):
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    _password_step(client, manager.email)
    right = _code(device)
    client.post("/en/staff/two-factor/", {"token": f"{(int(right) + 1) % 1_000_000:06d}"})

    response = client.post("/en/staff/two-factor/", {"token": right})  # at once: django-otp pauses checks
    html = response.content.decode()
    assert "not right or has expired" not in html
    assert "codes are not checked for 1 second" in html
    assert client.get(reverse("staff:dashboard")).status_code == 302

    device.refresh_from_db()
    device.throttling_failure_timestamp -= timedelta(seconds=2)  # the pause is over
    device.save()
    response = client.post("/en/staff/two-factor/", {"token": right})
    assert response.status_code == 302
    assert client.get(reverse("staff:dashboard")).status_code == 200


def test_a_code_used_once_is_refused_with_a_request_to_wait_for_the_next(client, manager):
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    _password_step(client, manager.email)
    code = _code(device)
    client.post(reverse("staff:two_factor"), {"token": code})
    client.post(reverse("staff:logout"))

    _password_step(client, manager.email)
    response = client.post("/en/staff/two-factor/", {"token": code})
    assert "already been used. Wait for the next code" in response.content.decode()
