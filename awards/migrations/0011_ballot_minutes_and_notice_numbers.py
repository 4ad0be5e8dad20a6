"""Ballot minutes and public notices carry a number from the document register (emulation.NumberRegister).

Existing tallied ballots and published notices are numbered in the order they were issued, and decisions
already numbered by hand are entered in the register, so the counters start past every number in use."""

from django.db import migrations, models
from django.utils import timezone


def _period(Term, date):
    name = (
        Term.objects.filter(start_year__lte=date.year, end_year__gte=date.year)
        .order_by("-start_year")
        .values_list("name", flat=True)
        .first()
    )
    return name or str(date.year)


def _issue(NumberRegister, DocumentNumber, kind, period, number=None):
    register, _created = NumberRegister.objects.get_or_create(kind=kind, period=period)
    if number is None:
        number = register.last_number + 1
    if not DocumentNumber.objects.filter(kind=kind, period=period, number=number).exists():
        DocumentNumber.objects.create(kind=kind, period=period, number=number)
    if number > register.last_number:
        register.last_number = number
        register.save(update_fields=["last_number"])
    return number


def number_existing_documents(apps, schema_editor):
    Term = apps.get_model("campaigns", "Term")
    NumberRegister = apps.get_model("emulation", "NumberRegister")
    DocumentNumber = apps.get_model("emulation", "DocumentNumber")
    Ballot = apps.get_model("awards", "Ballot")
    PublicNotice = apps.get_model("awards", "PublicNotice")
    Decision = apps.get_model("awards", "Decision")
    for decision in Decision.objects.order_by("date", "pk").only("number", "date"):
        if decision.number.strip().isdigit():
            _issue(NumberRegister, DocumentNumber, "QĐ", _period(Term, decision.date), int(decision.number))
    for ballot in Ballot.objects.filter(tallied_at__isnull=False, minutes_number__isnull=True).order_by("tallied_at"):
        date = timezone.localtime(ballot.tallied_at).date()
        ballot.minutes_number = _issue(NumberRegister, DocumentNumber, "BB", _period(Term, date))
        ballot.save(update_fields=["minutes_number"])
    for notice in PublicNotice.objects.filter(number__isnull=True).order_by("published_at", "pk"):
        date = timezone.localtime(notice.published_at).date()
        notice.number = _issue(NumberRegister, DocumentNumber, "TB", _period(Term, date))
        notice.save(update_fields=["number"])


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0010_nominee_decision_position"),
        ("campaigns", "0001_initial"),
        ("emulation", "0005_document_number_register"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballot",
            name="minutes_number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="số biên bản"),
        ),
        migrations.AddField(
            model_name="publicnotice",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="số thông báo"),
        ),
        migrations.RunPython(number_existing_documents, migrations.RunPython.noop),
    ]
