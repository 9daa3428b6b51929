"""The funder's report (issue 12) on a fixture built by hand: people in several modules, overlaps,
refusals, the host society, a person erased after the period, a language course that improved a
level. Every expected figure below was counted by hand from the fixture, not by the code."""

import datetime

import pytest
from django.utils import translation

from restart.campaign.models import Material
from restart.people.models import Organization, Participation
from restart.people.services import gdpr, participation_record, person_update
from restart.reports.definitions import DefinitionError, parse
from restart.reports.indicators import amif_report
from tests.people_factories import make_person

START, END, TODAY = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 7, 15)
D = datetime.date


def _took_part(person, kind, starts_on, ends_on=None, status="attended", **flags):
    """One ledger row, written as a module writes it (the source is any object of its own)."""
    source = Organization.objects.create(name=f"activity {Organization.objects.count()}")
    return participation_record(person=person, kind=kind, source=source, status=status, starts_on=starts_on,
                                ends_on=ends_on, **flags)  # fmt: skip


@pytest.fixture
def programme(db, manager):
    return build_programme(manager)


def build_programme(manager) -> dict:
    olena = make_person(full_name="Olena", birth_date=D(1990, 5, 17), sex="female", citizenship="UA",
                        residence_status="temporary_protection")  # fmt: skip
    _took_part(olena, "consultation", D(2026, 2, 10), professional_guidance=True, recognition_applied=True)
    _took_part(olena, "course", D(2026, 3, 1), D(2026, 6, 15), language_course=True, language_level_improved=True)
    _took_part(olena, "event", D(2026, 4, 1), civic_orientation=True, found_helpful=True)
    ivan = make_person(full_name="Ivan", birth_date=D(2009, 6, 1), sex="male", citizenship="BY",
                       residence_status="temporary_residence")  # fmt: skip
    _took_part(ivan, "event", D(2026, 1, 20))
    _took_part(ivan, "job_fair", D(2026, 5, 5), professional_guidance=True)
    _took_part(ivan, "consultation", D(2026, 3, 3), status="absent", recognition_applied=True)  # not counted
    aigerim = make_person(full_name="Aigerim", birth_date=None, sex="non_binary", citizenship="KZ",
                          residence_status="visa", refused=["birth_date"])  # fmt: skip
    _took_part(aigerim, "course", D(2026, 2, 1), D(2026, 5, 30), language_course=True)  # A2 → A2+: no level gained
    rustam = make_person(full_name="Rustam", birth_date=None, sex="not_stated", citizenship="UZ",
                         residence_status="visa", refused=["birth_date", "sex"])  # fmt: skip
    _took_part(rustam, "consultation", D(2026, 4, 4))
    petro = make_person(full_name="Petro", birth_date=D(1960, 3, 1), sex="male", citizenship="UA",
                        residence_status="permanent_residence")  # fmt: skip
    _took_part(petro, "consultation", D(2026, 6, 20), long_term_residence_applied=True)
    maria = make_person(full_name="Maria", birth_date=D(2000, 1, 1), sex="female", citizenship="UA",
                        residence_status="temporary_protection")  # fmt: skip
    _took_part(maria, "course", D(2025, 11, 1), D(2026, 1, 31), language_course=True)  # overlaps the start
    _took_part(maria, "event", D(2025, 10, 1))  # before the period
    _took_part(maria, "event", D(2026, 7, 1))  # after the period
    # Not counted: living abroad; an EU citizen; a row in the period but not begun by "today".
    _took_part(make_person(full_name="Abroad", region="abroad"), "consultation", D(2026, 2, 2))
    _took_part(make_person(full_name="Hans", citizenship="DE", residence_status="citizen"), "event", D(2026, 2, 2))
    # The host society, apart.
    teacher = make_person(full_name="Tomasz", citizenship="PL", residence_status="citizen", target_group="teacher")
    _took_part(teacher, "event", D(2026, 3, 10))
    employer = make_person(full_name="Anna", citizenship="PL", residence_status="citizen", target_group="employer")
    _took_part(employer, "job_fair", D(2026, 5, 5))
    # O.2.4: two information packages published in the period, one before it, one not a package.
    for published_on, package in ((D(2026, 2, 1), True), (D(2026, 6, 30), True), (D(2025, 12, 31), True),
                                  (D(2026, 3, 1), False)):  # fmt: skip
        Material.objects.create(titles={"pl": "Ulotka"}, file="campaign/materials/x.pdf", published_on=published_on,
                                is_information_package=package)  # fmt: skip
    # Erased after the period: their activities still count.
    gdpr.person_erase(person=petro, by=manager)
    return {"olena": olena, "ivan": ivan, "rustam": rustam, "maria": maria}


