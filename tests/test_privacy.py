"""Privacy across every app: the registry's export, erasure and merge (issue 8, section 2)."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from restart.core.errors import DomainError
from restart.core.models import AuditEvent
from restart.core.privacy import registered_apps
from restart.core.roles import Role
from restart.infopoint.models import Consultation, Referral
from restart.infopoint.services import records
from restart.people.models import Consent, Participation, Person
from restart.people.services import gdpr
from restart.topics.models import Topic
from tests.conftest import make_staff, run_worker, sign_in
from tests.infopoint_factories import make_slot
from tests.people_factories import make_person

NAME, EMAIL, PHONE = "Daria Zelenska", "daria.zelenska@example.org", "+48601999888"
QUESTION = "Мій роботодавець не платить з березня"


def test_every_app_that_keeps_a_person_registered_its_export_erase_and_merge_steps():
    keeping = {
        model._meta.app_label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.many_to_one and field.related_model is Person
    }
    assert keeping  # people and infopoint at least
    assert keeping <= registered_apps()


@pytest.fixture
def booked(client, consultant, settings, tmp_path):
    """Daria booked online with a question, the mail went out through the file backend,
    her consultant wrote notes and referred her to a lawyer."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.VAR_DIR = tmp_path
    topic = Topic.objects.get(slug="work")
    slot = make_slot(consultant, days=3)
    client.post(
        f"/uk/information-point/book/{slot.pk}/?topic={topic.pk}&language=uk&channel=in_person",
        {"full_name": NAME, "email": EMAIL, "phone": PHONE, "question": QUESTION, "consent": "on"},
    )
    run_worker()
    consultation = Consultation.objects.get()
    records.consultation_record_update(
        consultation=consultation, topics=[topic], by=consultant,
        data={"status": "attended", "notes": f"{NAME} is afraid of losing the flat", "outcome": "Wrote a claim"},
    )  # fmt: skip
    lawyer = make_staff("lawyer@example.org", Role.SPECIALIST, speciality="lawyer", full_name="Adam Prawnik")
    records.referral_create(consultation=consultation, kind="specialist", specialist=lawyer,
                            reason=f"{NAME}: unpaid wages since March", consent_now=True, by=consultant)  # fmt: skip
    run_worker()
    return consultation


def test_the_export_holds_what_every_app_keeps_in_the_persons_language(booked, manager, consultant, client):
    person = booked.person
    sign_in(client, manager)
    data = json.loads(zipfile.ZipFile(io.BytesIO(
        client.get(reverse("people:export", args=[person.pk]), {"format": "zip"}).content
    )).read("data.json"))  # fmt: skip
    sections = data["sections"]
    assert list(sections) == ["person", "consents", "activities", "consultations", "referrals", "registrations",
                              "courses", "jobfair", "interviews", "imported_activities", "access_log"]
    consultation = sections["consultations"]["rows"][0]
    assert consultation["question"] == QUESTION and consultation["outcome"] == "Wrote a claim"
    assert "10:00" in consultation["when"]  # the local time she booked, not UTC
    assert consultation["topics"] == "Робота та легальне працевлаштування"  # Ukrainian: her language
    assert "afraid" in consultation["notes"]  # a manager's copy is complete
    assert sections["referrals"]["rows"][0]["to"] == "Adam Prawnik"
    with translation.override("uk"):
        purposes = {str(Consent.Purpose.SERVICE.label), str(Consent.Purpose.REFERRAL.label)}
    assert {row["purpose"] for row in sections["consents"]["rows"]} == purposes
    assert sections["consultations"]["columns"]["question"] == "Ваше запитання під час запису"

    colleague = make_staff("colleague@example.org", Role.CONSULTANT)
    sign_in(client, colleague)
    page = client.get(reverse("people:export", args=[person.pk])).content.decode()
    assert QUESTION in page and "afraid" not in page  # private notes only for whoever may read them


def _database_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the database itself)
            chunks.append(repr(cursor.fetchall()))
    return "\n".join(chunks)


def _var_text(root: Path) -> str:
    return "\n".join(path.read_bytes().decode("utf-8", "replace") for path in root.rglob("*") if path.is_file())


def _found(text: str, term: str) -> bool:
    escaped = json.dumps(term)[1:-1]  # how JSON columns may hold non-ASCII text
    return term.casefold() in text.casefold() or escaped in text


def test_erasure_leaves_nothing_of_the_person_in_the_database_or_var(booked, manager, tmp_path):
    person = booked.person
    assert _found(_var_text(tmp_path), EMAIL)  # the confirmation mail was written there
    counts = list(Participation.objects.values("kind", "status", "eligible", "citizenship", "sex", "age_band"))
    gdpr.person_erase(person=person, by=manager)
    database, var = _database_text(), _var_text(tmp_path)
    for term in (NAME, EMAIL, PHONE, QUESTION, "unpaid wages", "afraid of losing"):
        assert not _found(database, term), term
        assert not _found(var, term), term
    assert list(Participation.objects.values("kind", "status", "eligible", "citizenship", "sex", "age_band")) == counts
    assert Consultation.objects.get().topics.exists()  # what was discussed still counts


