"""Importing people: all rows or nothing, bad rows named by line, duplicates not created twice."""

import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from restart.core.models import AuditEvent
from restart.people.models import Person
from tests.conftest import sign_in
from tests.people_factories import make_person

HEADER = "full_name,email,phone,citizenship,birth_date,sex,residence_status,municipality\n"
GOOD_1 = "Olena Kovalenko,olena@example.org,601234567,UA,1990-05-17,female,temporary_protection,Wrocław\n"
BAD = "Giorgi Beridze,giorgi@example.org,12,QQ,2099-01-01,male,visa_free,Oława\n"
GOOD_2 = "Priya Sharma,priya@example.org,+48 700 100 200,IN,1994-11-02,female,temporary_residence,Wrocław\n"


@pytest.fixture(autouse=True)
def _english():
    # The command speaks the site's default language; these tests read it in English.
    with translation.override("en"):
        yield


def _csv(tmp_path, text: str, encoding="utf-8"):
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_a_bad_row_in_the_middle_stops_the_whole_file(tmp_path, db):
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing written"):
        call_command("import_people", _csv(tmp_path, HEADER + GOOD_1 + BAD + GOOD_2), stdout=out, stderr=StringIO())
    report = out.getvalue()
    assert "Line 3: phone" in report and "Line 3: citizenship" in report and "Line 3: birth_date" in report
    assert "Line 2" not in report and "Line 4" not in report
    assert Person.objects.count() == 0


def test_partial_writes_the_valid_rows(tmp_path, db):
    err = StringIO()
    call_command("import_people", _csv(tmp_path, HEADER + GOOD_1 + BAD + GOOD_2), "--partial", stdout=StringIO(),
                 stderr=err)  # fmt: skip
    assert sorted(Person.objects.values_list("full_name", flat=True)) == ["Olena Kovalenko", "Priya Sharma"]
    assert Person.objects.get(full_name="Priya Sharma").phone == "+48700100200"
    assert "[" in err.getvalue() and "2/3" not in err.getvalue() and "3/3" in err.getvalue()  # the progress bar
    assert AuditEvent.objects.filter(action="person.import").count() == 2


def test_existing_people_and_repeated_rows_are_reported_not_created_twice(tmp_path, db):
    existing = make_person(full_name="Олена Коваленко", email="OLENA@example.org")
    out = StringIO()
    text = HEADER + GOOD_1 + GOOD_2 + GOOD_2.replace("Priya Sharma", "P. Sharma")
    call_command("import_people", _csv(tmp_path, text), stdout=out, stderr=StringIO())
    assert f"Line 2: same person as #{existing.pk}" in out.getvalue()
    assert "Line 4: same person as line 3" in out.getvalue()
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((HEADER + GOOD_1).encode("cp1250"), "UTF-8"),
        (b"email,phone\nx@example.org,601234567\n", "full_name"),
        (b"full_name,shoe_size\nOlena,38\n", "shoe_size"),
        (b"full_name\n", "no rows"),
        (b"", "empty"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_reason(tmp_path, db, content, message):
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_people", str(path), stdout=StringIO(), stderr=StringIO())


def test_excel_files_import_the_same_way(tmp_path, db):
    book = Workbook()
    sheet = book.active
    sheet.append(["full_name", "citizenship", "birth_date", "phone"])
    sheet.append(["Aziz Karimov", "UZ", None, 48601234567])
    path = tmp_path / "people.xlsx"
    book.save(path)
    call_command("import_people", str(path), stdout=StringIO(), stderr=StringIO())
    person = Person.objects.get()
    assert (person.full_name, person.citizenship, person.phone) == ("Aziz Karimov", "UZ", "+48601234567")


def test_staff_upload_shows_the_report_in_their_language(client, consultant):
    sign_in(client, consultant)
    upload = SimpleUploadedFile("people.csv", (HEADER + GOOD_1 + BAD).encode())
    response = client.post("/uk/staff/people/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3" in html and Person.objects.count() == 0
    wrong = SimpleUploadedFile("people.csv", io.BytesIO((HEADER + GOOD_1).encode("cp1250")).read())
    html = client.post(reverse("people:import"), {"file": wrong}).content.decode()
    assert "field--error" in html and "UTF-8" in html
    ok = SimpleUploadedFile("people.csv", (HEADER + GOOD_1).encode())
    client.post(reverse("people:import"), {"file": ok})
    assert Person.objects.count() == 1


def test_the_import_page_offers_a_template_that_imports_as_downloaded(client, db, consultant):
    sign_in(client, consultant)
    page = client.get(reverse("people:import")).content.decode()
    assert 'href="?download=template"' in page
    response = client.get(reverse("people:import"), {"download": "template"})
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    template = response.content
    header = template.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("full_name,given_name,family_name,") and header.endswith("refused,notes")

    upload = SimpleUploadedFile("people-import-template.csv", template, content_type="text/csv")
    client.post(reverse("people:import"), {"file": upload})
    assert Person.objects.get().full_name == "Olena Kovalenko"


def test_the_import_page_lists_the_allowed_values_the_import_checks(client, db, consultant):
    sign_in(client, consultant)
    html = client.get("/en/staff/people/import/").content.decode()
    for code in ("temporary_protection", "international_protection", "lower_silesia", "non_binary", "professional"):
        assert f"<code>{code}</code>" in html
    assert "Temporary protection" in html or "temporary protection" in html  # with its label
    assert "XX for a stateless person" in html
    # A value from outside that list is what the import refuses.
    upload = SimpleUploadedFile("p.csv", b"full_name,residence_status\nAnna,refugee\n", content_type="text/csv")
    assert "residence_status" in client.post("/en/staff/people/import/", {"file": upload}).content.decode()
    assert not Person.objects.exists()