def _report(**kwargs) -> dict:
    with translation.override("en"):
        return amif_report(start=START, end=END, today=TODAY, **kwargs)


def _by_code(report: dict) -> dict:
    return {row["code"]: row for row in report["indicators"]}


def test_every_indicator_counts_what_was_counted_by_hand(programme):
    report = _report()
    assert report["from"] == "2026-01-01" and report["to"] == "2026-06-30"
    values = {code: row["value"] for code, row in _by_code(report).items()}
    assert values == {"O.2.3": 6, "O.2.3.1": 3, "O.2.3.2": 1, "O.2.3.3": 2, "O.2.4": 2, "R.2.8": 1, "R.2.9": 1,
                      "R.2.10": 1, "R.2.11": 1}  # fmt: skip
    assert report["host_society"] == {"employer": 1, "teacher": 1, "pupil": 0, "parent": 0, "professional": 0}
    o23 = _by_code(report)["O.2.3"]
    assert o23["label"] == "Number of participants in support activities" and o23["target"] is None


def test_the_breakdowns_of_participants_sum_to_the_value_and_modules_count_each_module(programme):
    breakdowns = _by_code(_report())["O.2.3"]["breakdowns"]
    assert breakdowns["sex"] == {"female": 2, "male": 2, "non_binary": 1, "not_stated": 1}
    assert breakdowns["age_band"] == {"0-17": 1, "18-29": 1, "30-54": 1, "55+": 1, "unknown": 2}
    assert breakdowns["citizenship"] == {"UA": 3, "BY": 1, "KZ": 1, "UZ": 1}
    residence = {key: n for key, n in breakdowns["residence_status"].items() if n}
    assert residence == {"temporary_protection": 2, "temporary_residence": 1, "visa": 2, "permanent_residence": 1}
    assert {key: n for key, n in breakdowns["target_group"].items() if n} == {"tcn": 6}
    assert breakdowns["module"] == {"consultation": 3, "course": 3, "event": 2, "job_fair": 1}
    courses = _by_code(_report())["O.2.3.1"]["breakdowns"]
    assert courses["sex"] == {"female": 2, "male": 0, "non_binary": 1, "not_stated": 0}
    assert courses["module"] == {"consultation": 0, "course": 3, "event": 0, "job_fair": 0}
    assert _by_code(_report())["O.2.4"]["breakdowns"] == {}


def test_corrections_restriction_and_erasure_change_no_figure_of_the_past(programme, manager):
    before = _report()
    olena = programme["olena"]
    person_update(person=olena, data={"sex": "male", "citizenship": "GE", "birth_date": D(1950, 1, 1)}, by=manager)
    gdpr.person_restrict(person=programme["ivan"], reason="asked", by=manager)
    gdpr.person_erase(person=programme["maria"], by=manager)
    assert _report() == before


def test_a_funders_variant_of_the_indicators_is_data_and_a_bad_one_is_refused_with_its_place():
    variant = parse({"indicators": [{"code": "X.1", "label": {"en": "Courses"}, "where": {"kind": ["course"]}}]})
    assert variant.get("X.1").where == {"kind": ["course"]} and variant.get("X.1").label("uk") == "Courses"
    with pytest.raises(DefinitionError, match=r"indicators\[0\].*cannot count by \['eye_colour'\]"):
        parse({"indicators": [{"code": "X.1", "label": {"en": "x"}, "where": {"eye_colour": True}}]})
    with pytest.raises(DefinitionError, match="repeated code"):
        parse({"indicators": [{"code": "A", "label": {"en": "a"}}, {"code": "A", "label": {"en": "b"}}]})


