"""The activity ledger carries a status, start and end dates and a snapshot of the person.

Existing rows get: status from `attended` (a row not attended is "absent" when past and
"registered" when still ahead; the information point's own migration refines its rows from
the consultations), the end date = the start date, and the snapshot taken from the person's
record as it is now — the best that can be known about the past at this point.
"""

import datetime

from django.db import migrations, models
from django.utils import timezone

SENSITIVE_FIELDS = ("birth_date", "sex", "citizenship", "residence_status")


def fill(apps, schema_editor):
    from restart.people import eligibility, ledger

    Participation = apps.get_model("people", "Participation")
    Person = apps.get_model("people", "Person")
    today = timezone.localdate()
    people = {}
    for row in Participation.objects.order_by("pk").iterator():
        person = people.get(row.person_id)
        if person is None:
            person = people[row.person_id] = _Historic(Person.objects.get(pk=row.person_id))
        if row.attended:
            row.status = "attended"
        else:
            row.status = "registered" if row.starts_on > today else "absent"
        row.ends_on = row.starts_on
        assessment = eligibility.assess(person, on=row.starts_on)
        row.third_country_national = assessment.third_country_national
        row.eligible = assessment.eligible
        row.eligibility_code = assessment.code
        row.residence_status = person.residence_status
        row.target_group = person.target_group
        row.sex = person.sex
        row.age_band = ledger.age_band(ledger.age_on(person, row.starts_on))
        row.citizenship = (person.citizenship or person.second_citizenship or "")[:2]
        row.refused = [item for item in SENSITIVE_FIELDS if item in (person.refused or [])]
        row.snapshot_on = today
        row.save()


class _Historic:
    """The historical Person model plus what the eligibility rules read from a Person."""

    def __init__(self, person):
        self._person = person

    def __getattr__(self, name):
        return getattr(self._person, name)

    @property
    def citizenships(self):
        return [code for code in (self.citizenship, self.second_citizenship) if code]

    def has_refused(self, field):
        return field in (self.refused or [])

    def get_residence_status_display(self):
        return self.residence_status

    def get_region_display(self):
        return self.region

    def assess(self, on: datetime.date):
        from restart.people import eligibility

        return eligibility.assess(self, on)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.RemoveIndex(model_name="participation", name="people_part_person__195ad9_idx"),
        migrations.RenameField(model_name="participation", old_name="date", new_name="starts_on"),
        migrations.AddField(
            model_name="participation",
            name="status",
            field=models.CharField(
                choices=[("registered", "registered"), ("waitlisted", "on the waiting list"), ("attended", "took part"),
                         ("absent", "did not come"), ("cancelled", "cancelled")],
                default="registered", max_length=12, verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="participation", name="ends_on", field=models.DateField(null=True, verbose_name="ends on")
        ),
        migrations.AddField(
            model_name="participation",
            name="third_country_national",
            field=models.BooleanField(default=False, verbose_name="third-country national"),
        ),
        migrations.AddField(
            model_name="participation", name="eligible", field=models.BooleanField(default=False, verbose_name="eligible")
        ),
        migrations.AddField(
            model_name="participation",
            name="eligibility_code",
            field=models.CharField(
                choices=[("eligible", "eligible"), ("citizenship_unknown", "citizenship not known yet"),
                         ("citizenship_refused", "citizenship refused"),
                         ("eu_citizen", "citizen of the EU, EEA or Switzerland"),
                         ("stay_unknown", "residence status not known yet"),
                         ("stay_refused", "residence status refused"), ("no_legal_stay", "no legal stay recorded"),
                         ("stay_expired", "residence permit expired"),
                         ("region_unknown", "place of residence not known yet"),
                         ("outside_region", "lives outside the region")],
                default="citizenship_unknown", max_length=24, verbose_name="eligibility",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="residence_status",
            field=models.CharField(
                choices=[("visa", "visa"), ("visa_free", "visa-free stay"),
                         ("temporary_residence", "temporary residence permit"),
                         ("permanent_residence", "permanent residence permit"),
                         ("eu_long_term", "EU long-term resident"),
                         ("temporary_protection", "temporary protection (UKR)"),
                         ("international_protection", "international protection"),
                         ("citizen", "Polish or EU citizen"), ("other", "other"), ("unknown", "unknown")],
                default="unknown", max_length=30, verbose_name="residence status",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="target_group",
            field=models.CharField(
                choices=[("tcn", "third-country national"), ("employer", "host society: employer"),
                         ("teacher", "host society: teacher"), ("pupil", "host society: pupil"),
                         ("parent", "host society: parent"), ("professional", "professional working with migrants")],
                default="tcn", max_length=20, verbose_name="target group",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="sex",
            field=models.CharField(
                choices=[("female", "female"), ("male", "male"), ("non_binary", "non-binary"),
                         ("not_stated", "not stated")],
                default="not_stated", max_length=12, verbose_name="sex",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="age_band",
            field=models.CharField(
                choices=[("0-17", "0–17"), ("18-29", "18–29"), ("30-54", "30–54"), ("55+", "55 and over"),
                         ("unknown", "unknown")],
                default="unknown", max_length=8, verbose_name="age band",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="citizenship",
            field=models.CharField(blank=True, max_length=2, verbose_name="citizenship"),
        ),
        migrations.AddField(
            model_name="participation",
            name="refused",
            field=models.JSONField(blank=True, default=list, verbose_name="refused to give"),
        ),
        migrations.AddField(
            model_name="participation",
            name="snapshot_on",
            field=models.DateField(blank=True, null=True, verbose_name="snapshot taken on"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="participation",
            name="ends_on",
            field=models.DateField(db_index=True, verbose_name="ends on"),
        ),
        migrations.AlterField(
            model_name="participation",
            name="starts_on",
            field=models.DateField(db_index=True, verbose_name="starts on"),
        ),
        migrations.RemoveField(model_name="participation", name="attended"),
        migrations.RemoveField(model_name="participation", name="title"),
        migrations.AlterModelOptions(
            name="participation",
            options={"ordering": ["-starts_on", "-id"], "verbose_name": "participation",
                     "verbose_name_plural": "participations"},
        ),
        migrations.AddIndex(
            model_name="participation",
            index=models.Index(fields=["person", "starts_on"], name="people_part_person__e02e58_idx"),
        ),
        migrations.AddIndex(
            model_name="participation",
            index=models.Index(fields=["status", "starts_on", "ends_on"], name="people_part_status_d229d7_idx"),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))), name="participation_ends_after_start"
            ),
        ),
    ]
