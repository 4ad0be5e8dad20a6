"""A result is sent and accepted once its period has begun: the six-month report of a year from 1 January of that
year, the year-end report from 1 July. Before that neither step is offered, and the services refuse both."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.enums import ReviewState
from campaigns.models import ResultReport
from emulation.errors import DomainError
from emulation.tests.factories import UnitFactory

from .conftest import login
from .factories import TARGETS, PlanFactory, ResultFactory, accepted_pledge, plan_with_criteria

pytestmark = pytest.mark.django_db

YEAR = 2027


def on(day):
    """The clock moved to 10:00 (Hà Nội) of a day: timezone.now, and localdate through it."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def next_year_plan():
    plan = plan_with_criteria(year=YEAR)
    plan.registration_deadline = datetime.date(YEAR, 3, 31)
    plan.six_month_deadline = datetime.date(YEAR, 7, 15)
    plan.year_end_deadline = datetime.date(YEAR, 12, 15)
    plan.save()
    return plan


def drafted(plan, unit, secretary, period):
    report = services.start_result(pledge=accepted_pledge(plan, unit), period=period, by=secretary)
    values = {c: TARGETS[c.code] for c in plan.criteria.all()}
    return services.save_result(report=report, by=secretary, values=values)


def test_a_six_month_report_of_2027_is_not_sent_in_december_2026_and_is_from_1_january(next_year_plan, unit, secretary):
    with on(datetime.date(YEAR - 1, 12, 3)):
        report = drafted(next_year_plan, unit, secretary, "six_month")  # preparing a draft is allowed
        with pytest.raises(DomainError) as refused:
            services.submit_result(report=report, by=secretary)
    assert refused.value.message == "Kỳ báo cáo sáu tháng đầu năm 2027 chưa bắt đầu (từ 01/01/2027)."
    report.refresh_from_db()
    assert report.state == ReviewState.DRAFT and report.submitted_at is None

    with on(datetime.date(YEAR, 1, 1)):
        services.submit_result(report=report, by=secretary)
    report.refresh_from_db()
    assert report.state == ReviewState.SUBMITTED and not report.is_late


def test_a_report_sent_early_is_not_accepted_before_its_period_and_is_after(next_year_plan, unit, office):
    # As the demo held one: a 2027 report sent in 2026, before the rule existed.
    report = ResultFactory(pledge=accepted_pledge(next_year_plan, unit), state=ReviewState.SUBMITTED)
    with on(datetime.date(YEAR - 1, 12, 31)):
        with pytest.raises(DomainError) as refused:
            services.accept_result(report=report, by=office)
    assert refused.value.message == "Kỳ báo cáo sáu tháng đầu năm 2027 chưa bắt đầu (từ 01/01/2027)."
    report.refresh_from_db()
    assert report.state == ReviewState.SUBMITTED and report.score is None and report.reviewed_at is None

    with on(datetime.date(YEAR, 1, 2)):
        services.accept_result(report=report, by=office)
    report.refresh_from_db()
    assert report.state == ReviewState.ACCEPTED and report.score is not None


def test_the_year_end_report_opens_on_1_july(next_year_plan, unit, secretary, office):
    with on(datetime.date(YEAR, 6, 30)):
        report = drafted(next_year_plan, unit, secretary, "year_end")
        with pytest.raises(DomainError) as refused:
            services.submit_result(report=report, by=secretary)
    assert refused.value.message == "Kỳ báo cáo cả năm 2027 chưa bắt đầu (từ 01/07/2027)."
    with on(datetime.date(YEAR, 7, 1)):
        services.submit_result(report=report, by=secretary)
        services.accept_result(report=report, by=office)
    assert ResultReport.objects.get(pk=report.pk).state == ReviewState.ACCEPTED


def test_a_year_end_deadline_set_before_july_opens_the_period_on_that_day(unit, secretary):
    plan = plan_with_criteria(year=YEAR)
    plan.registration_deadline = datetime.date(YEAR, 2, 1)
    plan.six_month_deadline = datetime.date(YEAR, 4, 1)
    plan.year_end_deadline = datetime.date(YEAR, 5, 1)
    plan.save()
    assert plan.period_opens_on("year_end") == datetime.date(YEAR, 5, 1)
    assert PlanFactory.build(year=YEAR).period_opens_on("six_month") == datetime.date(YEAR, 1, 1)


def test_no_send_or_accept_button_before_the_period_opens(client, next_year_plan, unit, secretary, office):
    draft = ResultFactory(pledge=accepted_pledge(next_year_plan, unit))
    sent = ResultFactory(
        pledge=accepted_pledge(next_year_plan, UnitFactory(name="Đảng bộ Sở Y tế")),
        state=ReviewState.SUBMITTED,
    )
    submit_url = reverse("campaigns:result_action", args=[draft.pk, "submit"])
    accept_url = reverse("campaigns:result_action", args=[sent.pk, "accept"])
    notice = "Kỳ báo cáo này chưa bắt đầu: báo cáo được gửi và xét từ ngày 01/01/2027."

    with on(datetime.date(YEAR - 1, 12, 3)):
        login(client, secretary)
        page = client.get(draft.get_absolute_url()).content.decode()
        assert submit_url not in page and notice in page
        assert "Sửa báo cáo" in page  # the draft can still be prepared
        login(client, office)
        page = client.get(sent.get_absolute_url()).content.decode()
        assert "Chấp thuận</button>" not in page and accept_url not in page and notice in page
        assert "Trả lại để bổ sung" in page  # a report sent too early can be sent back

    with on(datetime.date(YEAR, 1, 1)):
        login(client, secretary)
        page = client.get(draft.get_absolute_url()).content.decode()
        assert submit_url in page and notice not in page
        login(client, office)
        page = client.get(sent.get_absolute_url()).content.decode()
        assert "Chấp thuận</button>" in page and accept_url in page
