"""Scores that mean what they say: a recognized score never above its criterion's maximum, the report's total out
of 100 with its weighting shown, and the Office's adjustment of one criterion with a written reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigns import scoring, selectors, services
from campaigns.enums import MeasureKind, PlanState, ReviewState
from campaigns.models import Criterion, PledgeTarget, ResultReport, ResultValue
from emulation.errors import DomainError
from emulation.models import AuditEntry
from emulation.tests.factories import UnitFactory

from . import oracles
from .conftest import login
from .factories import CriterionFactory, PlanFactory, PledgeFactory, ResultFactory

pytestmark = pytest.mark.django_db


def pledge_for(plan, unit, targets):
    pledge = PledgeFactory(plan=plan, unit=unit, state=ReviewState.ACCEPTED)
    for criterion, value in targets.items():
        PledgeTarget.objects.create(pledge=pledge, criterion=criterion, value=Decimal(value))
    return pledge


def filed_and_accepted(pledge, secretary, office, achieved, self_scores=None):
    report = services.start_result(pledge=pledge, period="six_month", by=secretary)
    report = services.save_result(report=report, by=secretary, values=achieved, self_scores=self_scores or {})
    report = services.submit_result(report=report, by=secretary)
    return services.accept_result(report=report, by=office)


def test_a_self_score_of_28_out_of_30_is_never_recognized_above_30(unit, secretary, office):
    """The case of the finding: one score criterion worth 30 that weighs 2 was recognized 48.74 (2 × 24.37)."""
    plan = PlanFactory()
    culture = CriterionFactory(plan=plan, code="VH", measure=MeasureKind.SCORE, max_score=30, weight=2)
    pledge = pledge_for(plan, unit, {culture: 30})

    report = filed_and_accepted(pledge, secretary, office, {culture: "24.37"}, {culture: "28"})

    value = report.values.get()
    assert value.self_score == Decimal("28.00") and value.score == Decimal("24.37") <= culture.max_score
    # The report's total is on a scale of 100: 24.37 of 30 is 81.23, where the weight on top of the maximum gave 48.74.
    assert report.score == Decimal("81.23") and report.self_score == Decimal("93.33")
    assert ResultReport.objects.get(pk=report.pk).score == Decimal("81.23")


# measure, target, achieved, max score, weight → completion (%), recognized score
CASES = [
    (MeasureKind.YES_NO, "1", "1", "10", "3", "100.00", "10.00"),
    (MeasureKind.YES_NO, "1", "0", "10", "3", "0.00", "0.00"),
    (MeasureKind.NUMBER, "4", "10", "15", "2", "250.00", "15.00"),  # surpassed: capped at the maximum
    (MeasureKind.NUMBER, "4", "3", "15", "2", "75.00", "11.25"),
    (MeasureKind.PERCENT, "90", "45", "20", "1", "50.00", "10.00"),
    (MeasureKind.PERCENT, "50", "100", "20", "5", "200.00", "20.00"),
    (MeasureKind.SCORE, "8", "10", "10", "1", "125.00", "10.00"),
    (MeasureKind.SCORE, "30", "28", "30", "2", "93.33", "28.00"),
]


@pytest.mark.parametrize("measure, target, achieved, max_score, weight, completion, score", CASES)
def test_each_kind_of_criterion_is_recognized_up_to_its_maximum(
    unit, secretary, office, measure, target, achieved, max_score, weight, completion, score
):
    plan = PlanFactory()
    criterion = CriterionFactory(
        plan=plan, code="X", measure=measure, max_score=Decimal(max_score), weight=Decimal(weight)
    )
    report = filed_and_accepted(pledge_for(plan, unit, {criterion: target}), secretary, office, {criterion: achieved})
    value = report.values.get()
    assert (value.completion, value.score) == (Decimal(completion), Decimal(score))
    assert value.score <= criterion.max_score
    # One criterion alone: the total is its score's share of its maximum, out of 100.
    assert report.score == (Decimal(score) / Decimal(max_score) * 100).quantize(Decimal("0.01"), "ROUND_DOWN")


def test_the_total_is_the_weighted_sum_out_of_100_and_the_page_shows_how(client, unit, secretary, office):
    plan = PlanFactory()
    a = CriterionFactory(plan=plan, code="A", measure=MeasureKind.YES_NO, max_score=10, weight=1, order=1)
    b = CriterionFactory(plan=plan, code="B", measure=MeasureKind.PERCENT, max_score=20, weight=2, order=2)
    c = CriterionFactory(plan=plan, code="C", measure=MeasureKind.NUMBER, max_score=10, weight=1, order=3)
    unpledged = CriterionFactory(plan=plan, code="D", measure=MeasureKind.NUMBER, max_score=40, weight=5, order=4)
    pledge = pledge_for(plan, unit, {a: 1, b: 90, c: 4})

    report = filed_and_accepted(pledge, secretary, office, {a: "1", b: "45", c: "2"}, {a: "10", b: "15", c: "10"})

    # Σ weight × maximum of the pledged criteria = 10 + 2×20 + 10 = 60; scores 10, 10, 5 weigh 10, 20, 5 of 60.
    assert {v.criterion.code: v.score for v in report.values.select_related("criterion")} == {
        "A": Decimal("10.00"),
        "B": Decimal("10.00"),
        "C": Decimal("5.00"),
    }
    # 16.666… + 33.333… + 8.333… = 58.333…: the total is 58.33, and the cent the rounding of the rows lost goes to
    # the largest remainder (A), so the column the page prints adds up to it.
    assert report.score == Decimal("16.67") + Decimal("33.33") + Decimal("8.33") == Decimal("58.33")
    assert report.self_score == Decimal("16.67") + Decimal("50.00") + Decimal("16.66")  # 10, 15, 10 of 10, 20, 10

    detail = selectors.result_detail(report)
    rows = {row["criterion"].code: row for row in detail["rows"]}
    assert [rows[code]["contribution"] for code in "ABC"] == [Decimal("16.67"), Decimal("33.33"), Decimal("8.33")]
    assert [rows[code]["share"] for code in "ABC"] == [Decimal("16.67"), Decimal("66.67"), Decimal("16.66")]
    assert rows["D"]["counted"] is False and detail["total"] == report.score

    login(client, office)
    page = client.get(report.get_absolute_url()).content.decode()
    for text in ("Trọng số", "Điểm quy đổi (thang điểm 100)", "Tổng điểm (thang điểm 100)", "58,33", "33,33 / 66,67"):
        assert text in page, text
    assert "Không đăng ký" in page and str(unpledged) in page


@pytest.mark.parametrize("extra_criteria", [0, 16])
def test_the_result_page_costs_the_same_queries_with_the_weighting(
    client, plan, unit, secretary, office, extra_criteria, django_assert_max_num_queries
):
    for i in range(extra_criteria):
        CriterionFactory(plan=plan, code=f"X{i}")
    targets = {c: 1 for c in plan.criteria.all()}
    report = filed_and_accepted(pledge_for(plan, unit, targets), secretary, office, {c: "1" for c in targets})
    login(client, office)
    client.get(report.get_absolute_url())  # warm the per-process caches (permissions, labels)
    with django_assert_max_num_queries(10):
        page = client.get(report.get_absolute_url()).content.decode()
    assert "Điều chỉnh điểm được công nhận" in page and page.count("(tối đa 10)") == 4 + extra_criteria


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=Decimal("0.01"), max_value=1000, places=2),  # maximum
            st.decimals(min_value=0, max_value=50, places=2),  # weight
            st.decimals(min_value=0, max_value=100000, places=2),  # completion (%), surpassing allowed
        ),
        min_size=1,
        max_size=12,
    )
)
def test_no_combination_of_maxima_weights_and_completions_passes_a_maximum_or_100(rows):
    criteria = [Criterion(code=f"T{i}", max_score=m, weight=w) for i, (m, w, _c) in enumerate(rows)]
    scored = [
        (c, scoring.criterion_score(c, completion)) for c, (_m, _w, completion) in zip(criteria, rows, strict=True)
    ]
    assert all(0 <= score <= c.max_score for c, score in scored)
    total = scoring.weighted_total(scored)
    assert 0 <= total <= 100
    # The page's column adds up to the stored total, and no row earns more than a full score there would.
    parts = scoring.contributions(scored)
    assert sum(parts) == total
    assert all(0 <= part <= share for part, share in zip(parts, scoring.shares(criteria), strict=True))


@pytest.mark.parametrize("n", [3, 6, 7, 9])
def test_every_maximum_earned_is_100_not_99_99(n):
    """Six criteria of equal weight are worth 16.666… each: the total of full marks is 100 and the shares printed on
    the page add up to it."""
    criteria = [Criterion(code=f"T{i}", max_score=Decimal(10), weight=Decimal(1)) for i in range(n)]
    assert scoring.weighted_total([(c, c.max_score) for c in criteria]) == 100
    assert sum(scoring.shares(criteria)) == 100
    assert scoring.contributions([(c, c.max_score) for c in criteria]) == scoring.shares(criteria)


def test_the_database_refuses_a_total_above_100(plan, unit):
    report = ResultFactory(pledge=pledge_for(plan, unit, {}), state=ReviewState.ACCEPTED, score=Decimal(100))
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultReport.objects.filter(pk=report.pk).update(score=Decimal("100.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultReport.objects.filter(pk=report.pk).update(score=Decimal(-1))
    assert ResultReport.objects.get(pk=report.pk).score == 100


def test_self_scores_above_a_criterion_maximum_are_refused_and_nothing_is_saved(plan, unit, secretary):
    criterion = plan.criteria.get(code="D")  # a score out of 10
    report = services.start_result(pledge=pledge_for(plan, unit, {criterion: 8}), period="six_month", by=secretary)
    with pytest.raises(DomainError) as refused:
        services.save_result(report=report, by=secretary, values={criterion: "8"}, self_scores={criterion: "11"})
    assert "Điểm tự chấm của tiêu chí D phải là số từ 0 đến 10 (điểm tối đa của tiêu chí)." in refused.value.message
    with pytest.raises(DomainError) as refused:
        services.save_result(report=report, by=secretary, values={criterion: "8"}, self_score=Decimal(101))
    assert "thang điểm 100" in refused.value.message
    assert not ResultValue.objects.exists() and ResultReport.objects.get(pk=report.pk).self_score is None


# The Office's adjustment


@pytest.fixture
def accepted(plan, unit, secretary, office):
    targets = {c: {"A": 1, "B": 4, "C": 90, "D": 8}[c.code] for c in plan.criteria.all()}
    achieved = {c: {"A": "1", "B": "2", "C": "90", "D": "8"}[c.code] for c in targets}
    # A 10, B 5, C 10 (weighs 2), D 10 of 10 each: (10 + 5 + 20 + 10) / 50 = 90 out of 100.
    return filed_and_accepted(pledge_for(plan, unit, targets), secretary, office, achieved)


def value_of(report, code):
    return report.values.select_related("criterion").get(criterion__code=code)


def test_the_office_adjusts_a_criterion_with_a_reason_and_the_total_and_ranking_follow(
    client, plan, accepted, office, secretary
):
    rival = ResultFactory(
        pledge=pledge_for(plan, UnitFactory(cluster=accepted.unit.cluster), {}),
        state=ReviewState.ACCEPTED,
        score=Decimal(85),
    )
    assert [r.pk for r in oracles.cluster_ranking(plan, "six_month")] == [accepted.pk, rival.pk]

    login(client, office)
    value = value_of(accepted, "B")
    response = client.post(
        reverse("campaigns:result_adjust_score", args=[accepted.pk]),
        {"value": value.pk, "score": "1,5", "reason": "Mô hình thứ hai chưa có minh chứng nghiệm thu."},
        follow=True,
    )
    assert "Đã điều chỉnh điểm tiêu chí B." in response.content.decode()

    value.refresh_from_db()
    accepted.refresh_from_db()
    assert value.score == Decimal("1.50") and value.adjustment_reason.startswith("Mô hình thứ hai")
    assert accepted.score == Decimal("83.00")  # (10 + 1.5 + 20 + 10) / 50 × 100
    assert [r.pk for r in oracles.cluster_ranking(plan, "six_month")] == [rival.pk, accepted.pk]

    entry = AuditEntry.objects.get(action="result.score_adjusted")
    assert entry.actor == office
    assert entry.comment == "Tiêu chí B: 5 → 1,5 điểm. Lý do: Mô hình thứ hai chưa có minh chứng nghiệm thu."
    assert entry.data == {"criterion": "B", "from": "5.00", "to": "1.50", "total": "83.00"}
    page = client.get(accepted.get_absolute_url()).content.decode()
    assert "Điều chỉnh điểm được công nhận" in page and "Văn phòng điều chỉnh: Mô hình thứ hai" in page

    login(client, secretary)
    page = client.get(accepted.get_absolute_url()).content.decode()
    assert "Văn phòng điều chỉnh: Mô hình thứ hai" in page
    assert reverse("campaigns:result_adjust_score", args=[accepted.pk]) not in page  # the form is the Office's


@pytest.mark.parametrize(
    "score, reason, message",
    [
        ("4", "  ", "Hãy ghi rõ lý do điều chỉnh điểm."),
        ("10.5", "Vượt", "Điểm được công nhận của tiêu chí B phải là số từ 0 đến 10 (điểm tối đa của tiêu chí)."),
        ("-1", "Âm", "Điểm được công nhận của tiêu chí B phải là số từ 0 đến 10 (điểm tối đa của tiêu chí)."),
        ("mười", "Chữ", "Điểm được công nhận của tiêu chí B phải là số từ 0 đến 10 (điểm tối đa của tiêu chí)."),
    ],
)
def test_an_adjustment_without_reason_or_out_of_bounds_is_refused_and_changes_nothing(
    accepted, office, score, reason, message
):
    value = value_of(accepted, "B")
    with pytest.raises(DomainError) as refused:
        services.adjust_score(result_value=value, score=score, reason=reason, by=office)
    assert refused.value.message == message
    assert value_of(accepted, "B").score == Decimal("5.00") and not value_of(accepted, "B").adjustment_reason
    assert ResultReport.objects.get(pk=accepted.pk).score == Decimal("90.00")
    assert not AuditEntry.objects.filter(action="result.score_adjusted").exists()


def test_a_secretary_cannot_adjust_a_score(client, accepted, secretary):
    value = value_of(accepted, "B")
    with pytest.raises(PermissionDenied):
        services.adjust_score(result_value=value, score="10", reason="Tự nâng điểm", by=secretary)
    login(client, secretary)
    response = client.post(
        reverse("campaigns:result_adjust_score", args=[accepted.pk]),
        {"value": value.pk, "score": "10", "reason": "Tự nâng điểm"},
    )
    assert response.status_code in (403, 404)
    assert value_of(accepted, "B").score == Decimal("5.00")


def test_an_adjustment_made_during_review_stands_when_the_report_is_accepted(plan, unit, secretary, office):
    targets = {c: 1 for c in plan.criteria.all()}
    report = services.start_result(pledge=pledge_for(plan, unit, targets), period="six_month", by=secretary)
    report = services.save_result(report=report, by=secretary, values={c: "1" for c in targets})
    report = services.submit_result(report=report, by=secretary)
    value = value_of(report, "D")
    services.adjust_score(result_value=value, score="6", reason="Kết quả chấm chéo của cụm là 6 điểm.", by=office)
    assert ResultReport.objects.get(pk=report.pk).score is None  # ranked only once accepted

    report = services.accept_result(report=report, by=office)
    assert value_of(report, "D").score == Decimal("6.00")
    assert report.score == Decimal("92.00")  # (10 + 10 + 20 + 6) / 50 × 100


def test_no_adjustment_of_a_draft_or_of_a_closed_plan(plan, unit, secretary, office, accepted):
    draft = services.start_result(pledge=accepted.pledge, period="year_end", by=secretary)
    draft = services.save_result(report=draft, by=secretary, values={plan.criteria.get(code="A"): "1"})
    with pytest.raises(DomainError, match="đang được xét hoặc đã được chấp thuận"):
        services.adjust_score(result_value=draft.values.get(), score="1", reason="Sớm", by=office)
    plan.state = PlanState.CLOSED
    plan.save()
    with pytest.raises(DomainError, match="Kế hoạch đã kết thúc"):
        services.adjust_score(result_value=value_of(accepted, "A"), score="1", reason="Muộn", by=office)
