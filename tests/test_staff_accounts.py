"""A manager invites staff, sets their roles and deactivates them, all from the staff area."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from restart.core.models import AuditEvent
from restart.core.roles import Role
from restart.staff.models import User
from tests.conftest import make_staff, run_worker


def _invite(client, **overrides):
    data = {
        "full_name": "Iryna Shevchenko",
        "email": "Iryna@Example.org",
        "language": "uk",
        "roles": [Role.CONSULTANT.value],
        **overrides,
    }
    return client.post(reverse("staff:account_invite"), data)


def test_an_invitation_creates_the_account_and_mails_a_link_in_the_invitees_language(manager_client, client):
    response = _invite(manager_client)
    assert response["Location"] == reverse("staff:account_list")
    invitee = User.objects.get(email="iryna@example.org")
    assert not invitee.has_usable_password()
    assert list(invitee.groups.values_list("name", flat=True)) == ["consultant"]

    run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["iryna@example.org"]
    assert "Maria Manager" in message.body
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    assert link.startswith("/uk/staff/invitation/")
    assert AuditEvent.objects.filter(action="staff.invite", object_id=str(invitee.pk)).exists()


def test_the_invitee_chooses_a_password_once(manager_client, client):
    _invite(manager_client)
    run_worker()
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    anonymous = Client()
    assert anonymous.get(link).status_code == 200
    password = "correct-horse-battery"
    response = anonymous.post(link, {"new_password1": password, "new_password2": password})
    assert response["Location"] == reverse("staff:login")
    assert User.objects.get(email="iryna@example.org").check_password(password)
    assert anonymous.get(link).status_code == 400  # used links stop working


def test_a_tampered_invitation_link_is_refused(client, db):
    assert client.get("/pl/staff/invitation/MQ/abc-123/").status_code == 400
    assert client.get("/pl/staff/invitation/not-base64/abc/").status_code == 400


def test_an_invitation_to_an_existing_address_is_refused_and_keeps_what_was_typed(manager_client, consultant):
    response = _invite(manager_client, email="CONSULTANT@example.org", full_name="Someone New")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone New" in html
    assert User.objects.filter(email__iexact="consultant@example.org").count() == 1


def test_an_invitation_needs_a_role_and_a_valid_address(manager_client):
    response = _invite(manager_client, email="not-an-address", roles=[])
    assert response.status_code == 200
    assert response.content.decode().count('class="field field--error"') == 2
    assert not User.objects.filter(full_name="Iryna Shevchenko").exists()


def test_a_manager_changes_roles_and_it_is_audited(manager_client, consultant):
    response = manager_client.post(
        reverse("staff:account_edit", args=[consultant.pk]),
        {"full_name": consultant.full_name, "language": "uk", "roles": ["consultant", "coordinator"]},
    )
    assert response.status_code == 302
    assert set(consultant.groups.values_list("name", flat=True)) == {"consultant", "coordinator"}
    event = AuditEvent.objects.get(action="staff.update")
    assert event.details == {"roles_before": ["consultant"], "roles_after": ["consultant", "coordinator"]}
    assert event.ip_address == "127.0.0.1"


def test_a_manager_cannot_remove_their_own_manager_role(manager_client, manager):
    response = manager_client.post(
        reverse("staff:account_edit", args=[manager.pk]),
        {"full_name": manager.full_name, "language": "pl", "roles": ["consultant"]},
    )
    assert response.status_code == 200
    assert manager.groups.filter(name="manager").exists()


def test_deactivation_asks_first_then_blocks_sign_in(manager_client, consultant):
    url = reverse("staff:account_deactivate", args=[consultant.pk])
    assert manager_client.get(url).status_code == 200
    consultant.refresh_from_db()
    assert consultant.is_active
    manager_client.post(url)
    consultant.refresh_from_db()
    assert not consultant.is_active
    response = Client().post(reverse("staff:login"), {"username": consultant.email, "password": "a-long-Passw0rd!"})
    assert response.status_code == 200  # stays on the sign-in page
    manager_client.post(reverse("staff:account_reactivate", args=[consultant.pk]))
    consultant.refresh_from_db()
    assert consultant.is_active


def test_a_manager_cannot_deactivate_themselves(manager_client, manager):
    response = manager_client.post(reverse("staff:account_deactivate", args=[manager.pk]))
    assert response.status_code == 200
    manager.refresh_from_db()
    assert manager.is_active


def test_the_account_list_searches_filters_and_pages(manager_client, db):
    for number in range(30):
        make_staff(f"teacher{number:02d}@example.org", Role.TEACHER, full_name=f"Teacher {number:02d}")
    make_staff("olga@example.org", Role.CONSULTANT, full_name="Olga Petrenko")
    html = manager_client.get(reverse("staff:account_list"), {"q": "petrenko"}).content.decode()
    assert "Olga Petrenko" in html and "Teacher 01" not in html
    html = manager_client.get(reverse("staff:account_list"), {"role": "teacher"}).content.decode()
    assert "Olga Petrenko" not in html and "page=2" in html
    page_two = manager_client.get(reverse("staff:account_list"), {"role": "teacher", "page": 2}).content.decode()
    assert "Teacher 29" in page_two
    empty = manager_client.get(reverse("staff:account_list"), {"q": "zzz"}).content.decode()
    assert 'class="empty"' in empty
