"""Counts kept on write, never repaired by a read.

Rounds, ballots and decisions written in bulk were counted and numbered by the first page that read them (an
UPDATE on a GET). They are completed here once; from now on the services keep the counts and a bulk loader calls
awards.services.complete_bulk_load. A round's dossier count is never NULL again. The numbering is copied here, as
a migration must not import code that will change after it."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def complete(apps, schema_editor):
    Round = apps.get_model("awards", "Round")
    Proposal = apps.get_model("awards", "Proposal")
    Ballot = apps.get_model("awards", "Ballot")
    BallotItem = apps.get_model("awards", "BallotItem")
    Vote = apps.get_model("awards", "Vote")
    Decision = apps.get_model("awards", "Decision")
    Nominee = apps.get_model("awards", "Nominee")
    per_round = Proposal.objects.filter(round=OuterRef("pk")).order_by().values("round").annotate(n=Count("pk"))
    Round.objects.update(proposal_count=Coalesce(Subquery(per_round.values("n")[:1]), 0))
    for ballot in Ballot.objects.filter(item_count__isnull=True).iterator():
        ids = list(
            BallotItem.objects.filter(ballot=ballot)
            .order_by("nominee__proposal__unit__path", "pk")
            .values_list("pk", flat=True)
        )
        BallotItem.objects.bulk_update(
            [BallotItem(pk=pk, position=i) for i, pk in enumerate(ids, 1)], ["position"], batch_size=500
        )
        Ballot.objects.filter(pk=ballot.pk).update(item_count=len(ids))
        Vote.objects.filter(item__ballot=ballot, ballot__isnull=True).update(ballot=ballot)
    for decision in Decision.objects.filter(nominee_count__isnull=True).iterator():
        ids = list(
            Nominee.objects.filter(decision=decision)
            .order_by("award__order", "proposal__unit__path", "pk")
            .values_list("pk", flat=True)
        )
        Nominee.objects.bulk_update(
            [Nominee(pk=pk, decision_position=i) for i, pk in enumerate(ids, 1)], ["decision_position"], batch_size=500
        )
        Decision.objects.filter(pk=decision.pk).update(nominee_count=len(ids))


class Migration(migrations.Migration):
    dependencies = [("awards", "0012_award_display_title")]

    operations = [
        migrations.RunPython(complete, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="round",
            name="proposal_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="số hồ sơ"),
        ),
    ]