def test_a_variant_file_counts_by_its_own_rules(programme, settings, tmp_path):
    import json

    from restart.reports.definitions import definitions

    path = tmp_path / "variant.json"
    path.write_text(json.dumps({"indicators": [
        {"code": "COURSES", "label": {"en": "In a course"}, "where": {"kind": "course"}},
        {"code": "GUIDED", "label": {"en": "Guided at the fair"}, "where": {"kind": ["job_fair"],
                                                                           "professional_guidance": True}},
    ]}))  # fmt: skip
    settings.REPORT_INDICATORS = str(path)
    definitions.cache_clear()
    try:
        values = {row["code"]: row["value"] for row in _report()["indicators"]}
    finally:
        definitions.cache_clear()
    assert values == {"COURSES": 3, "GUIDED": 1}


def test_nothing_in_the_ledger_gives_zeros_not_an_error(db):
    report = _report()
    assert all(row["value"] == 0 for row in report["indicators"])
    assert _by_code(report)["O.2.3"]["breakdowns"]["sex"] == {"female": 0, "male": 0, "non_binary": 0,
                                                               "not_stated": 0}  # fmt: skip
    assert Participation.objects.count() == 0


def test_the_api_gives_the_same_json_to_a_manager_only(client, programme, manager, consultant):
    from restart.staff.services import api_token_create

    _token, raw = api_token_create(user=manager, name="funder", by=manager)
    response = client.get("/api/v1/reports/amif?from=2026-01-01&to=2026-06-30&lang=en",
                          headers={"Authorization": f"Bearer {raw}"})  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["from", "to", "indicators", "host_society"]
    assert {row["code"]: row["value"] for row in body["indicators"]}["O.2.3"] == 6
    assert list(body["indicators"][0]) == ["code", "label", "value", "target", "breakdowns"]
    _other, other_raw = api_token_create(user=consultant, name="x", by=manager)
    denied = client.get("/api/v1/reports/amif?from=2026-01-01&to=2026-06-30",
                        headers={"Authorization": f"Bearer {other_raw}"})  # fmt: skip
    assert denied.status_code == 403
    assert client.get("/api/v1/reports/amif?from=2026-01-01&to=2026-06-30").status_code == 401
    backwards = client.get("/api/v1/reports/amif?from=2026-06-30&to=2026-01-01",
                           headers={"Authorization": f"Bearer {raw}"})  # fmt: skip
    assert backwards.status_code == 422


def test_the_command_writes_json_xlsx_and_a_polish_pdf(programme, tmp_path):
    import io
    import json

    from django.core.management import call_command
    from openpyxl import load_workbook

    out = io.StringIO()
    call_command("amif_report", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "json",
                 "--language", "en", stdout=out)  # fmt: skip
    live = json.loads(out.getvalue())
    assert live["from"] == "2026-01-01" and len(live["indicators"]) == 9
    xlsx = tmp_path / "report.xlsx"
    call_command("amif_report", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "xlsx",
                 "--output", str(xlsx), "--language", "en", stderr=io.StringIO())  # fmt: skip
    book = load_workbook(xlsx)
    assert book.sheetnames[0] == "Summary" and "O.2.3" in book.sheetnames and "R.2.11" in book.sheetnames
    summary = {row[0]: row[2] for row in book["Summary"].iter_rows(min_row=4, values_only=True)}
    assert summary["O.2.3"] == live["indicators"][0]["value"] and summary["O.2.4"] == 2
    sheet = [row[:2] for row in book["O.2.3"].iter_rows(values_only=True)]
    assert ("female", 2) in sheet and ("Ukraine (UA)", 3) in sheet
    pdf = tmp_path / "report.pdf"
    call_command("amif_report", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "pdf",
                 "--output", str(pdf), stderr=io.StringIO())  # fmt: skip
    assert pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Funduszu Azylu, Migracji i Integracji" in text and "2026-01-01" in text and "O.2.3.3" in text


