"""Ledger rows of consultations take their status from the consultation itself."""

from django.db import migrations

LEDGER_STATUS = {"booked": "registered", "attended": "attended", "no_show": "absent", "cancelled": "cancelled"}


def refine(apps, schema_editor):
    Consultation = apps.get_model("infopoint", "Consultation")
    Participation = apps.get_model("people", "Participation")
    rows = Participation.objects.filter(source_type="infopoint.consultation")
    statuses = dict(Consultation.objects.values_list("pk", "status"))
    for row in rows.iterator():
        status = statuses.get(int(row.source_id)) if row.source_id.isdigit() else None
        if status and row.status != LEDGER_STATUS[status]:
            row.status = LEDGER_STATUS[status]
            row.save(update_fields=["status"])


class Migration(migrations.Migration):
    dependencies = [("infopoint", "0002_load_topics"), ("people", "0002_ledger_status_dates_snapshot")]

    operations = [migrations.RunPython(refine, migrations.RunPython.noop)]
