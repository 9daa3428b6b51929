"""The reports app's privacy steps and ledger titles: a person's imported past activities."""

from django.utils.translation import gettext as _

from restart.core.privacy import ExportSection, PrivacySteps
from restart.people.ledger import SourceLabel
from restart.reports.models import ImportedActivity


def export_imported(person, viewer) -> list[ExportSection]:
    rows = [{"title": activity.title, "kind": activity.kind, "file": activity.batch.file_name,
             "levels": " → ".join(level for level in (activity.entry_level, activity.exit_level) if level)}
            for activity in ImportedActivity.objects.filter(person=person).select_related("batch")]  # fmt: skip
    return [ExportSection(key="imported_activities", title=_("Past activities imported from a file"), rows=rows,
                          columns=[("title", _("Activity")), ("kind", _("Kind")), ("file", _("File")),
                                   ("levels", _("Language levels"))])]  # fmt: skip


def forget_imported(person, identity, by, request) -> None:
    """Nothing written freely about the person: a title names an activity, not them."""


def merge_imported(survivor, duplicate, by, request) -> None:
    ImportedActivity.objects.filter(person=duplicate).update(person=survivor)


REPORTS_STEPS = PrivacySteps(app_label="reports", export=export_imported, erase=forget_imported,
                             merge=merge_imported, order=170)  # fmt: skip


def imported_labels(ids: list[str], user) -> dict[str, SourceLabel]:
    """How a person's page names an imported activity (registered in apps.py)."""
    numbers = [int(pk) for pk in ids if pk.isdigit()]
    return {str(activity.pk): SourceLabel(title=_("%(title)s (imported)") % {"title": activity.title})
            for activity in ImportedActivity.objects.filter(pk__in=numbers)}  # fmt: skip
