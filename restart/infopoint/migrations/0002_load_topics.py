from django.db import migrations


def load(apps, schema_editor):
    from restart.topics.taxonomy import load_topics

    load_topics(apps.get_model("infopoint", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("infopoint", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
