"""Articles point at the taxonomy's Topic (same table, so nothing changes in the database)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial"), ("topics", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="topic",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                            related_name="articles", to="topics.topic", verbose_name="topic"),
                ),
            ],
            database_operations=[],
        ),
    ]
