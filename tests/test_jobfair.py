"""The job fair (issue 11, first step): the import contract, the jobs API and explained matching
for consenting candidates only."""

import copy
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext

from restart.core.roles import Role
from restart.jobfair import isco, matching
from restart.jobfair.importer import ImportRefused, import_jobfair
from restart.jobfair.models import CandidateProfile, Employer, JobOffer
from restart.jobfair.skills import canonical
from restart.people.models import Consent, Person
from restart.staff.services import api_token_create
from tests.conftest import make_staff

FAIR = {
    "employers": [
        {"key": "odra", "name": "Hotel Odra", "nip": "899-268-95-16", "sector": "hospitality", "city": "Wrocław"},
        {"key": "metal", "name": "Metal-Bud sp. z o.o.", "nip": "5260250274", "sector": "manufacturing",
         "city": "Oleśnica"},
    ],
    "offers": [
        {"key": "welder", "employer": "metal", "title": {"pl": "Spawacz MIG/MAG", "en": "MIG/MAG welder"},
         "isco": "7212", "city": "Wrocław", "polish_level": "A2", "languages": [], "skills": ["MIG/MAG",
         "forklift licence"], "min_experience_years": 2, "contract": "employment", "shifts": True, "housing": True},
        {"key": "cook", "employer": "odra", "title": {"pl": "Kucharz", "en": "Cook"}, "isco": "5120",
         "city": "Wrocław", "polish_level": "B1", "languages": [{"lang": "en", "level": "A2"}],
         "skills": ["HACCP"], "min_experience_years": 1, "contract": "mandate", "shifts": False, "housing": False},
    ],
    "candidates": [
        {"key": "c-taras", "name": "Taras Melnyk", "citizenship": "UA", "city": "Oleśnica", "polish_level": "B1",
         "languages": [{"lang": "en", "level": "A2"}], "occupations": [{"isco": "7212", "years": 6}],
         "skills": ["spawanie MIG/MAG"], "consent": True},
        {"key": "c-olena", "name": "Olena Bondar", "citizenship": "UA", "city": "Wrocław", "polish_level": "A1",
         "languages": [], "occupations": [{"isco": "7213", "years": 3}],
         "skills": ["UDT forklift certificate", "MIG"], "consent": True},
        {"key": "c-hidden", "name": "Hidden Welder", "citizenship": "BY", "city": "Wrocław", "polish_level": "C1",
         "languages": [], "occupations": [{"isco": "7212", "years": 10}], "skills": ["MIG/MAG", "forklift"],
         "consent": False},
    ],
}  # fmt: skip


@pytest.fixture
def fair(db):
    import_jobfair(copy.deepcopy(FAIR))
    return FAIR


def test_isco_08_is_complete_with_names_in_our_languages():
    units = isco.unit_groups()
    assert len(units) == 436 and isco.is_unit_group("7212") and not isco.is_unit_group("9999")
    assert isco.occupation_name("7212", "en") == "Welders and flame cutters"
    assert all(isco.occupation_name(code, language) for code in units for language in ("pl", "uk", "ru"))
    assert isco.closeness("7212", "7213") > isco.closeness("7212", "7231") > isco.closeness("7212", "5120") == 0


def test_skills_are_compared_after_spelling_and_synonyms():
    assert canonical("UDT forklift certificate") == canonical("Forklift licence") == canonical("wózek widłowy")
    assert canonical("Spawanie MIG/MAG") == canonical("mig/mag")
    assert canonical("Excel ") == canonical("MS Excel")


