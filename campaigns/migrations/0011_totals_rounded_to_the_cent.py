"""Report totals rounded to the cent instead of summed from contributions each rounded down.

Totals counted the 0010 way lost up to a cent per criterion: full marks on six criteria of equal weight (16.666…
each) were stored as 99.99. They are counted again the way campaigns/scoring.py now counts them: the exact weighted
sum rounded half up, so full marks are 100. The arithmetic is copied here, as a migration must not import code that
will change after it."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def _total(criteria, scores):
    denominator = sum((c.weight * c.max_score for c in criteria), Decimal(0))
    if not denominator:
        return Decimal(0)
    exact = sum(
        (c.weight * scores[c.pk] * HUNDRED / denominator for c in criteria if scores.get(c.pk) is not None),
        Decimal(0),
    )
    return min(exact.quantize(CENT, rounding=ROUND_HALF_UP), HUNDRED)


def recount_totals(apps, schema_editor):
    ResultReport = apps.get_model("campaigns", "ResultReport")
    PledgeTarget = apps.get_model("campaigns", "PledgeTarget")
    ResultValue = apps.get_model("campaigns", "ResultValue")
    Criterion = apps.get_model("campaigns", "Criterion")
    reports = ResultReport.objects.filter(score__isnull=False) | ResultReport.objects.filter(
        values__self_score__isnull=False
    )
    for report in reports.distinct().iterator():
        pledged = PledgeTarget.objects.filter(pledge_id=report.pledge_id).values("criterion_id")
        criteria = list(Criterion.objects.filter(plan_id=report.plan_id, pk__in=pledged))
        values = ResultValue.objects.filter(report_id=report.pk)
        changes = {}
        if report.score is not None:
            changes["score"] = _total(criteria, dict(values.values_list("criterion_id", "score")))
        own = dict(values.filter(self_score__isnull=False).values_list("criterion_id", "self_score"))
        if own:  # a self-score typed for the whole report stays as typed
            changes["self_score"] = _total(criteria, own)
        ResultReport.objects.filter(pk=report.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0010_recognized_scores_out_of_100")]

    operations = [migrations.RunPython(recount_totals, migrations.RunPython.noop, elidable=True)]
