"""What the pages say about a period and a unit of measure: each word once ("sáu tháng đầu năm 2027", "Tỷ lệ (%)")."""

import html
import re

import pytest
from django.urls import reverse

from campaigns.enums import MeasureKind, ReportingPeriod, ReviewState, period_label
from campaigns.models import Criterion

from .conftest import login
from .factories import CriterionFactory, PlanFactory, ResultFactory, accepted_pledge

pytestmark = pytest.mark.django_db
DOUBLED = re.compile(r"\bnăm năm\b|\(%\)\s*\(%\)", re.IGNORECASE)


def _text(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_a_period_is_labelled_with_its_year_once():
    assert period_label(ReportingPeriod.SIX_MONTH, 2027) == "sáu tháng đầu năm 2027"
    assert period_label(ReportingPeriod.YEAR_END, 2027) == "cả năm 2027"


@pytest.mark.parametrize(
    ("period", "title"),
    [
        (ReportingPeriod.SIX_MONTH, "Báo cáo kết quả sáu tháng đầu năm 2027 – Đảng bộ Sở Tài chính"),
        (ReportingPeriod.YEAR_END, "Báo cáo kết quả cả năm 2027 – Đảng bộ Sở Tài chính"),
    ],
)
def test_the_result_page_names_the_period_without_a_doubled_year(client, office, unit, period, title):
    plan = PlanFactory(year=2027)
    report = ResultFactory(pledge=accepted_pledge(plan, unit), period=period, state=ReviewState.SUBMITTED)
    assert str(report) == title

    text = _text(login(client, office).get(reverse("campaigns:result_detail", args=[report.pk])))
    assert title in text
    assert not DOUBLED.search(text), DOUBLED.search(text)


@pytest.mark.parametrize(
    ("measure", "unit", "label"),
    [
        (MeasureKind.PERCENT, "%", "Tỷ lệ (%)"),
        (MeasureKind.PERCENT, "", "Tỷ lệ (%)"),
        (MeasureKind.NUMBER, "người", "Số lượng (người)"),
        (MeasureKind.NUMBER, "", "Số lượng"),
        (MeasureKind.SCORE, "điểm", "Điểm"),
    ],
)
def test_a_unit_of_measure_is_written_once(measure, unit, label):
    assert Criterion(measure=measure, measure_unit=unit).measure_label == label


def test_a_percent_criterion_in_percent_reads_once_on_the_plan_pledge_and_result_pages(client, office, unit):
    plan = PlanFactory(year=2027)
    CriterionFactory(plan=plan, code="TL", name="Tỷ lệ đảng viên", measure=MeasureKind.PERCENT, measure_unit="%")
    pledge = accepted_pledge(plan, unit)
    report = ResultFactory(pledge=pledge, period=ReportingPeriod.SIX_MONTH, state=ReviewState.SUBMITTED)
    login(client, office)
    for url in (
        reverse("campaigns:plan_detail", args=[plan.pk]),
        reverse("campaigns:pledge_detail", args=[pledge.pk]),
        reverse("campaigns:result_detail", args=[report.pk]),
    ):
        text = _text(client.get(url))
        assert "Tỷ lệ (%)" in text, url
        assert not DOUBLED.search(text), (url, DOUBLED.search(text))


def test_the_value_field_help_says_the_unit_once(unit):
    from campaigns.forms import _value_field

    criterion = CriterionFactory(measure=MeasureKind.PERCENT, measure_unit="%", target_guidance="Từ 90% trở lên")
    assert _value_field(criterion).help_text == "Tỷ lệ (%) · Từ 90% trở lên"
