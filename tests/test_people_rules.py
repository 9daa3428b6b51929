"""Names across scripts, Polish identifiers, and who counts as eligible."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from restart.people.models import Person
from restart.people.names import name_key
from restart.people.selectors import eligible_q
from restart.people.validators import normalise_phone, validate_nip
from tests.people_factories import make_person


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Коваленко", "Kovalenko"),
        ("Шевченко", "Shevchenko"),
        ("Шевченко", "Szewczenko"),
        ("Олександр", "Oleksandr"),
        ("Юлія Гнатюк", "Yuliia Hnatiuk"),
        ("KOWALSKA", "kowalska"),
        ("Łukasz Wójcik", "Lukasz Wojcik"),
    ],
)
def test_names_in_different_scripts_and_spellings_share_a_key(one, other):
    assert name_key(one) == name_key(other)


def test_different_names_keep_different_keys():
    assert name_key("Kovalenko") != name_key("Kovalchuk")


@pytest.mark.parametrize("nip", ["8992689516", "526-025-02-74", "PL 725 180 11 26"])
def test_a_nip_with_the_right_check_digit_is_accepted(nip):
    validate_nip(nip)


@pytest.mark.parametrize("nip", ["8992689517", "12345", "abcdefghij", "8960005670"])
def test_a_nip_with_a_wrong_check_digit_or_shape_is_refused(nip):
    with pytest.raises(ValidationError):
        validate_nip(nip)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("601 234 567", "+48601234567"), ("+380 67 123 4567", "+380671234567"), ("0048-601-234-567", "+48601234567")],
)
def test_phone_numbers_are_stored_in_one_international_form(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12", "phone me", "+1234567890123456789"])
def test_impossible_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_eligibility_says_why_in_the_readers_language(db):
    person = make_person()
    with translation.override("uk"):
        assert person.is_eligible
        assert "Україна" in person.eligibility_reason
        assert "Wrocław" in person.eligibility_reason
    with translation.override("en"):
        assert person.eligibility_reason == "citizen of Ukraine, temporary protection (UKR), lives in Wrocław"


def test_eu_citizens_expired_permits_and_other_regions_are_not_eligible(db):
    with translation.override("en"):
        german = make_person(citizenship="DE", residence_status="citizen")
        assert not german.is_third_country_national
        assert "EU/EEA" in german.eligibility_reason
        expired = make_person(residence_status="temporary_residence", residence_valid_until=datetime.date(2020, 1, 1))
        assert not expired.is_eligible and "expired" in expired.eligibility_reason
        elsewhere = make_person(region="elsewhere_pl")
        assert not elsewhere.is_eligible
        dual = make_person(citizenship="UA", second_citizenship="PL")
        assert not dual.is_third_country_national


def test_a_refused_citizenship_is_recorded_as_refused(db):
    person = make_person(citizenship="", refused=["citizenship"])
    with translation.override("en"):
        assert "refused" in person.third_country_reason
    assert person.has_refused("citizenship")


people = st.fixed_dictionaries(
    {
        "citizenship": st.sampled_from(["", "UA", "PL", "DE", "XX", "GE", "NO"]),
        "second_citizenship": st.sampled_from(["", "", "PL", "IN"]),
        "residence_status": st.sampled_from(["visa", "temporary_protection", "other", "unknown", "citizen"]),
        "residence_valid_until": st.sampled_from([None, datetime.date(2020, 1, 1), datetime.date(2099, 1, 1)]),
        "region": st.sampled_from(["lower_silesia", "elsewhere_pl", "abroad"]),
    }
).filter(lambda fields: not fields["second_citizenship"] or fields["second_citizenship"] != fields["citizenship"])


@settings(max_examples=60, deadline=None)
@given(fields=people)
def test_the_database_filter_agrees_with_the_eligibility_shown_on_the_page(fields):
    # Runs in its own transaction per example (hypothesis + django_db would share one).
    from django.db import transaction

    with transaction.atomic():
        person = make_person(**fields)
        in_filter = Person.objects.filter(eligible_q(), pk=person.pk).exists()
        assert in_filter == person.is_eligible
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _db_for_hypothesis(db):
    """Every test here may touch the database."""


def test_the_rules_hold_for_every_write_not_only_the_form(db, manager):
    """Section 6: a command or the API that calls the service meets the same rules as the form."""
    from restart.core.errors import DomainError
    from restart.people.services import person_update

    with pytest.raises(DomainError) as refused:
        make_person(citizenship="", refused=["citizenship"], second_citizenship="UA", phone="12", email="nope")
    assert {"phone", "email"} <= set(refused.value.message_dict)
    person = make_person(phone="601 234 567", email=" Olena@Example.ORG ", citizenship="ua")
    assert (person.phone, person.email, person.citizenship) == ("+48601234567", "olena@example.org", "UA")
    with pytest.raises(DomainError) as refused:
        person_update(person=person, data={"birth_date": datetime.date(2999, 1, 1), "citizenship": "ZZ"}, by=manager)
    assert set(refused.value.message_dict) == {"birth_date", "citizenship"}