def test_the_import_loads_everything_keeps_the_keys_and_a_second_run_updates(fair, tmp_path):
    assert Employer.objects.count() == 2 and JobOffer.objects.filter(status="published").count() == 2
    assert CandidateProfile.objects.count() == 3
    assert set(CandidateProfile.objects.values_list("key", flat=True)) == {"c-taras", "c-olena", "c-hidden"}
    taras = CandidateProfile.objects.get(key="c-taras")
    assert taras.person.citizenship == "UA" and taras.person.region == "lower_silesia"
    assert taras.person.consents.filter(purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, withdrawn_at=None).exists()
    changed = copy.deepcopy(FAIR)
    changed["offers"][0]["city"] = "Oława"
    changed["candidates"][0]["consent"] = False
    path = tmp_path / "fair.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    call_command("import_jobfair", str(path))
    assert JobOffer.objects.count() == 2 and CandidateProfile.objects.count() == 3 and Person.objects.count() == 3
    assert JobOffer.objects.get(key="welder").city == "Oława"
    assert not taras.person.consents.filter(purpose="share_with_employers", withdrawn_at=None).exists()


@pytest.mark.parametrize(("path", "value", "where"), [
    (("employers", 0, "nip"), "1234567890", "employers[0].nip"),
    (("offers", 1, "isco"), "9999", "offers[1].isco"),
    (("offers", 0, "title"), {"pl": "  "}, "offers[0].title"),
    (("offers", 0, "polish_level"), "B3", "offers[0].polish_level"),
    (("offers", 1, "employer"), "nobody", "offers[1].employer"),
    (("candidates", 2, "languages"), [{"lang": "en", "level": "Z9"}], "candidates[2].languages[0].level"),
    (("candidates", 1, "occupations"), [{"isco": "7212", "years": -1}], "candidates[1].occupations[0].years"),
    (("candidates", 0, "consent"), "yes", "candidates[0].consent"),
])  # fmt: skip
def test_a_bad_item_is_reported_with_its_path_and_nothing_is_written(db, path, value, where):
    data = copy.deepcopy(FAIR)
    data[path[0]][path[1]][path[2]] = value
    with pytest.raises(ImportRefused) as refused:
        import_jobfair(data)
    assert any(line.startswith(f"{where}:") for line in refused.value.report.errors), refused.value.report.errors
    assert not Employer.objects.exists() and not JobOffer.objects.exists() and not CandidateProfile.objects.exists()
    assert not Person.objects.exists()


