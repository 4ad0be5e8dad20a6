"""Yearly plans: the Office drafts and submits, the Standing Committee approves, the Office launches (every unit told)
and closes. The approval loop itself (returns, resubmission, notifications) is told in test_plan_approval.py."""

import pytest
from django.core import mail
from django.urls import reverse

from campaigns.enums import PlanState
from emulation.models import Notification
from emulation.tests.factories import UnitFactory, secretary_of, standing_member

from .conftest import login
from .factories import PlanFactory

pytestmark = pytest.mark.django_db


def act(client, plan, action, comment=""):
    return client.post(reverse("campaigns:plan_action", args=[plan.pk, action]), {"comment": comment}, follow=True)


def test_plan_goes_from_draft_to_submitted_approved_launched_and_closed(
    client, office, django_capture_on_commit_callbacks
):
    plan = PlanFactory(state=PlanState.DRAFT)
    units = [UnitFactory() for _ in range(3)]
    secretaries = [secretary_of(u) for u in units]
    for s in secretaries:
        s.email = f"{s.username}@thidua.local"
        s.save()
    standing = standing_member(username="thuongvu")

    login(client, office)
    act(client, plan, "submit")
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert act(client, plan, "approve").status_code == 403  # only the Standing Committee approves
    login(client, standing)
    act(client, plan, "approve", "Đồng ý ban hành.")
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED and plan.approved_by == standing

    login(client, office)
    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, plan, "launch").content.decode()
    assert "Đã phát động kế hoạch" in page
    plan.refresh_from_db()
    assert plan.state == PlanState.LAUNCHED and plan.launched_at
    for s in secretaries:
        note = Notification.objects.get(recipient=s)
        assert note.deadline == plan.registration_deadline and "Phát động" in note.title
    assert {m.to[0] for m in mail.outbox} >= {s.email for s in secretaries}

    act(client, plan, "close")
    plan.refresh_from_db()
    assert plan.state == PlanState.CLOSED
    page = client.get(plan.get_absolute_url()).content.decode()
    for label in (
        "Văn phòng gửi kế hoạch xin Ban Thường vụ phê duyệt",
        "Ban Thường vụ phê duyệt kế hoạch",
        "Phát động kế hoạch",
        "Kết thúc kế hoạch",
        "Đồng ý ban hành.",
    ):
        assert label in page


def test_a_plan_cannot_be_launched_before_approval(client, office):
    plan = PlanFactory(state=PlanState.DRAFT)
    login(client, office)
    page = act(client, plan, "launch").content.decode()
    assert "Không thể thực hiện “Phát động kế hoạch”: kế hoạch đang ở trạng thái “Dự thảo”." in page
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_secretaries_do_not_see_draft_plans(client, secretary):
    draft = PlanFactory(state=PlanState.DRAFT)
    launched = PlanFactory()
    login(client, secretary)
    assert client.get(draft.get_absolute_url()).status_code == 404
    page = client.get(reverse("campaigns:plan_list")).content.decode()
    assert str(launched.year) in page and str(draft.year) not in page


def test_secretary_cannot_manage_plans(client, secretary):
    login(client, secretary)
    assert client.get(reverse("campaigns:plan_create")).status_code == 403
    assert client.get(reverse("campaigns:term_create")).status_code == 403


def test_plan_page_shows_phases_criteria_and_the_pledge_button(client, plan, unit, secretary):
    from .factories import PhaseFactory

    PhaseFactory(plan=plan, name="Đợt thi đua chào mừng 65 năm Ngày truyền thống")
    login(client, secretary)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Đợt thi đua chào mừng 65 năm Ngày truyền thống" in page
    assert "Tỷ lệ đảng viên hoàn thành tốt" in page
    assert "Lập bản đăng ký thi đua" in page


def test_office_adds_a_movement_to_a_term_and_numbers_stay_unique(client, office):
    from campaigns.models import Movement

    from .factories import MovementFactory, TermFactory

    term = TermFactory()
    MovementFactory(term=term, number=1)
    login(client, office)
    url = reverse("campaigns:movement_create", args=[term.pk])
    data = {
        "number": 1,
        "name": "Doanh nghiệp Hà Tĩnh hội nhập và phát triển",
        "department": "Văn phòng",
        "is_key": "on",
    }
    page = client.post(url, data).content.decode()
    assert "Số thứ tự này đã có phong trào khác trong nhiệm kỳ." in page
    data["number"] = 4
    assert client.post(url, data).status_code == 302
    assert Movement.objects.filter(term=term, number=4).exists()
    page = client.get(term.get_absolute_url()).content.decode()
    assert "Doanh nghiệp Hà Tĩnh hội nhập và phát triển" in page and "Thêm phong trào" in page
