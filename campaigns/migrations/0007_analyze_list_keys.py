from django.db import migrations


def analyze(apps, schema_editor):
    """Fresh statistics for the list keys 0005 filled: until autovacuum gets to them, the planner took every plan
    year for a rare value and sorted a plan's 44,000 rows instead of reading the list-order index."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE campaigns_pledge, campaigns_resultreport")


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0006_public_exemplar_index")]

    operations = [migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True)]