def test_an_erased_record_offers_no_export_merge_or_restriction(manager_client, manager):
    person = make_person()
    other = make_person(full_name="Someone Else")
    gdpr.person_erase(person=person, by=manager)
    for name in ("people:export", "people:restrict", "people:merge", "people:erase"):
        assert manager_client.get(reverse(name, args=[person.pk])).status_code == 404, name
    with pytest.raises(DomainError):
        gdpr.person_merge(survivor=other, duplicate=Person.objects.get(pk=person.pk), by=manager)
    with pytest.raises(DomainError):
        gdpr.person_restrict(person=Person.objects.get(pk=person.pk), reason="x", by=manager)
    page = manager_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert f"#{person.pk} #{person.pk}" not in page and f"#{person.pk}</span>" in page


def test_a_consultant_cannot_merge_a_restricted_record_nor_see_its_name(client, consultant, manager):
    """Security review, item 1."""
    survivor = make_person(full_name="Olena Kovalenko")
    hidden = make_person(full_name="Hidden Person")
    gdpr.person_restrict(person=hidden, reason="asked", by=manager)
    sign_in(client, consultant)
    url = reverse("people:merge", args=[survivor.pk])
    preview = client.get(url, {"other": hidden.pk}).content.decode()
    assert "Hidden Person" not in preview
    client.post(url, {"other": hidden.pk, "confirm": "yes"})
    hidden.refresh_from_db()
    assert hidden.is_restricted and Person.objects.filter(pk=hidden.pk).exists()

    sign_in(client, manager)
    response = client.post(url, {"other": hidden.pk, "confirm": "yes"})
    with translation.override("pl"):
        reason = gettext("A restricted record cannot be merged. A manager must lift the restriction first.")
    assert reason in response.content.decode()
    assert Person.objects.filter(pk=hidden.pk).exists()


def test_a_merge_moves_every_apps_records_through_its_own_steps(manager, consultant):
    survivor = make_person(full_name="Olena Kovalenko", email="olena@example.org")
    duplicate = make_person(full_name="Olena K.", phone="+48601234567")
    topic = Topic.objects.get(slug="work")
    consultation = records.consultation_walk_in(
        person=duplicate, consultant=consultant, starts_at=make_slot(consultant, days=-2).starts_at, topics=[topic],
        data={"language": "uk", "channel": "in_person", "status": "attended"}, by=consultant,
    )  # fmt: skip
    records.referral_create(consultation=consultation, kind="institution", institution="PIP", reason="wages",
                            consent_now=True, by=consultant)  # fmt: skip
    gdpr.person_merge(survivor=survivor, duplicate=duplicate, by=manager)
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert Consultation.objects.get().person == survivor and Referral.objects.get().person == survivor
    assert Participation.objects.get().person == survivor
    assert AuditEvent.objects.filter(action="consultation.transfer", object_id=str(consultation.pk)).exists()
    assert AuditEvent.objects.filter(action="referral.transfer", object_id=str(Referral.objects.get().pk)).exists()
    survivor.refresh_from_db()
    assert survivor.phone == "+48601234567"  # blanks filled from the duplicate


def test_erasure_forgets_old_names_and_merged_records_but_never_touches_anyone_else(client, consultant, manager,
                                                                                  settings, tmp_path):  # fmt: skip
    """Second review, items 3 and 4: a renamed or merged person leaves no old name behind, and
    erasing a short name ("Ana") touches nobody whose name merely contains it (Svetlana)."""
    from restart.core import sms

    settings.VAR_DIR = tmp_path
    settings.SMS_FILE_PATH = tmp_path / "sms"
    settings.SMS_BACKEND = "restart.core.sms.FileBackend"
    topic = Topic.objects.get(slug="work")
    for name, phone in (("Ana", "+48601000111"), ("Svetlana", "+48601000222")):
        slot = make_slot(consultant, days=3, hour=9 if name == "Ana" else 11)
        client.post(f"/uk/information-point/book/{slot.pk}/?topic={topic.pk}&language=uk&channel=in_person",
                    {"full_name": name, "email": "", "phone": phone, "consent": "on"})  # fmt: skip
    ana, svetlana = Person.objects.get(full_name="Ana"), Person.objects.get(full_name="Svetlana")
    duplicate = make_person(full_name="Anna Dup", citizenship="UA")
    gdpr.person_merge(survivor=ana, duplicate=duplicate, by=manager)
    queued_for_svetlana = DBTaskResult.objects.filter(args_kwargs__kwargs__to="+48601000222").count()
    assert queued_for_svetlana == 1
    run_worker()
    assert len(list((tmp_path / "sms").iterdir())) == 2 and sms.outbox == []
    svetlana_audit = list(AuditEvent.objects.filter(object_id=str(svetlana.pk), object_type="people.person")
                          .values_list("object_repr", flat=True))  # fmt: skip

    gdpr.person_erase(person=Person.objects.get(pk=ana.pk), by=manager)
    database = _database_text()
    for trace in ("Anna Dup", "+48601000111"):
        assert not _found(database, trace), trace
    (left,) = (tmp_path / "sms").iterdir()  # Ana's SMS went, Svetlana's stayed
    assert left.read_text().startswith("To: +48601000222")
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__to="+48601000222").exists()
    assert list(AuditEvent.objects.filter(object_id=str(svetlana.pk), object_type="people.person")
                .values_list("object_repr", flat=True)) == svetlana_audit  # fmt: skip
    assert "Svetlana" in database


def test_erasure_forgets_the_names_a_person_had_before(booked, manager):
    from restart.people.services import person_update

    person = booked.person
    person_update(person=person, data={"full_name": "Daria Zelenska-Nowak"}, by=manager)
    gdpr.person_erase(person=Person.objects.get(pk=person.pk), by=manager)
    database = _database_text()
    assert not _found(database, NAME) and not _found(database, "Daria Zelenska-Nowak")
