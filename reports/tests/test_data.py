"""Each report kind's numbers, checked against counts made by hand over the objects the test created."""

import datetime
from statistics import mean

import pytest

from campaigns.enums import ReviewState
from reports.data import gather
from reports.enums import ReportKind

from . import expected
from .factories import build_world

pytestmark = pytest.mark.django_db
YEAR = 2026

PERIODS = {
    ReportKind.QUARTERLY: (datetime.date(YEAR, 7, 1), datetime.date(YEAR, 9, 30)),
    ReportKind.SIX_MONTH: (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 6, 30)),
    ReportKind.ANNUAL: (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)),
    ReportKind.TERM: (datetime.date(YEAR - 4, 1, 1), datetime.date(YEAR, 12, 31)),
}
CHECKED = [
    "units_total",
    "pledged",
    "results_filed",
    "results_accepted",
    "completion",
    "late",
    "signatures",
    "exemplars",
    "initiatives",
]


@pytest.fixture
def world():
    return build_world(n_units=9, year=YEAR)


def _rows(data, key):
    return list(data.table(key).iter_rows())


@pytest.mark.parametrize("kind", list(PERIODS))
def test_headline_figures_of_every_bloc_wide_kind_match_a_hand_count(world, kind):
    start, end = PERIODS[kind]
    data = gather(kind=kind, start=start, end=end)
    want = expected.overview(world, start, end)
    assert {k: data.overview[k] for k in CHECKED} == want
    assert data.overview["pledge_rate"] == round(100 * want["pledged"] / want["units_total"], 1)


@pytest.mark.parametrize("kind", list(PERIODS))
def test_rankings_and_late_units_of_every_kind_match_a_hand_count(world, kind):
    start, end = PERIODS[kind]
    data = gather(kind=kind, start=start, end=end)
    want_ranking, want_missing = expected.ranking(world, start, end), expected.missing(world, start, end)
    assert want_ranking and want_missing  # the crafted data exercises both tables in every kind
    assert [(c, r, n) for c, r, n, _s, _p in _rows(data, "rankings")] == want_ranking
    yes = "Có"
    got = {name: (a == yes, b == yes, c == yes) for name, _cluster, a, b, c in _rows(data, "late")}
    assert got == want_missing


def test_comparison_reads_the_previous_period_of_the_same_kind(world):
    start, end = PERIODS[ReportKind.ANNUAL]
    data = gather(kind=ReportKind.ANNUAL, start=start, end=end)
    assert data.previous_period == expected.year_bounds(YEAR - 1)
    before = expected.overview(world, *expected.year_bounds(YEAR - 1))
    assert {k: data.previous[k] for k in CHECKED} == before
    rows = {label: (now, prev, delta) for label, now, prev, delta in _rows(data, "comparison")}
    now, prev, delta = rows["Số đơn vị đã đăng ký thi đua"]
    assert (now, prev, delta) == (
        data.overview["pledged"],
        before["pledged"],
        data.overview["pledged"] - before["pledged"],
    )
    quarter = gather(kind=ReportKind.QUARTERLY, start=datetime.date(YEAR, 7, 1), end=datetime.date(YEAR, 9, 30))
    assert quarter.previous_period == (datetime.date(YEAR, 4, 1), datetime.date(YEAR, 6, 30))