def test_a_closed_period_keeps_the_figures_the_funder_received(programme, manager):
    from restart.reports import services
    from restart.reports.models import ReportingPeriod

    period = services.period_save(data={"name": "2026 H1", "starts_on": START, "ends_on": END, "whole_project": False},
                                  by=manager)  # fmt: skip
    services.targets_save(period=period, values={"O.2.3": 10, "R.2.8": 4}, by=manager)
    reported = _report()
    assert _by_code(reported)["O.2.3"]["target"] == 10 and _by_code(reported)["O.2.3.1"]["target"] is None
    services.period_close(period=period, by=manager)
    # After closing: a status corrected in the period, a person's record corrected.
    rustam = programme["rustam"]
    row = Participation.objects.get(person=rustam)
    participation_record(person=rustam, kind="consultation", source=Organization.objects.get(
        pk=int(row.source_id)), status="absent", starts_on=row.starts_on)  # fmt: skip
    person_update(person=programme["olena"], data={"sex": "male"}, by=manager)
    assert _report() == reported  # the closed period, as reported
    live = amif_report(start=START, end=D(2026, 6, 29), today=TODAY)
    assert _by_code(live)["O.2.3"]["value"] == 5  # Rustam no longer counts in the live ledger
    services.period_reopen(period=ReportingPeriod.objects.get(pk=period.pk), by=manager)
    assert _by_code(_report())["O.2.3"]["value"] == 5


def test_the_dashboard_shows_the_figures_their_people_and_downloads_for_the_manager_only(client, programme,
                                                                                       manager, consultant):
    from tests.conftest import sign_in

    sign_in(client, consultant)
    assert client.get("/en/staff/reports/").status_code == 403
    client.logout()
    sign_in(client, manager)
    page = client.get("/en/staff/reports/?start=2026-01-01&end=2026-06-30")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Number of participants in support activities" in html and '<svg class="chart"' in html
    import re

    shown = dict(re.findall(r'<th scope="row">([OR]\.[\d.]+)</th>\s*<td class="number">(?:<a [^>]*>)?(\d+)', html))
    assert shown == {"O.2.3": "6", "O.2.3.1": "3", "O.2.3.2": "1", "O.2.3.3": "2", "O.2.4": "2", "R.2.8": "1",
                     "R.2.9": "1", "R.2.10": "1", "R.2.11": "1"}  # the figures counted by hand  # fmt: skip
    assert "code=O.2.3&amp;dimension=sex&amp;key=female" in html
    people = client.get("/en/staff/reports/people/?start=2026-01-01&end=2026-06-30&code=O.2.3&dimension=sex"
                        "&key=female").content.decode()  # fmt: skip
    assert "Olena" in people and "Maria" in people and "Ivan" not in people
    module = client.get("/en/staff/reports/people/?start=2026-01-01&end=2026-06-30&code=O.2.3&dimension=module"
                        "&key=job_fair").content.decode()  # fmt: skip
    assert "Ivan" in module and "Olena" not in module
    host = client.get("/en/staff/reports/people/?start=2026-01-01&end=2026-06-30&code=host_society"
                      "&dimension=host_society&key=teacher").content.decode()  # fmt: skip
    assert "Tomasz" in host
    xlsx = client.get("/en/staff/reports/download.xlsx?start=2026-01-01&end=2026-06-30")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    body = client.get("/en/staff/reports/download.json?start=2026-01-01&end=2026-06-30").json()
    assert body["from"] == "2026-01-01" and body["indicators"][0]["code"] == "O.2.3"
    bad = client.get("/en/staff/reports/?start=2026-06-30&end=2026-01-01")
    assert bad.status_code == 200 and "ends before it starts" in bad.content.decode()


