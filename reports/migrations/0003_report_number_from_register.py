"""Report numbers come from the document register (emulation.NumberRegister), one sequence per party term.

Reports numbered before keep their number in the year they were numbered in (their period is that year); the
register's counter of each period starts past the highest number already printed in it, so no new report
repeats a number already on paper in the same term or year."""

from django.db import migrations, models
from django.db.models import Q


def _period(Term, year):
    name = (
        Term.objects.filter(start_year__lte=year, end_year__gte=year)
        .order_by("-start_year")
        .values_list("name", flat=True)
        .first()
    )
    return name or str(year)


def register_existing_numbers(apps, schema_editor):
    Term = apps.get_model("campaigns", "Term")
    NumberRegister = apps.get_model("emulation", "NumberRegister")
    Report = apps.get_model("reports", "Report")
    for report in Report.objects.filter(number__isnull=False).only("number", "number_year", "document_date"):
        year = report.number_year or report.document_date.year
        report.number_period = str(year)
        report.save(update_fields=["number_period"])
        for period in {str(year), _period(Term, year)}:
            register, _created = NumberRegister.objects.get_or_create(kind="BC", period=period)
            if report.number > register.last_number:
                register.last_number = report.number
                register.save(update_fields=["last_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("emulation", "0005_document_number_register"),
        ("reports", "0002_default_schedules"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="report", name="report_number_unique_in_year"),
        migrations.AddField(
            model_name="report",
            name="number_period",
            field=models.CharField(blank=True, max_length=20, verbose_name="nhiệm kỳ của số văn bản"),
        ),
        migrations.RunPython(register_existing_numbers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.UniqueConstraint(
                condition=Q(number__isnull=False),
                fields=("number_period", "number"),
                name="report_number_unique_in_period",
            ),
        ),
    ]
