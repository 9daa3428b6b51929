"""Staff record each person once: search in any script, duplicate warnings, merging."""

import datetime

import pytest
from django.urls import reverse

from restart.core.models import AuditEvent
from restart.people.models import Consent, Organization, Participation, Person
from restart.people.services import consent_give, participation_record
from tests.conftest import sign_in
from tests.infopoint_factories import make_consultation
from tests.people_factories import form_data, make_person


@pytest.fixture
def consultant_client(client, consultant):
    sign_in(client, consultant)
    return client


def test_a_consultant_adds_a_person_and_it_is_audited(consultant_client, consultant):
    data = form_data(email="Olena@Example.org", phone="601 234 567")
    response = consultant_client.post(reverse("people:create"), data)
    person = Person.objects.get()
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert (person.email, person.phone) == ("olena@example.org", "+48601234567")
    event = AuditEvent.objects.get(action="person.create")
    assert event.actor == consultant and event.object_id == str(person.pk)


def test_a_likely_duplicate_is_shown_before_saving_and_nothing_typed_is_lost(consultant_client):
    existing = make_person(full_name="Олена Коваленко", email="olena@example.org")
    data = form_data(full_name="Olena Kovalenko", email="", phone="+380671234567", municipality="Oława")
    response = consultant_client.post(reverse("people:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"#{existing.pk}" in html  # same birth date, same name in another script
    assert 'value="Oława"' in html and 'value="+380671234567"' in html
    assert Person.objects.count() == 1
    response = consultant_client.post(reverse("people:create"), {**data, "confirm_new_person": "on"})
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_the_same_email_or_phone_is_a_likely_duplicate(consultant_client):
    by_email = make_person(full_name="Iryna Bondarenko", email="iryna@example.org", birth_date=None)
    by_phone = make_person(full_name="Taras Melnyk", phone="+48601234567", birth_date=None)
    response = consultant_client.post(
        reverse("people:create"), form_data(full_name="I. Bondarenko", email="IRYNA@example.org", birth_date=None)
    )
    assert f"#{by_email.pk}" in response.content.decode()
    response = consultant_client.post(
        reverse("people:create"), form_data(full_name="T. M.", phone="601-234-567", birth_date=None)
    )
    assert f"#{by_phone.pk}" in response.content.decode()
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [("birth_date", "2099-01-01"), ("birth_date", "1850-01-01"), ("phone", "12"), ("citizenship", "QQ"),
     ("email", "not-an-address"), ("full_name", "")],
)  # fmt: skip
def test_bad_input_is_refused_next_to_the_field(consultant_client, field, value):
    response = consultant_client.post(reverse("people:create"), form_data(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="field field--error"') == 1
    assert Person.objects.count() == 0


def test_a_refused_item_cannot_also_have_a_value(consultant_client):
    response = consultant_client.post(reverse("people:create"), {**form_data(), "refused": ["birth_date"]})
    assert response.status_code == 200 and Person.objects.count() == 0
    data = {**form_data(birth_date=None), "refused": ["birth_date"]}
    consultant_client.post(reverse("people:create"), data)
    assert Person.objects.get().refused == ["birth_date"]


def test_search_finds_names_in_any_script_and_by_email_or_phone(consultant_client):
    make_person(full_name="Олена Коваленко", email="olena@example.org", phone="+48601234567")
    make_person(full_name="Giorgi Beridze", citizenship="GE", birth_date=datetime.date(1985, 1, 1))
    url = reverse("people:list")
    for query in ("kovalenko", "Коваленко", "olena@example", "601 234"):
        html = consultant_client.get(url, {"query": query}).content.decode()
        assert "Олена Коваленко" in html and "Giorgi Beridze" not in html, query
    html = consultant_client.get(url, {"citizenship": "GE"}).content.decode()
    assert "Giorgi Beridze" in html and "Коваленко" not in html


def test_the_list_filters_by_eligibility_and_pages(consultant_client):
    for number in range(55):
        make_person(full_name=f"Person {number:02d}", birth_date=None)
    make_person(full_name="Hans Becker", citizenship="DE", residence_status="citizen")
    url = reverse("people:list")
    assert "Hans Becker" not in consultant_client.get(url, {"eligibility": "eligible", "page": 2}).content.decode()
    assert "Hans Becker" in consultant_client.get(url, {"eligibility": "not_eligible"}).content.decode()
    first = consultant_client.get(url).content.decode()
    assert "Person 00" in first and "Person 54" not in first and "page=2" in first


def test_the_person_page_shows_history_in_the_readers_language_with_links(consultant_client, consultant):
    person = make_person()
    consent_give(person=person, purpose=Consent.Purpose.SERVICE, text_version="2026-01", by=consultant)
    consultation = make_consultation(person=person, consultant=consultant)
    link = f'href="/uk/staff/information-point/consultations/{consultation.pk}/"'
    html = consultant_client.get(f"/uk/staff/people/{person.pk}/").content.decode()
    assert "Легалізація перебування" in html and link in html and "Україна" in html
    assert "Legalizacja pobytu" in consultant_client.get(f"/pl/staff/people/{person.pk}/").content.decode()
    assert AuditEvent.objects.filter(action="person.view", object_id=str(person.pk), actor=consultant).count() == 2


def test_an_invalid_nip_is_refused_and_a_valid_one_saved(consultant_client):
    url = reverse("people:organization_create")
    response = consultant_client.post(url, {"name": "Hotel Odra", "kind": "employer", "nip": "899-268-95-17"})
    assert response.status_code == 200 and "field--error" in response.content.decode()
    consultant_client.post(url, {"name": "Hotel Odra", "kind": "employer", "nip": "899-268-95-16"})
    assert Organization.objects.get().nip == "8992689516"


def test_merging_moves_activities_and_consents_to_the_survivor(consultant_client):
    survivor = make_person(email="olena@example.org")
    duplicate = make_person(full_name="Olena K.", phone="+48601234567", birth_date=None)
    consent_give(person=duplicate, purpose=Consent.Purpose.NEWSLETTER, text_version="1", by=None)
    day = datetime.date(2026, 2, 2)
    participation_record(person=duplicate, kind="event", starts_on=day, source=duplicate, status="attended")
    participation_record(person=survivor, kind="event", starts_on=day, source=survivor, status="registered")
    # Both records took part in the same activity: the merge keeps one row with both flags.
    participation_record(person=survivor, kind="event", starts_on=day, source=Organization.objects.create(name="x"),
                         status="registered")  # fmt: skip
    participation_record(person=duplicate, kind="event", starts_on=day, source=Organization.objects.get(name="x"),
                         status="attended", found_helpful=True)  # fmt: skip

    url = reverse("people:merge", args=[survivor.pk])
    assert f"#{duplicate.pk}" in consultant_client.get(url, {"other": duplicate.pk}).content.decode()
    response = consultant_client.post(url, {"other": duplicate.pk, "confirm": "yes"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    survivor.refresh_from_db()
    assert survivor.phone == "+48601234567"  # a blank filled from the duplicate
    assert survivor.consents.filter(purpose="newsletter").exists()
    assert survivor.participations.count() == 3
    shared = survivor.participations.get(source_type="people.organization")
    assert shared.attended and shared.found_helpful
    assert Participation.objects.count() == 3


def test_a_person_cannot_be_merged_with_themselves(consultant_client):
    person = make_person()
    response = consultant_client.post(reverse("people:merge", args=[person.pk]), {"other": person.pk, "confirm": "yes"})
    assert response.status_code == 200 and Person.objects.filter(pk=person.pk).exists()


def test_participation_is_one_row_per_person_per_activity(db):
    person = make_person()
    for status in ("registered", "attended"):
        participation_record(person=person, kind="consultation", starts_on=datetime.date(2026, 1, 5), source=person,
                             status=status, professional_guidance=True)  # fmt: skip
    row = Participation.objects.get()
    assert row.attended and row.professional_guidance and row.ends_on == row.starts_on


def test_paging_through_an_organisation_search_keeps_the_search(consultant_client):
    Organization.objects.bulk_create(
        [Organization(name=f"Hotel {n:02d}") for n in range(60)] + [Organization(name="Bakery")]
    )
    first = consultant_client.get(reverse("people:organization_list"), {"q": "hotel"}).content.decode()
    assert "q=hotel&amp;page=2" in first
    second = consultant_client.get(reverse("people:organization_list"), {"q": "hotel", "page": 2}).content.decode()
    assert "Hotel 59" in second and "Bakery" not in second


def test_the_person_form_asks_for_one_name_and_folds_the_split_away(consultant_client):
    """What a new user met (5.9): full name and given and family name were asked at once."""
    html = consultant_client.get(reverse("people:create")).content.decode()
    folded = html[html.index('<details class="field-group"'):html.index("</details>")]
    assert 'name="full_name"' in html and 'name="full_name"' not in folded
    assert 'name="given_name"' in folded and 'name="family_name"' in folded
    assert '<details class="field-group">' in html  # closed while empty
    person = make_person(given_name="Olena", family_name="Kovalenko")
    edit = consultant_client.get(reverse("people:edit", args=[person.pk])).content.decode()
    assert '<details class="field-group" open>' in edit  # a filled split is shown


def test_editing_a_person_on_the_form_saves_the_changes_and_audits_them(consultant_client, consultant):
    """Second review, item 1: the form's instance already held the posted values, so nothing was saved."""
    person = make_person(full_name="Olena Kovalenko", municipality="Oleśnica")
    data = form_data(full_name="Olena Kowalenko", municipality="Wrocław", residence_valid_until="2027-06-30")
    response = consultant_client.post(reverse("people:edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.municipality) == ("Olena Kowalenko", "Wrocław")
    assert person.residence_valid_until == datetime.date(2027, 6, 30)
    event = AuditEvent.objects.get(action="person.update", object_id=str(person.pk))
    assert {"full_name", "municipality", "residence_valid_until"} <= set(event.details["fields"])
