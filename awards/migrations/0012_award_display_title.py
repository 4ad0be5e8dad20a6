"""The award's printed title (Award.display_title), separate from the catalog's name: "Giấy khen" for both the
individual and the collective Giấy khen, so a certificate and a decision never print an internal name."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from awards.catalog import fill_display_titles

    fill_display_titles(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("awards", "0011_ballot_minutes_and_notice_numbers")]

    operations = [
        migrations.AddField(
            model_name="award",
            name="display_title",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Tên danh hiệu, hình thức như in trên quyết định và giấy khen, ví dụ “Giấy khen”; "
                    "để trống thì in tên danh hiệu, hình thức."
                ),
                max_length=200,
                verbose_name="tên in trên văn bản",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
