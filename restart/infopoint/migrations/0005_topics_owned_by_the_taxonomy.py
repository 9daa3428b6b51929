"""Consultations point at the taxonomy's Topic; the information point's own Topic leaves the state.
Nothing changes in the database: the table and its rows stay."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("infopoint", "0004_contact_details"), ("topics", "0001_initial"), ("knowledge", "0002_topic_from_the_taxonomy")
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="consultation",
                    name="topics",
                    field=models.ManyToManyField(blank=True, related_name="consultations", to="topics.topic",
                                                 verbose_name="topics"),
                ),
                migrations.DeleteModel(name="Topic"),
            ],
            database_operations=[],
        ),
    ]
