from django.db import migrations


def load(apps, schema_editor):
    from awards.catalog import load_catalog

    load_catalog(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_catalog_and_review")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
