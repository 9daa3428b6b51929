"""The audit trail as managers read it: sentences, a filter by actions, a CSV export."""

import csv
import io
import re
from pathlib import Path

from restart.core.audit import AUDIT_ACTIONS, audit_record
from restart.core.models import AuditEvent
from tests.people_factories import make_person

ROOT = Path(__file__).resolve().parent.parent


def test_every_action_the_code_writes_has_a_translated_sentence():
    written, pattern = set(), r'action(?:=|: str =)\s*("[a-z_.]+"(?: if [^"\n]+ else "[a-z_.]+")?)'
    for path in (ROOT / "restart").rglob("*.py"):
        for found in re.findall(pattern, path.read_text()):
            written |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', found))
    assert written, "the scan should find the codes"
    assert written - set(AUDIT_ACTIONS) == set()


def test_the_trail_shows_sentences_in_the_readers_language_with_a_link_to_the_person(manager_client, manager):
    person = make_person(full_name="Iryna Bondar")
    audit_record(actor=manager, action="person.view", obj=person)
    html = manager_client.get("/uk/staff/audit/").content.decode()
    assert "<code>person.view" not in html
    assert f'<a href="/uk/staff/people/{person.pk}/">#{person.pk} Iryna Bondar</a>' in html
    english = manager_client.get("/en/staff/audit/").content.decode()
    assert "viewed the record of <a" in english


def test_an_unknown_action_code_is_shown_as_the_code(manager_client, manager):
    audit_record(actor=manager, action="future.thing", obj=manager)
    assert "<code>future.thing</code>" in manager_client.get("/en/staff/audit/").content.decode()


def test_names_in_the_trail_are_escaped(manager_client, manager):
    manager.full_name = "<script>x</script>"
    manager.save()
    audit_record(actor=manager, action="staff.update", obj=manager)
    html = manager_client.get("/en/staff/audit/").content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_the_trail_filters_by_several_actions(manager_client, manager):
    person = make_person()
    for action in ("person.view", "person.export", "person.update"):
        audit_record(actor=manager, action=action, obj=person)
    page = manager_client.get("/en/staff/audit/", {"actions": ["person.view", "person.export"]})
    events = list(page.context["page"].object_list)
    assert sorted(e.action for e in events) == ["person.export", "person.view"]
    html = page.content.decode()
    assert 'value="person.view"' in html and "exported the data of …" in html  # the translated labels


def test_an_unknown_action_in_the_filter_is_a_message_not_an_error(manager_client):
    response = manager_client.get("/en/staff/audit/", {"actions": ["nope"]})
    assert response.status_code == 200


def test_the_filtered_trail_downloads_as_csv_and_the_export_is_audited(manager_client, manager):
    person = make_person(full_name="=HYPERLINK(1)")
    audit_record(actor=manager, action="person.view", obj=person)
    audit_record(actor=manager, action="person.update", obj=person)
    response = manager_client.get("/en/staff/audit/export.csv", {"actions": ["person.view"]})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["When", "Who", "What happened"]
    assert [row[3] for row in rows[1:]] == ["person.view"]
    assert rows[1][2].startswith("viewed the record of")
    export = AuditEvent.objects.get(action="audit.export")
    assert export.actor == manager and export.details == {"filters": {"actions": ["person.view"]}, "rows": 1}


def test_a_formula_in_a_csv_cell_is_defused(manager_client, manager):
    manager.full_name = "=cmd|' /C calc'!A0"
    manager.save()
    audit_record(actor=manager, action="staff.update", obj=manager)
    response = manager_client.get("/en/staff/audit/export.csv", {"actions": ["staff.update"]})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1].startswith("'=")
