"""Every campaigns record says where it stands, who must act now and by when ("Đang chờ"), on its own page; the
Propaganda department's and a secretary's homes list exactly their pending work."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.enums import CovenantState, ExemplarState, InitiativeState, PlanState, ReviewState
from campaigns.models import Covenant, Exemplar, Initiative, Pledge, ResultReport, YearPlan
from emulation.models import Unit
from emulation.tests.factories import UnitFactory, propaganda_user, secretary_of
from emulation.workflow import next_step

from .conftest import login
from .factories import PledgeFactory, ResultFactory

TODAY = timezone.localdate()
OFFICE = "Văn phòng Đảng ủy Khối"


def _plan(**deadlines):
    dates = {
        "registration_deadline": TODAY + datetime.timedelta(days=10),
        "six_month_deadline": TODAY + datetime.timedelta(days=100),
        "year_end_deadline": TODAY + datetime.timedelta(days=200),
    }
    dates.update(deadlines)
    return YearPlan(year=TODAY.year, state=PlanState.LAUNCHED, **dates)


def test_a_pledge_waits_for_its_unit_by_the_registration_deadline_then_for_the_office():
    plan, unit = _plan(), Unit(name="Đảng bộ Sở Tài chính")
    step = next_step(Pledge(plan=plan, unit=unit, state=ReviewState.DRAFT))
    assert "Đảng bộ Sở Tài chính" in step["actor"] and step["due"] == plan.registration_deadline
    assert not step["overdue"] and not step["done"] and step["label"] == "Đang soạn"
    returned = next_step(Pledge(plan=_plan(registration_deadline=TODAY - datetime.timedelta(days=1)), unit=unit))
    assert returned["overdue"]
    submitted = next_step(Pledge(plan=plan, unit=unit, state=ReviewState.SUBMITTED))
    assert str(submitted["actor"]) == OFFICE and submitted["due"] is None
    for state in (ReviewState.ACCEPTED, ReviewState.SUPERSEDED):
        step = next_step(Pledge(plan=plan, unit=unit, state=state))
        assert step["done"] and step["actor"] is None


def test_a_result_report_is_due_by_its_periods_deadline():
    plan, unit = _plan(), Unit(name="Đảng bộ Sở Tài chính")
    six = next_step(ResultReport(plan=plan, unit=unit, period="six_month", state=ReviewState.RETURNED))
    year = next_step(ResultReport(plan=plan, unit=unit, period="year_end", state=ReviewState.DRAFT))
    assert six["due"] == plan.six_month_deadline and year["due"] == plan.year_end_deadline
    assert "Đảng bộ Sở Tài chính" in six["actor"]
    assert str(next_step(ResultReport(plan=plan, unit=unit, period="year_end", state="submitted"))["actor"]) == OFFICE


def test_a_plan_waits_for_the_office_then_the_standing_committee_then_the_office_then_the_units():
    assert str(next_step(YearPlan(state=PlanState.DRAFT))["actor"]) == OFFICE
    assert str(next_step(YearPlan(state=PlanState.SUBMITTED))["actor"]) == "Ban Thường vụ Đảng ủy Khối"
    assert str(next_step(YearPlan(state=PlanState.APPROVED))["actor"]) == OFFICE
    launched = next_step(_plan(registration_deadline=TODAY - datetime.timedelta(days=5)))
    assert launched["due"] == TODAY + datetime.timedelta(days=100), "the next deadline not yet passed"
    assert next_step(YearPlan(state=PlanState.CLOSED))["done"]


def test_a_covenant_waits_for_the_lead_unit_then_for_the_members_that_have_not_signed():
    plan = _plan()
    assert str(next_step(Covenant(plan=plan, state=CovenantState.DRAFT))["actor"]) == "Đơn vị trưởng cụm"
    step = next_step(Covenant(plan=plan, state=CovenantState.OPEN))
    assert str(step["actor"]) == "Các đơn vị trong cụm chưa ký" and step["due"] == plan.registration_deadline
    assert next_step(Covenant(plan=plan, state=CovenantState.CLOSED))["done"]


def test_an_exemplar_waits_for_the_office_then_for_propaganda_and_an_initiative_for_the_office():
    assert str(next_step(Exemplar(state=ExemplarState.PROPOSED))["actor"]) == OFFICE
    assert str(next_step(Exemplar(state=ExemplarState.VERIFIED))["actor"]) == "Ban Tuyên giáo"
    assert next_step(Exemplar(state=ExemplarState.PUBLISHED))["done"]
    assert next_step(Exemplar(state=ExemplarState.REJECTED))["done"]
    assert str(next_step(Initiative(state=InitiativeState.PROPOSED))["actor"]) == OFFICE
    assert next_step(Initiative(state=InitiativeState.RECOGNIZED))["done"]


def _exemplar(unit, state, title):
    return Exemplar.objects.create(unit=unit, kind="good_deed", title=title, summary="…", state=state)


@pytest.mark.django_db
def test_each_campaigns_record_page_shows_who_acts_next(client, plan, unit, secretary, office):
    pledge = PledgeFactory(plan=plan, unit=unit, state=ReviewState.SUBMITTED)
    result = ResultFactory(pledge=pledge, state=ReviewState.DRAFT)
    covenant = Covenant.objects.create(
        plan=plan, cluster=unit.cluster, lead_unit=unit, title="G", text="…", state=CovenantState.OPEN
    )
    exemplar = _exemplar(unit, ExemplarState.VERIFIED, "Người tốt")
    initiative = Initiative.objects.create(unit=unit, title="S", description="…")
    login(client, office)
    expected = [
        (plan, "Các đơn vị thi đua"),
        (pledge, "Đang chờ: Văn phòng Đảng ủy Khối"),
        (covenant, "Đang chờ: Các đơn vị trong cụm chưa ký"),
        (exemplar, "Đang chờ: Ban Tuyên giáo"),
        (initiative, "Đang chờ: Văn phòng Đảng ủy Khối"),
    ]
    for record, text in expected:
        page = client.get(record.get_absolute_url()).content.decode()
        assert "next-step" in page and text in page, record
    login(client, secretary)
    page = client.get(result.get_absolute_url()).content.decode()
    assert "Đang chờ: Bí thư hoặc người được giao của Đảng bộ Sở Tài chính" in page
    assert f"Hạn: {plan.six_month_deadline:%d/%m/%Y}" in page


@pytest.mark.django_db
def test_the_propaganda_home_lists_the_verified_exemplars_only_oldest_first(client, unit):
    _exemplar(unit, ExemplarState.PROPOSED, "Đề xuất chưa xác nhận")
    _exemplar(unit, ExemplarState.PUBLISHED, "Đã công bố rồi")
    first = _exemplar(unit, ExemplarState.VERIFIED, "Điển hình cũ hơn")
    second = _exemplar(unit, ExemplarState.VERIFIED, "Điển hình mới hơn")
    Exemplar.objects.filter(pk=first.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    login(client, propaganda_user(username="tuyengiao"))
    page = client.get(reverse("home")).content.decode()
    assert "Điển hình chờ công bố" in page
    assert page.index("Điển hình cũ hơn") < page.index("Điển hình mới hơn")
    assert "Đề xuất chưa xác nhận" not in page and "Đã công bố rồi" not in page
    assert first.get_absolute_url() in page and second.get_absolute_url() in page
    assert '<span class="badge text-bg-warning">2</span>' in page
    assert reverse("campaigns:exemplar_list") + "?state=verified" in page

    Exemplar.objects.filter(state=ExemplarState.VERIFIED).update(state=ExemplarState.PUBLISHED)
    page = client.get(reverse("home")).content.decode()
    assert "Không có việc cần xử lý" in page


@pytest.mark.django_db
def test_the_propaganda_home_counts_beyond_the_few_it_lists(unit):
    from campaigns.selectors import exemplars_to_publish

    for index in range(7):
        _exemplar(unit, ExemplarState.VERIFIED, f"Điển hình {index}")
    panel = exemplars_to_publish()
    assert panel["total"] == 7 and len(panel["exemplars"]) == 5


@pytest.mark.django_db
def test_a_secretarys_home_lists_only_its_units_due_items_and_marks_a_returned_one(client, plan, unit, secretary):
    other = UnitFactory(name="Đảng bộ Sở Xây dựng", cluster=unit.cluster)
    secretary_of(other)
    PledgeFactory(plan=plan, unit=unit, state=ReviewState.RETURNED)
    login(client, secretary)
    page = client.get(reverse("home")).content.decode()
    assert "Đảng bộ Sở Tài chính" in page and "Đảng bộ Sở Xây dựng" not in page
    assert "Bị trả lại, cần bổ sung" in page
    assert f"{plan.registration_deadline:%d/%m/%Y}" in page