def test_the_command_says_what_is_wrong_and_fails(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"employers": [', encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON at line 1"):
        call_command("import_jobfair", str(path))


def test_the_jobs_api_lists_published_offers_with_id_key_and_filters(client, fair):
    body = client.get("/api/v1/jobs?lang=uk").json()
    assert body["count"] == 2 and {job["key"] for job in body["results"]} == {"welder", "cook"}
    welder = next(job for job in body["results"] if job["key"] == "welder")
    assert welder["id"] == JobOffer.objects.get(key="welder").pk and welder["employer"] == "Metal-Bud sp. z o.o."
    assert welder["title"] == "Spawacz MIG/MAG" and welder["isco"] == "7212"  # no Ukrainian title: Polish
    assert [job["key"] for job in client.get("/api/v1/jobs?occupation=72").json()["results"]] == ["welder"]
    assert [job["key"] for job in client.get("/api/v1/jobs?polish_level=A2").json()["results"]] == ["welder"]
    assert client.get("/api/v1/jobs?polish_level=D1").status_code == 422


def _bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="script", by=None)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_matches_rank_consenting_candidates_with_reasons_hard_requirements_first(client, fair):
    coordinator = make_staff("coordinator@example.org", Role.COORDINATOR)
    welder = JobOffer.objects.get(key="welder")
    response = client.get(f"/api/v1/jobs/{welder.pk}/matches?limit=10&lang=en", **_bearer(coordinator))
    results = response.json()["results"]
    assert [match["key"] for match in results] == ["c-taras", "c-olena"]  # c-hidden has not consented
    taras, olena = results
    assert taras["candidate"] == CandidateProfile.objects.get(key="c-taras").pk and taras["score"] > 1 > olena["score"]
    assert "Polish B1, the offer asks A2" in taras["reasons"]
    assert "6 years as Welders and flame cutters (ISCO 7212)" in taras["reasons"]
    assert "lives in Oleśnica, 25 km away" in taras["reasons"]
    assert "missing: forklift licence" in taras["reasons"]
    # Olena: her forklift certificate is the offer's licence; her Polish is below what it asks.
    assert "skills: MIG/MAG, forklift licence" in olena["reasons"]
    assert "Polish A1, the offer asks A2" in olena["reasons"]
    assert not any("Hidden" in reason or "Olena" in reason for match in results for reason in match["reasons"])


def test_matches_speak_the_readers_language(client, fair):
    coordinator = make_staff("coordinator@example.org", Role.COORDINATOR)
    welder = JobOffer.objects.get(key="welder")
    reasons = client.get(f"/api/v1/jobs/{welder.pk}/matches?lang=pl", **_bearer(coordinator)).json()["results"][0]
    with translation.override("pl"):
        assert isco.occupation_name("7212") in " ".join(reasons["reasons"])


def test_matches_are_for_the_programme_or_the_offers_own_employer_only(client, fair):
    welder = JobOffer.objects.get(key="welder")
    url = f"/api/v1/jobs/{welder.pk}/matches"
    assert client.get(url).status_code == 401
    own, other = make_staff("hr@metal.example", Role.EMPLOYER), make_staff("hr@odra.example", Role.EMPLOYER)
    Employer.objects.get(key="metal").accounts.add(own)
    Employer.objects.get(key="odra").accounts.add(other)
    assert client.get(url, **_bearer(own)).status_code == 200
    assert client.get(url, **_bearer(other)).status_code == 403
    assert client.get(url, **_bearer(make_staff("consultant@example.org", Role.CONSULTANT))).status_code == 403
    assert client.get("/api/v1/jobs/999999/matches", **_bearer(own)).status_code == 404


def test_withdrawing_consent_takes_the_candidate_out_of_every_ranking_at_once(client, fair):
    from restart.people.services import consent_withdraw

    taras = CandidateProfile.objects.get(key="c-taras")
    consent_withdraw(consent=taras.person.consents.get(purpose="share_with_employers"), by=None)
    welder = JobOffer.objects.get(key="welder")
    keys = [match.key for match in matching.rank_candidates(welder, matching_profiles())]
    assert keys == ["c-olena"]


def test_a_changed_profile_is_ranked_as_it_now_is_not_as_it_was_read_before(fair):
    """Matching keeps what it derived from each profile between calls; a save must show at once."""
    from restart.jobfair.services import profile_save

    welder = JobOffer.objects.get(key="welder")
    first = {match.key: match for match in matching.rank_candidates(welder, matching_profiles())}
    assert first["c-olena"].meets_requirements is False  # A1, the offer asks A2
    olena = CandidateProfile.objects.get(key="c-olena")
    profile_save(profile=olena, share=True, data={
        "occupations": olena.occupations, "wanted_occupations": [], "skills": ["MIG/MAG", "forklift licence"],
        "polish_level": "B2", "languages": [], "city": "Wrocław"})  # fmt: skip
    again = {match.key: match for match in matching.rank_candidates(welder, matching_profiles())}
    assert again["c-olena"].meets_requirements is True and again["c-olena"].score > first["c-olena"].score
    olena.person.consents.filter(purpose="share_with_employers").update(withdrawn_at="2026-01-01T00:00Z")
    assert "c-olena" not in {match.key for match in matching.rank_candidates(welder, matching_profiles())}


def matching_profiles():
    from restart.jobfair.selectors import consenting_profiles

    return consenting_profiles()


def test_a_page_far_beyond_the_end_is_empty_not_an_error(client, fair):
    assert client.get("/api/v1/jobs?offset=234474685540353048576").status_code == 422
    assert client.get("/api/v1/jobs?offset=1000000000").json()["results"] == []


def test_job_seekers_see_the_published_offers_in_their_language_and_filter_them(client, fair):
    JobOffer.objects.filter(key="cook").update(status="pending")  # not approved yet: not shown
    page = client.get("/uk/job-fair/").content.decode()
    assert "Spawacz MIG/MAG" in page and "Кухар" not in page and "Kucharz" not in page
    welder = JobOffer.objects.get(key="welder")
    detail = client.get(f"/uk/job-fair/offers/{welder.pk}/").content.decode()
    with translation.override("uk"):
        assert isco.occupation_name("7212") in detail
    assert client.get(f"/uk/job-fair/offers/{JobOffer.objects.get(key='cook').pk}/").status_code == 404
    assert "Spawacz" not in client.get("/uk/job-fair/?field=5").content.decode()
    assert "Spawacz" in client.get("/uk/job-fair/?polish_level=B1&city=wrocław").content.decode()


def test_an_employer_registers_is_approved_posts_an_offer_and_sees_matches_without_names(client, fair):
    from django.core import mail
    from django.urls import reverse

    from tests.conftest import run_worker, sign_in

    with translation.override("en"):
        register = reverse("jobfair:register")
    form = {"name": "Logistyka Bielany", "nip": "123-456-32-18", "sector": "logistics", "size": "medium",
            "city": "Kobierzyce", "contact_name": "Anna Nowak", "contact_email": "anna@bielany.example"}  # fmt: skip
    bad = client.post(register, {**form, "nip": "1234567890"}).content.decode()
    assert "check digit" in bad and 'value="Logistyka Bielany"' in bad and not Employer.objects.filter(
        organization__name="Logistyka Bielany").exists()  # fmt: skip
    assert client.post(register, form).status_code == 200
    employer = Employer.objects.get(organization__name="Logistyka Bielany")
    assert employer.status == "pending" and not employer.accounts.exists()
    coordinator = make_staff("coordinator@example.org", Role.COORDINATOR)
    sign_in(client, coordinator)
    client.post(reverse("jobfair_staff:employer_decide", args=[employer.pk]), {"decision": "approve"})
    employer.refresh_from_db()
    account = employer.accounts.get()
    assert employer.status == "approved" and account.email == "anna@bielany.example"
    run_worker()
    assert any(message.to == ["anna@bielany.example"] for message in mail.outbox)

    client.logout()
    account.set_password("a-long-Passw0rd!")
    account.save()
    sign_in(client, account)
    with translation.override("en"):
        new = reverse("jobfair_staff:offer_create")
    offer = {"employer": employer.pk, "title_pl": "Operator wózka widłowego", "isco": "8344", "city": "Kobierzyce",
             "contract": "employment", "polish_level": "A1", "min_experience_years": "1",
             "skills": "uprawnienia UDT na wózek widłowy", "pay_min": "6000", "pay_max": "5000"}  # fmt: skip
    upside_down = client.post(new, offer).content.decode()
    assert "below the lower end" in upside_down and 'value="Operator wózka widłowego"' in upside_down
    no_title = client.post(new, {**offer, "title_pl": "", "pay_max": "7000"}).content.decode()
    assert "at least one language" in no_title
    created = client.post(new, {**offer, "pay_max": "7000"})
    posted = JobOffer.objects.get(titles__pl="Operator wózka widłowego")
    assert created.status_code == 302 and posted.status == "pending"
    assert client.get("/api/v1/jobs?occupation=8344").json()["count"] == 0  # not before approval
    client.logout()
    sign_in(client, coordinator)
    client.post(reverse("jobfair_staff:offer_decide", args=[posted.pk]), {"decision": "approve"})
    assert client.get("/api/v1/jobs?occupation=8344").json()["count"] == 1
    client.logout()
    sign_in(client, account)
    with translation.override("en"):
        page = client.get(reverse("jobfair_staff:offer", args=[posted.pk])).content.decode()
    olena = CandidateProfile.objects.get(key="c-olena")
    assert f"Candidate #{olena.pk}" in page and "skills: uprawnienia UDT na wózek widłowy" in page
    assert "Olena" not in page and "Bondar" not in page and "Hidden" not in page
    other = JobOffer.objects.get(key="cook")
    assert client.get(reverse("jobfair_staff:offer", args=[other.pk])).status_code == 404


def test_a_job_seeker_starts_a_profile_fills_it_in_by_the_private_link_and_decides_who_sees_it(client, fair):
    from django.core import mail
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from restart.jobfair import links
    from tests.conftest import run_worker

    with translation.override("uk"):
        start = reverse("jobfair:candidate_start")
    client.post(start, {"full_name": "Ірина Коваль", "email": "iryna@example.org", "consent": "on"})
    profile = CandidateProfile.objects.get(person__email="iryna@example.org")
    run_worker()
    (message,) = [m for m in mail.outbox if m.to == ["iryna@example.org"]]
    url = re.search(r"https?://[^/\s]+(/uk/job-fair/profile/\S+/)", message.body).group(1)  # the mail's own link
    form = {"occupation_1": "8344", "years_1": "4", "wanted_1": "8344", "polish_level": "A2",
            "skills": "навантажувач, склад", "city": "Wrocław", "share": "on"}  # fmt: skip
    fake = SimpleUploadedFile("Iryna Koval CV.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    refused = client.post(url, {**form, "cv": fake}).content.decode()
    with translation.override("uk"):
        assert gettext("The CV must be a PDF file (save or export it as PDF).") in refused
    assert not services_sharing(profile)  # nothing saved with a bad file
    pdf = SimpleUploadedFile("Iryna Koval CV.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    assert client.post(url, {**form, "cv": pdf}).status_code == 302
    profile.refresh_from_db()
    assert profile.occupations == [{"isco": "8344", "years": 4}] and "Iryna" not in profile.cv.name
    assert services_sharing(profile)
    cv = client.get(reverse("jobfair:profile_cv", args=[links.profile_token(profile)]))
    assert cv["Content-Type"] == "application/pdf" and b"".join(cv.streaming_content).startswith(b"%PDF")
    # Withdrawing: out of the ranking at once.
    client.post(url, {**form, "share": ""})
    assert not services_sharing(profile)
    assert client.get(reverse("jobfair:profile", args=["forged-token"])).status_code == 404


def services_sharing(profile) -> bool:
    from restart.jobfair.services import sharing

    return sharing(profile)


def test_a_consultant_reaches_the_candidate_profile_from_the_persons_page(client, fair):
    from django.urls import reverse

    from tests.conftest import sign_in

    consultant = make_staff("consultant@example.org", Role.CONSULTANT)
    taras = CandidateProfile.objects.get(key="c-taras").person
    sign_in(client, consultant)
    page = client.get(reverse("people:detail", args=[taras.pk])).content.decode()
    assert reverse("jobfair_staff:candidate", args=[taras.pk]) in page
    assert client.get(reverse("jobfair_staff:candidate", args=[taras.pk])).status_code == 200


def test_an_imported_employer_is_audited_like_one_entered_by_hand(fair):
    from restart.core.models import AuditEvent

    organization = Employer.objects.get(key="metal").organization
    assert AuditEvent.objects.filter(action="organization.create", object_id=str(organization.pk)).exists()


def test_saving_a_published_offer_unchanged_keeps_it_published_and_a_change_sends_it_back(fair):
    from restart.jobfair.forms import OfferForm
    from restart.jobfair.services import offer_save

    welder = JobOffer.objects.get(key="welder")
    form = OfferForm(data={k: v for k, v in OfferForm.initial_for(welder).items() if v not in (None, False)})
    assert form.is_valid(), form.errors
    offer_save(employer=welder.employer, offer=welder, data=form.offer_data(), by=None)
    welder.refresh_from_db()
    assert welder.status == "published"
    offer_save(employer=welder.employer, offer=welder, data={**form.offer_data(), "city": "Oława"}, by=None)
    welder.refresh_from_db()
    assert welder.status == "pending" and welder.city == "Oława"