def test_the_manager_sets_a_period_and_its_targets_then_closes_it(client, programme, manager):
    from tests.conftest import sign_in

    sign_in(client, manager)
    client.post("/en/staff/reports/periods/", {"name": "2026 H1", "starts_on": "2026-01-01", "ends_on": "2026-06-30"})
    from restart.reports.models import ReportingPeriod

    period = ReportingPeriod.objects.get(name="2026 H1")
    url = f"/en/staff/reports/periods/{period.pk}/"
    assert "O.2.3.3" in client.get(url).content.decode()
    client.post(url, {"action": "targets", "O.2.3": "12", "R.2.9": "abc"})  # refused, nothing saved
    assert not period.targets.exists()
    client.post(url, {"action": "targets", "O.2.3": "12"})
    assert dict(period.targets.values_list("code", "value")) == {"O.2.3": 12}
    page = client.get("/en/staff/reports/?start=2026-01-01&end=2026-06-30").content.decode()
    assert "50 %" in page  # 6 of 12
    client.post(url, {"action": "close"})
    period.refresh_from_db()
    assert period.closed_at and period.reported["indicators"]["O.2.3"]["value"] == 6


def test_completing_a_record_completes_the_breakdowns_of_open_periods_but_no_refusal(programme, manager):
    aigerim = Participation.objects.get(person__full_name="Aigerim").person
    rustam = programme["rustam"]
    before = _by_code(_report())["O.2.3"]["breakdowns"]["age_band"]
    assert before["unknown"] == 2
    person_update(person=aigerim, data={"birth_date": D(1998, 8, 8), "refused": []}, by=manager)
    person_update(person=rustam, data={"citizenship": "TJ"}, by=manager)  # known before: stays UZ
    after = _by_code(_report())["O.2.3"]["breakdowns"]
    assert after["age_band"]["unknown"] == 1 and after["age_band"]["18-29"] == 2
    assert after["citizenship"]["UZ"] == 1 and "TJ" not in after["citizenship"]


def test_data_quality_lists_the_records_missing_an_item_but_not_the_refusals(client, programme, manager):
    from restart.reports.quality import data_quality
    from tests.conftest import sign_in

    noname = make_person(full_name="Nobirth", birth_date=None, residence_status="temporary_protection")
    _took_part(noname, "event", D(2026, 3, 3))
    counts = {row["item"]: row["count"] for row in data_quality(start=START, end=END, today=TODAY)}
    # Aigerim and Rustam refused their birth date; Nobirth simply has none on record.
    assert counts == {"birth_date": 1, "sex": 0, "citizenship": 0, "residence_status": 0}
    sign_in(client, manager)
    page = client.get("/en/staff/reports/people/?start=2026-01-01&end=2026-06-30&missing=birth_date").content.decode()
    assert "Nobirth" in page and "Aigerim" not in page and f"/en/staff/people/{noname.pk}/edit/" in page
    person_update(person=noname, data={"birth_date": D(1985, 1, 1)}, by=manager)
    assert {row["item"]: row["count"] for row in data_quality(start=START, end=END, today=TODAY)}["birth_date"] == 0


def test_journeys_follow_each_cohort_from_the_first_visit_to_a_hire(client, programme, manager):
    from restart.reports.journeys import cohorts
    from tests.conftest import sign_in

    # Ivan was hired after his job-fair interview (the job fair writes this flag with the outcome).
    ivan_fair = Participation.objects.get(person=programme["ivan"], kind="job_fair")
    participation_record(person=programme["ivan"], kind="job_fair", source=Organization.objects.get(
        pk=int(ivan_fair.source_id)), status="attended", starts_on=ivan_fair.starts_on, professional_guidance=True,
        hired=True)  # fmt: skip
    found = {row["month"]: row for row in cohorts(start=START, end=END, today=TODAY)}
    # First came, third-country nationals only: Ivan in January (Maria in November 2025, before the
    # period); in February Olena, Aigerim and the person living abroad (not eligible for the funder,
    # but the programme's own journey); Hans, a German citizen, is not counted.
    assert found["2026-01"] == {"month": "2026-01", "came": 1, "consultation": 0, "course": 0, "event": 1,
                                "job_fair": 1, "interview": 1, "hired": 1}  # fmt: skip
    assert found["2026-02"]["came"] == 3 and found["2026-02"]["course"] == 2 and found["2026-02"]["consultation"] == 2
    assert "2025-11" not in found
    sign_in(client, manager)
    page = client.get("/en/staff/reports/people/?start=2026-01-01&end=2026-06-30&cohort=2026-01&step=hired")
    assert "Ivan" in page.content.decode()


