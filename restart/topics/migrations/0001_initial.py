"""The topic taxonomy gets an owner of its own (the information point and the knowledge base
both use it). The table stays where the information point created it: state only."""

import django.db.models.deletion
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="topics", model="topic").exists():
        ContentType.objects.filter(app_label="infopoint", model="topic").update(app_label="topics")


def content_type_returns(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="topics", model="topic").update(app_label="infopoint")


class Migration(migrations.Migration):
    initial = True

    dependencies = [("infopoint", "0004_contact_details"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Topic",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("slug", models.SlugField(unique=True, verbose_name="code")),
                        ("names", models.JSONField(default=dict, help_text="One name per language code.", verbose_name="names")),
                        ("is_employment", models.BooleanField(default=False, help_text="Counts as professional guidance in the funder's report.", verbose_name="employment topic")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                        ("active", models.BooleanField(default=True, verbose_name="active")),
                        ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="children", to="topics.topic", verbose_name="parent topic")),
                    ],
                    options={"verbose_name": "topic", "verbose_name_plural": "topics", "ordering": ["position", "slug"],
                             "db_table": "infopoint_topic"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
