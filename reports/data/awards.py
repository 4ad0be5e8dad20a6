"""Award proposals and decisions for the report.

Reports sit above awards in the dependency order (reports → awards → campaigns → core), so this module reads the
awards models and states directly: a state renamed in awards/enums.py is renamed here too, or fails loudly.
"""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from awards.enums import NomineeResult, ProposalState
from awards.models import Award, AwardRecord, Nominee

# Proposals not yet sent, or withdrawn, are not proposals the Office received.
UNSENT_PROPOSAL_STATES = (ProposalState.DRAFT, ProposalState.WITHDRAWN)
# Nominee results that mean the council voted for them (whatever happened after).
PASSED_RESULTS = (
    NomineeResult.PASSED,
    NomineeResult.AWARDED,
    NomineeResult.FORWARDED,
    NomineeResult.REFUSED_BY_HIGHER,
)


def award_tables(scope):
    from .tables import Table

    by_award = _by_award(scope)
    levels = {}
    for row in by_award:
        level = levels.setdefault(row[3], [row[3], 0, 0, 0])
        for k in (1, 2, 3):
            level[k] += row[3 + k]
    return [
        Table(
            "awards",
            _("Đề nghị và quyết định khen thưởng theo danh hiệu, hình thức"),
            [
                _("Danh hiệu, hình thức"),
                _("Loại"),
                _("Đối tượng"),
                _("Thẩm quyền"),
                _("Được đề nghị"),
                _("Hội đồng thông qua"),
                _("Được khen thưởng"),
            ],
            by_award,
        ),
        Table(
            "award_levels",
            _("Khen thưởng theo thẩm quyền quyết định"),
            [_("Thẩm quyền"), _("Được đề nghị"), _("Hội đồng thông qua"), _("Được khen thưởng")],
            [tuple(level) for level in levels.values()],
        ),
    ]


def _by_award(scope):
    # Proposals and awards count in the year they are for (the round's year, the record's year), whenever they were
    # sent or decided: a year's awards are proposed and decided early the next year, and the award lookup page
    # (tra-cuu-khen-thuong, by year) counts them so.
    years = {"gte": scope.start.year, "lte": scope.end.year}
    proposed = (
        Nominee.objects.filter(
            proposal__unit__in=scope.all_units,
            proposal__round__year__gte=years["gte"],
            proposal__round__year__lte=years["lte"],
        )
        .exclude(proposal__state__in=UNSENT_PROPOSAL_STATES)
        .values("award")
        .annotate(n=Count("pk"), passed=Count("pk", filter=Q(result__in=PASSED_RESULTS)))
        .order_by()
    )
    proposed = {row["award"]: row for row in proposed}
    in_period = Q(year__gte=years["gte"], year__lte=years["lte"])
    # A record names a unit or a person, never both (award_record_person_xor_unit), so collective and individual
    # records are counted apart and added. One query with "unit in scope OR person's unit in scope" makes PostgreSQL
    # scan every record of the history, even for a one-unit report.
    awarded = Counter()
    for holder in (Q(unit__in=scope.all_units), Q(person__unit__in=scope.all_units)):
        counts = AwardRecord.objects.filter(holder, in_period).values("award").annotate(n=Count("pk"))
        awarded.update(dict(counts.values_list("award", "n").order_by()))
    ids = set(proposed) | set(awarded)
    # One row per award as the documents print it: the catalog's variants of one title (a Giấy khen for the year
    # and one for an exceptional deed) are one line of the report, their counts added.
    rows = {}
    for award in Award.objects.filter(pk__in=ids).order_by("order", "name"):
        counts = proposed.get(award.pk, {})
        key = (
            award.title_on_documents,
            str(award.get_kind_display()),
            str(award.get_subject_display()),
            str(award.get_decided_by_display()),
        )
        totals = rows.setdefault(key, [0, 0, 0])
        totals[0] += counts.get("n", 0)
        totals[1] += counts.get("passed", 0)
        totals[2] += awarded.get(award.pk, 0)
    return [(*key, *totals) for key, totals in rows.items()]