def test_a_persons_page_shows_their_path_across_services_in_order(client, programme, manager):
    from tests.conftest import sign_in

    sign_in(client, manager)
    with translation.override("en"):
        page = client.get(f"/en/staff/people/{programme['olena'].pk}/").content.decode()
    path = page.split('<ol class="path">')[1].split("</ol>")[0]
    steps = [step for step in ("first consultation", "first language course", "first integration meeting")
             if step in path]  # fmt: skip
    assert steps == ["first consultation", "first language course", "first integration meeting"]
    assert path.index("first consultation") < path.index("first language course") < path.index("integration")


ACTIVITIES_HEADER = ("email,phone,kind,title,start_date,end_date,status,language_course,civic_orientation,"
                     "professional_guidance,recognition_applied,long_term_residence_applied,found_helpful,"
                     "entry_level,exit_level\n")
ACTIVITIES_CSV = ACTIVITIES_HEADER + """\
lesia@example.org,,course,Let's mów spring 2025,2025-03-01,2025-06-15,attended,1,0,0,0,0,1,pre-A1,A1
,+48 601 234 567,consultation,Legal stay,12.05.2025,,attended,0,0,0,0,1,,,
lesia@example.org,,event,Film screening,2025-04-04,,absent,,1,,,,,,
"""


def test_past_activities_are_imported_into_the_ledger_and_counted(manager, tmp_path):
    import io

    from django.core.management import CommandError, call_command

    lesia = make_person(full_name="Lesia", email="lesia@example.org", phone="")
    make_person(full_name="Bohdan", email="", phone="+48601234567")
    bad = tmp_path / "bad.csv"
    bad.write_text(ACTIVITIES_CSV.replace("12.05.2025", "2025-13-40").replace("pre-A1,A1", "pre-A1,Z9")
                   + "nobody@example.org,,course,X,2025-01-01,,attended,,,,,,,,\n", encoding="utf-8")  # fmt: skip
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="Nothing written"):
        call_command("import_activities", str(bad), stdout=out)
    errors = out.getvalue()
    assert "Line 2: exit_level: a CEFR level" in errors and "Line 3: start_date" in errors
    assert "Line 5: No registered person" in errors and not Participation.objects.exists()
    good = tmp_path / "past.csv"
    good.write_text(ACTIVITIES_CSV, encoding="utf-8")
    call_command("import_activities", str(good), stdout=io.StringIO())
    course = Participation.objects.get(person=lesia, kind="course")
    assert course.language_level_improved and course.language_course and course.found_helpful
    assert course.eligible and course.source_type == "reports.importedactivity"
    report = {row["code"]: row["value"] for row in amif_report(start=D(2025, 1, 1), end=D(2025, 12, 31),
                                                                 today=TODAY)["indicators"]}  # fmt: skip
    assert report["O.2.3"] == 2 and report["R.2.8"] == 1 and report["R.2.11"] == 1 and report["O.2.3.2"] == 0


def test_the_upload_page_imports_past_activities_or_lists_the_bad_lines(client, manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import sign_in

    make_person(full_name="Lesia", email="lesia@example.org", phone="")
    make_person(full_name="Bohdan", email="", phone="+48601234567")
    sign_in(client, manager)
    bad = SimpleUploadedFile("past.csv", (ACTIVITIES_CSV + "x@example.org,,party,X,2025-01-01,,attended,,,,,,,,\n")
                             .encode(), content_type="text/csv")  # fmt: skip
    page = client.post("/en/staff/reports/import/", {"file": bad}).content.decode()
    assert "Nothing was imported" in page and "Line 5" in page and not Participation.objects.exists()
    good = SimpleUploadedFile("past.csv", ACTIVITIES_CSV.encode(), content_type="text/csv")
    page = client.post("/en/staff/reports/import/", {"file": good}).content.decode()
    assert "3 activities written to the ledger" in page and Participation.objects.count() == 3
