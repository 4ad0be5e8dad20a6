"""Recognized scores out of 100, at most each criterion's maximum; the Office's adjustments and per-criterion
self-scores.

Totals stored before were Σ weight × score, which passed the criteria's maxima whenever a weight was above 1 (a
28/30 self-scored report was recognized 48.74): they are counted again, the way campaigns/scoring.py counts
them, before the constraint that refuses them is added."""

from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.db import migrations, models

CENT = Decimal("0.01")


def recount_totals(apps, schema_editor):
    ResultReport = apps.get_model("campaigns", "ResultReport")
    PledgeTarget = apps.get_model("campaigns", "PledgeTarget")
    ResultValue = apps.get_model("campaigns", "ResultValue")
    Criterion = apps.get_model("campaigns", "Criterion")
    for report in ResultReport.objects.filter(score__isnull=False).iterator():
        pledged = set(PledgeTarget.objects.filter(pledge_id=report.pledge_id).values_list("criterion_id", flat=True))
        criteria = list(Criterion.objects.filter(plan_id=report.plan_id, pk__in=pledged))
        scores = dict(ResultValue.objects.filter(report_id=report.pk).values_list("criterion_id", "score"))
        denominator = sum((c.weight * c.max_score for c in criteria), Decimal(0))
        total = Decimal(0)
        for criterion in criteria:
            score = scores.get(criterion.pk)
            if score is None or not denominator:
                continue
            score = min(max(score, Decimal(0)), criterion.max_score)
            total += (criterion.weight * score * 100 / denominator).quantize(CENT, rounding=ROUND_DOWN)
        ResultReport.objects.filter(pk=report.pk).update(score=total)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0009_nightly_summary_recount"),
        ("emulation", "0004_audit_order_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(recount_totals, migrations.RunPython.noop, elidable=True),
        migrations.AddField(
            model_name="resultvalue",
            name="adjustment_reason",
            field=models.TextField(blank=True, editable=False, verbose_name="lý do điều chỉnh điểm"),
        ),
        migrations.AddField(
            model_name="resultvalue",
            name="self_score",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=8, null=True, verbose_name="điểm tự chấm"
            ),
        ),
        migrations.AlterField(
            model_name="resultvalue",
            name="score",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                editable=False,
                max_digits=8,
                null=True,
                verbose_name="điểm được công nhận",
            ),
        ),
        migrations.AddConstraint(
            model_name="resultreport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("score__isnull", True), models.Q(("score__gte", 0), ("score__lte", 100)), _connector="OR"
                ),
                name="result_score_out_of_100",
                violation_error_message="Điểm được công nhận của báo cáo phải từ 0 đến 100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="resultvalue",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("score__isnull", True), ("score__gte", 0), _connector="OR"),
                    models.Q(("self_score__isnull", True), ("self_score__gte", 0), _connector="OR"),
                ),
                name="result_value_scores_not_negative",
                violation_error_message="Điểm theo tiêu chí không được âm.",
            ),
        ),
    ]