def test_annual_tables_by_movement_cluster_covenant_and_sector_match_a_hand_count(world):
    start, end = PERIODS[ReportKind.ANNUAL]
    data = gather(kind=ReportKind.ANNUAL, start=start, end=end)
    pledges = [world.pledges[u.pk] for u in world.units if u.pk in world.pledges]
    total = len(world.units)

    movements = {name: (units, rate) for _term, _n, name, units, rate in _rows(data, "movements")}
    for movement in world.movements:
        joined = len([p for p in pledges if movement in p.movements.all()])
        assert movements[movement.name] == (joined, round(100 * joined / total, 1))

    clusters = {name: (units, pledged) for name, units, pledged, _rate in _rows(data, "clusters")}
    for cluster in world.clusters:
        members = [u for u in world.units if u.cluster_id == cluster.pk]
        assert clusters[cluster.name] == (len(members), len([u for u in members if u.pk in world.pledges]))

    covenants = {cluster: (members, signed) for _y, cluster, _t, _s, members, signed, _r in _rows(data, "covenants")}
    for cluster in world.clusters:
        members = [u for u in world.units if u.cluster_id == cluster.pk]
        signed = [s for s in world.signatures if s.covenant.cluster_id == cluster.pk]
        assert covenants[cluster.name] == (len(members), len(signed))

    accepted = expected.results_in(world, start, end, world.units, accepted_only=True)
    sectors = {label: (units, completion) for label, units, completion, _score, _reached in _rows(data, "sectors")}
    for sector in {u.sector for u in world.units}:
        rows = [r for r in accepted if r.unit.sector == sector]
        if rows:
            label = rows[0].unit.get_sector_display()
            assert sectors[label] == (len(rows), round(float(mean(r.completion for r in rows)), 1))

    by_cluster = {name: (units, reached) for name, units, _c, _s, reached in _rows(data, "cluster_results")}
    for cluster in world.clusters:
        rows = [r for r in accepted if r.unit.cluster_id == cluster.pk]
        assert by_cluster[cluster.name] == (len(rows), len([r for r in rows if r.completion >= 100]))


def test_annual_results_by_criterion_match_a_hand_count(world):
    start, end = PERIODS[ReportKind.ANNUAL]
    data = gather(kind=ReportKind.ANNUAL, start=start, end=end)
    accepted = {r.pk: r for r in expected.results_in(world, start, end, world.units, accepted_only=True)}
    rows = {code: row for _y, code, *row in _rows(data, "criteria")}
    for criterion in world.criteria:
        values = [v for v in world.values if v.report_id in accepted and v.criterion_id == criterion.pk]
        pledges = {accepted[v.report_id].pledge_id for v in values}
        targets = [t.value for t in world.targets if t.pledge_id in pledges and t.criterion_id == criterion.pk]
        name, measure_unit, units, average_target, achieved, completion, reached = rows[criterion.code]
        assert name == criterion.name
        assert units == len(values)
        assert average_target == round(float(mean(targets)), 2)
        assert achieved == round(float(mean(v.achieved for v in values)), 2)
        assert completion == round(float(mean(v.completion for v in values)), 1)
        assert reached == len([v for v in values if v.completion >= 100])


def test_exemplars_and_initiatives_of_the_year_are_counted_by_kind_and_level(world):
    start, end = PERIODS[ReportKind.ANNUAL]
    data = gather(kind=ReportKind.ANNUAL, start=start, end=end)
    exemplars = {label: total for label, total, _v, _p in _rows(data, "exemplars")}
    for exemplar in world.exemplars:
        kind_label = exemplar.get_kind_display()
        assert exemplars[kind_label] == len([e for e in world.exemplars if e.kind == exemplar.kind])
    levels = {label: n for label, n in _rows(data, "initiatives")}
    recognized = [i for i in world.initiatives if i.recognized_on]
    assert sum(levels.values()) == len(recognized)
    for initiative in recognized:
        label = initiative.get_recognition_level_display()
        assert levels[label] == len([i for i in recognized if i.recognition_level == initiative.recognition_level])


def test_per_unit_summary_counts_only_the_unit_and_its_sub_units(world):
    unit = world.units[0]
    start, end = PERIODS[ReportKind.ANNUAL]
    data = gather(kind=ReportKind.UNIT, start=start, end=end, unit=unit)
    sub_cell = world.other_units[0]
    want = expected.overview(world, start, end, units=[unit], acting_units=[unit, sub_cell])
    assert {k: data.overview[k] for k in CHECKED} == want
    assert want["exemplars"] == 2  # its own and its sub-cell's
    assert [row[2] for row in _rows(data, "rankings")] == [unit.name]


def test_returned_and_draft_results_never_count(world):
    start, end = PERIODS[ReportKind.ANNUAL]
    before = gather(kind=ReportKind.ANNUAL, start=start, end=end).overview
    result = next(
        r for r in world.results if r.plan.year == YEAR and r.state == ReviewState.ACCEPTED and r.period == "year_end"
    )
    type(result).objects.filter(pk=result.pk).update(state=ReviewState.RETURNED)
    after = gather(kind=ReportKind.ANNUAL, start=start, end=end).overview
    assert after["results_accepted"] == before["results_accepted"] - 1
