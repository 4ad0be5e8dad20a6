"""Keep the list-order copies on pledges and result reports (ListedByPlanAndUnit) in step with their sources."""

from django.db.models import Value
from django.db.models.functions import Concat, Substr

from ..models import Pledge, ResultReport

LISTED = (Pledge, ResultReport)


def follow_plan_year(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of a plan: its rows take its year (a no-op write unless the year was changed, e.g. in the admin)."""
    if raw or (update_fields is not None and "year" not in update_fields):
        return
    for model in LISTED:
        model.objects.filter(plan=instance).exclude(plan_year=instance.year).update(plan_year=instance.year)


def follow_unit_move(sender, instance, created=False, raw=False, **kwargs):
    """post_save of a unit: when it moved, rewrite the path prefix of the rows of its whole subtree.

    Unit.save() writes the new paths after post_save has fired, so ``instance.path`` is still the old one here; the
    new one is computed the way Unit.save() computes it. Rows are matched on their own copy of the old prefix, which
    covers every unit of the subtree whose paths Unit.save() then rewrites without sending signals.
    """
    if created or raw or not instance.path:
        return
    old = instance.path
    new = f"{instance.parent.path if instance.parent_id else '/'}{instance.pk}/"
    if new == old:
        return
    for model in LISTED:
        model.objects.filter(unit_path__startswith=old).update(
            unit_path=Concat(Value(new), Substr("unit_path", len(old) + 1))
        )
