"""Data-subject rights: export, restriction, erasure, consent withdrawal, retention."""

import csv
import datetime
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from restart.core.models import AuditEvent
from restart.people.models import Consent, Participation, Person
from restart.people.services import consent_give, consent_withdraw, participation_record, person_has_consent
from tests.conftest import sign_in
from tests.people_factories import make_person


@pytest.fixture
def consultant_client(client, consultant):
    sign_in(client, consultant)
    return client


@pytest.fixture
def olena(db):
    person = make_person(email="olena@example.org", phone="+48601234567", notes="Lives with her son.")
    consent_give(person=person, purpose=Consent.Purpose.SERVICE, text_version="2026-01", by=None)
    participation_record(person=person, kind="consultation", starts_on=datetime.date(2026, 1, 10), source=person,
                         status="attended", professional_guidance=True)  # fmt: skip
    return person


def test_the_export_is_a_readable_page_and_a_zip_of_json_and_csv_and_is_audited(consultant_client, olena):
    response = consultant_client.get(reverse("people:export", args=[olena.pk]), {"format": "zip"})
    assert response["Content-Disposition"] == f'attachment; filename="person-{olena.pk}.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"data.json", "person.csv", "consents.csv", "activities.csv", "access_log.csv"} <= set(archive.namelist())
    data = json.loads(archive.read("data.json"))
    details = {row["item"]: row["value"] for row in data["sections"]["person"]["rows"]}
    assert details["Ім’я та прізвище"] == "Olena Kovalenko" and details["Громадянство"] == "Україна"  # her language
    assert details["Примітки"] == "Lives with her son."
    consents = archive.read("consents.csv").decode("utf-8-sig")
    assert consents.splitlines()[0].startswith("Мета") and "Version" not in consents
    assert AuditEvent.objects.filter(action="person.export", object_id=str(olena.pk)).exists()
    page = consultant_client.get(reverse("people:export", args=[olena.pk])).content.decode()
    assert "olena@example.org" in page and "Lives with her son." in page
    assert "full_name" not in page and "person.create" not in page  # labels, not field names or codes


def test_restriction_hides_the_person_everywhere_until_a_manager_lifts_it(consultant_client, olena, manager, client):
    response = consultant_client.post(reverse("people:restrict", args=[olena.pk]), {"reason": "Asked by phone"})
    assert response.status_code == 302
    assert "Kovalenko" not in consultant_client.get(reverse("people:list"), {"query": "kovalenko"}).content.decode()
    assert consultant_client.get(reverse("people:detail", args=[olena.pk])).status_code == 404
    sign_in(client, manager)
    assert "Asked by phone" in client.get(reverse("people:restricted")).content.decode()
    assert client.get(reverse("people:detail", args=[olena.pk])).status_code == 200
    client.post(reverse("people:lift_restriction", args=[olena.pk]))
    assert "Kovalenko" in client.get(reverse("people:list"), {"query": "kovalenko"}).content.decode()
    actions = set(AuditEvent.objects.filter(object_id=str(olena.pk)).values_list("action", flat=True))
    assert {"person.restrict", "person.lift_restriction"} <= actions


def _counts():
    return list(
        Participation.objects.values("citizenship", "sex", "age_band", "eligible", "kind", "status")
        .annotate(n=Count("id"))
        .order_by("citizenship", "kind")
    )


def test_erasure_removes_names_and_contacts_but_keeps_every_count(manager, client, olena):
    make_person(full_name="Taras Melnyk", sex="male")
    before = _counts()
    sign_in(client, manager)
    client.get(reverse("people:detail", args=[olena.pk]))  # an audit entry that names her
    assert client.post(reverse("people:erase", args=[olena.pk])).status_code == 200  # needs the confirmation box
    client.post(reverse("people:erase", args=[olena.pk]), {"confirm": "on"})
    olena.refresh_from_db()
    assert olena.is_erased
    assert (olena.full_name, olena.email, olena.phone, olena.notes) == (f"#{olena.pk}", "", "", "")
    assert olena.birth_date is None and olena.birth_year == 1990
    assert (olena.citizenship, olena.sex) == ("UA", "female")
    assert _counts() == before
    names = AuditEvent.objects.filter(object_id=str(olena.pk)).values_list("object_repr", flat=True)
    assert not any("Kovalenko" in name for name in names)


def test_only_a_manager_may_erase(consultant_client, olena):
    assert consultant_client.post(reverse("people:erase", args=[olena.pk]), {"confirm": "on"}).status_code == 403
    olena.refresh_from_db()
    assert not olena.is_erased


def test_a_withdrawn_consent_takes_effect_at_once(consultant_client, olena):
    consent = consent_give(person=olena, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, text_version="1", by=None)
    assert person_has_consent(olena, "share_with_employers")
    url = reverse("people:consent_withdraw", args=[olena.pk, consent.pk])
    assert consultant_client.get(url).status_code == 200  # asks first
    consultant_client.post(url)
    assert not person_has_consent(olena, "share_with_employers")
    assert person_has_consent(olena, "service")
    assert AuditEvent.objects.filter(action="consent.withdraw", object_id=str(olena.pk)).exists()
    consent_withdraw(consent=Consent.objects.get(pk=consent.pk), by=None)  # twice is harmless
    assert AuditEvent.objects.filter(action="consent.withdraw").count() == 1


def test_retention_lists_then_erases_people_whose_last_activity_is_old(db, settings):
    settings.PEOPLE_RETENTION_YEARS = 5
    old = make_person(full_name="Old Record")
    Person.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=7 * 365))
    participation_record(person=old, kind="event", starts_on=datetime.date(2018, 5, 1), source=old, status="attended")
    recent = make_person(full_name="Recent Record")
    active = make_person(full_name="Active Record")
    Person.objects.filter(pk=active.pk).update(created_at=timezone.now() - datetime.timedelta(days=7 * 365))
    participation_record(person=active, kind="event", starts_on=timezone.localdate(), source=active, status="attended")

    out = StringIO()
    call_command("people_retention", stdout=out)
    assert "Old Record" in out.getvalue() and "Recent Record" not in out.getvalue()
    assert "Active Record" not in out.getvalue()
    assert not Person.objects.get(pk=old.pk).is_erased
    call_command("people_retention", "--apply", stdout=StringIO())
    assert Person.objects.get(pk=old.pk).is_erased
    assert not Person.objects.get(pk=recent.pk).is_erased and not Person.objects.get(pk=active.pk).is_erased


def test_the_exported_csv_never_hands_a_spreadsheet_a_formula(consultant_client):
    """Second review, item 9: names and questions come from the public."""
    person = make_person(full_name='=HYPERLINK("http://x")', notes="@SUM(1+1)")
    response = consultant_client.get(reverse("people:export", args=[person.pk]), {"format": "zip"})
    rows = zipfile.ZipFile(io.BytesIO(response.content)).read("person.csv").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(rows)) for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'@SUM(1+1)" in cells
    assert not any(cell.startswith(("=", "@", "+", "-")) for cell in cells)
