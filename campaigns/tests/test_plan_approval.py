"""A yearly plan's approval loop: the Office submits the draft, the Standing Committee returns it with a comment or
approves it, the Office edits the returned draft and submits it again; each side is told, and the plan's page shows
where it stands, who acts now, the viewer's own buttons only and the history with the comments. Before the launch the
plan's tracking shows no unit overdue and no reminder can be sent."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from campaigns import selectors, services
from campaigns.enums import PlanState
from emulation.errors import DomainError
from emulation.models import AuditEntry, Notification
from emulation.tests.factories import UnitFactory, office_user, secretary_of, standing_member

from .conftest import login
from .factories import PlanFactory, plan_with_criteria

pytestmark = pytest.mark.django_db

RETURN_NOTE = "Đề nghị bổ sung tiêu chí về chuyển đổi số và lùi hạn đăng ký sang 15/4."


def act(client, plan, action, comment=None):
    data = {} if comment is None else {"comment": comment}
    return client.post(reverse("campaigns:plan_action", args=[plan.pk, action]), data, follow=True)


def page_of(client, plan):
    return client.get(plan.get_absolute_url()).content.decode()


@pytest.fixture
def people(db, office):
    """Two Office staff, two active Standing Committee members and a former one, a unit secretary."""
    return {
        "office": office,
        "office2": office_user(username="vanphong2"),
        "standing": standing_member(username="thuongvu"),
        "standing2": standing_member(username="thuongvu2"),
        "former": standing_member(username="thuongvu-cu", is_active=False),
        "secretary": secretary_of(UnitFactory(), username="bithu-a"),
    }


@pytest.fixture
def draft(db):
    """Next year's plan, a draft whose deadlines lie in its year (the Office can still edit it)."""
    year = datetime.date.today().year + 1
    return plan_with_criteria(
        state=PlanState.DRAFT,
        year=year,
        registration_deadline=datetime.date(year, 3, 31),
        six_month_deadline=datetime.date(year, 7, 15),
        year_end_deadline=datetime.date(year, 12, 15),
    )


def waiting_on_home(client):
    """The plans the Standing Committee's home panel lists as waiting for approval, and its count."""
    response = client.get(reverse("home"))
    [panel] = [p for p in response.context["panels"] if p["template"] == "campaigns/panels/standing.html"]
    return [plan.pk for plan in panel["context"]["plans"]], panel["context"]["total"]


def notes_to(user):
    return list(Notification.objects.filter(recipient=user).order_by("id"))


def test_submit_return_with_a_comment_resubmit_and_approve(client, draft, people, django_capture_on_commit_callbacks):
    office, standing = people["office"], people["standing"]
    plan_url = draft.get_absolute_url()

    # The Office sees the draft's next step as its own, with the button to send it.
    login(client, office)
    page = page_of(client, draft)
    assert "Bước hiện tại: <strong>Văn phòng</strong> soạn kế hoạch" in page
    assert "Gửi Ban Thường vụ phê duyệt" in page and "Trả lại Văn phòng" not in page
    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, draft, "submit").content.decode()
    assert "Đã gửi kế hoạch tới Ban Thường vụ để phê duyệt." in page
    draft.refresh_from_db()
    assert draft.state == PlanState.SUBMITTED and draft.submitted_by == office and draft.submitted_at
    # Waiting for approval: the Office can neither edit nor send again, and is told why.
    assert "Gửi Ban Thường vụ phê duyệt" not in page and "Thêm tiêu chí" not in page
    assert "Trong khi chờ phê duyệt, kế hoạch và tiêu chí không sửa được" in page

    # Every active Standing Committee member is told, with the plan's link; no one else.
    for member in (standing, people["standing2"]):
        [note] = notes_to(member)
        assert note.url == plan_url and "chờ Ban Thường vụ phê duyệt" in note.title
    for other in (people["former"], office, people["office2"], people["secretary"]):
        assert not notes_to(other)

    # The Standing Committee's home lists it with the day it was sent; its page offers the decision.
    login(client, standing)
    assert waiting_on_home(client) == ([draft.pk], 1)
    home = client.get(reverse("home")).content.decode()
    assert "Kế hoạch chờ phê duyệt" in home
    assert f"Văn phòng gửi ngày {timezone.localtime(draft.submitted_at):%d/%m/%Y}" in home
    page = page_of(client, draft)
    assert "Bước hiện tại: <strong>Ban Thường vụ</strong> xem xét" in page
    assert "Phê duyệt" in page and "Trả lại Văn phòng" in page and "Ý kiến trả lại" in page

    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, draft, "return", RETURN_NOTE).content.decode()
    assert "Đã trả lại kế hoạch cho Văn phòng kèm ý kiến." in page
    draft.refresh_from_db()
    assert draft.state == PlanState.DRAFT and draft.return_comment == RETURN_NOTE
    assert waiting_on_home(client) == ([], 0)

    # Every Office member is told, the comment in the notification.
    for member in (office, people["office2"]):
        [note] = notes_to(member)
        assert note.url == plan_url and "trả lại" in note.title and note.body == RETURN_NOTE

    # The Office reads the comment at the top of the draft and in its history, edits and submits again.
    login(client, office)
    page = page_of(client, draft)
    assert "Ban Thường vụ đã trả lại kế hoạch để chỉnh sửa:" in page and RETURN_NOTE in page
    assert "Ban Thường vụ trả lại kế hoạch để chỉnh sửa" in page  # the history's entry, with its comment
    assert "Gửi Ban Thường vụ phê duyệt" in page and "Thêm tiêu chí" in page
    draft.registration_deadline = datetime.date(draft.year, 4, 15)
    services.save_plan(plan=draft, by=office)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, draft, "submit")
    draft.refresh_from_db()
    assert draft.state == PlanState.SUBMITTED
    assert len(notes_to(standing)) == 2 and notes_to(standing)[-1].url == plan_url

    # The Standing Committee sees the earlier comment beside the resubmitted plan, and approves it.
    login(client, standing)
    assert RETURN_NOTE in page_of(client, draft)
    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, draft, "approve").content.decode()
    assert "Đã phê duyệt kế hoạch." in page
    draft.refresh_from_db()
    assert draft.state == PlanState.APPROVED and draft.approved_by == standing and draft.return_comment == ""
    assert "Trả lại Văn phòng" not in page and "Ban Thường vụ đã trả lại" not in page
    for member in (office, people["office2"]):
        assert (
            notes_to(member)[-1].title.startswith("Ban Thường vụ đã phê duyệt") and notes_to(member)[-1].url == plan_url
        )
    assert "Không có kế hoạch nào chờ phê duyệt." in client.get(reverse("home")).content.decode()

    steps = list(
        AuditEntry.objects.for_object(draft)
        .filter(action__startswith="plan.")
        .order_by("created_at", "id")
        .values_list("action", "actor__username", "comment")
    )
    assert steps == [
        ("plan.submitted", "vanphong", ""),
        ("plan.returned", "thuongvu", RETURN_NOTE),
        ("plan.updated", "vanphong", ""),
        ("plan.submitted", "vanphong", ""),
        ("plan.approved", "thuongvu", ""),
    ]
    page = page_of(client, draft)
    assert page.count("Văn phòng gửi kế hoạch xin Ban Thường vụ phê duyệt") == 2
    assert "Bước hiện tại: Ban Thường vụ đã phê duyệt; <strong>Văn phòng</strong> phát động" in page


def test_the_secretary_can_neither_submit_nor_decide(client, draft, people):
    secretary = people["secretary"]
    for service in (services.submit_plan, services.approve_plan):
        with pytest.raises(PermissionDenied):
            service(plan=draft, by=secretary)
    with pytest.raises(PermissionDenied):
        services.return_plan(plan=draft, by=secretary, comment=RETURN_NOTE)
    login(client, secretary)
    for action in ("submit", "approve", "return"):
        assert act(client, draft, action, RETURN_NOTE).status_code == 404  # a draft is not the secretary's to see
    draft.refresh_from_db()
    assert draft.state == PlanState.DRAFT and not AuditEntry.objects.for_object(draft).exists()


def test_each_side_keeps_to_its_step(draft, people):
    """The Standing Committee does not submit; the Office does not approve nor return."""
    with pytest.raises(PermissionDenied):
        services.submit_plan(plan=draft, by=people["standing"])
    services.submit_plan(plan=draft, by=people["office"])
    with pytest.raises(PermissionDenied):
        services.approve_plan(plan=draft, by=people["office"])
    with pytest.raises(PermissionDenied):
        services.return_plan(plan=draft, by=people["office"], comment=RETURN_NOTE)
    draft.refresh_from_db()
    assert draft.state == PlanState.SUBMITTED


def test_a_draft_cannot_be_approved_before_the_office_submits_it(
    client, draft, people, django_capture_on_commit_callbacks
):
    login(client, people["standing"])
    page = page_of(client, draft)
    assert "/thao-tac/approve/" not in page and "/thao-tac/return/" not in page
    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, draft, "approve").content.decode()
    assert "Không thể thực hiện “Phê duyệt kế hoạch”: kế hoạch đang ở trạng thái “Dự thảo”." in page
    with pytest.raises(DomainError):
        services.return_plan(plan=draft, by=people["standing"], comment=RETURN_NOTE)
    draft.refresh_from_db()
    assert draft.state == PlanState.DRAFT and draft.approved_by is None
    assert not AuditEntry.objects.for_object(draft).exists() and not Notification.objects.exists()


@pytest.mark.parametrize("comment", [None, "", "   \n  "])
def test_a_return_without_a_comment_is_refused_and_changes_nothing(
    client, draft, people, comment, django_capture_on_commit_callbacks
):
    services.submit_plan(plan=draft, by=people["office"])
    Notification.objects.all().delete()
    login(client, people["standing"])
    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, draft, "return", comment).content.decode()
    assert "Hãy ghi rõ ý kiến: Văn phòng cần chỉnh sửa gì trong kế hoạch." in page
    draft.refresh_from_db()
    assert draft.state == PlanState.SUBMITTED and draft.return_comment == ""
    assert not AuditEntry.objects.filter(action="plan.returned").exists()
    assert not Notification.objects.exists()


def test_the_return_form_asks_for_the_comment(client, draft, people):
    services.submit_plan(plan=draft, by=people["office"])
    login(client, people["standing"])
    response = client.get(draft.get_absolute_url())
    form = response.context["return_form"]
    assert form.fields["comment"].required
    page = response.content.decode()
    assert 'name="comment"' in page and "required" in page[page.index('name="comment"') - 300 :]


@pytest.fixture
def late_units(db):
    """Three units with secretaries, for a plan whose deadlines have all passed."""
    units = [UnitFactory(name=f"Đảng bộ số {i}") for i in range(3)]
    for unit in units:
        secretary_of(unit)
    return units


def _past_plan(state):
    """A plan of last year, so every deadline has passed, in ``state``."""
    year = datetime.date.today().year - 1
    return PlanFactory(
        state=state,
        year=year,
        registration_deadline=datetime.date(year, 3, 31),
        six_month_deadline=datetime.date(year, 7, 15),
        year_end_deadline=datetime.date(year, 12, 15),
    )


@pytest.mark.parametrize("state", [PlanState.DRAFT, PlanState.SUBMITTED, PlanState.APPROVED])
def test_the_tracking_of_a_plan_not_launched_shows_no_unit_overdue_and_offers_no_reminder(
    client, office, late_units, state, django_capture_on_commit_callbacks
):
    plan = _past_plan(state)
    login(client, office)
    response = client.get(reverse("campaigns:plan_tracking", args=[plan.pk]))
    page = response.content.decode()
    assert "Kế hoạch chưa được phát động" in page
    assert "Việc theo dõi đăng ký thi đua, giao ước, báo cáo kết quả và nhắc nhở đơn vị bắt đầu sau khi" in page
    assert "Gửi nhắc nhở" not in page and "Nhắc tất cả" not in page and "Đơn vị trễ hạn" not in page
    assert reverse("campaigns:plan_tracking", args=[plan.pk]) not in page_of(client, plan)  # nor linked to
    # The selectors agree: no unit owes anything yet.
    assert selectors.tracking_overdue(plan) == ([], 0) and selectors.overdue_units(plan) == []
    rows = selectors.tracking_rows(plan, selectors.member_units())
    assert rows and not any(selectors.is_overdue(plan, row, datetime.date.today()) for row in rows)

    # A reminder posted anyway is refused, with the reason, and no one is told.
    with django_capture_on_commit_callbacks(execute=True):
        for data in ({"unit": [u.pk for u in late_units]}, {"all_overdue": "1"}):
            page = client.post(reverse("campaigns:plan_remind", args=[plan.pk]), data, follow=True).content.decode()
            assert "Kế hoạch chưa được phát động nên các đơn vị chưa có việc gì phải nộp" in page
    assert not Notification.objects.exists()
    assert not AuditEntry.objects.filter(action="plan.reminder_sent").exists()
    with pytest.raises(DomainError):
        services.send_reminder(plan=plan, units=late_units, by=office)


def test_once_launched_the_same_plan_tracks_its_overdue_units(client, office, late_units):
    plan = _past_plan(PlanState.APPROVED)
    services.launch_plan(plan=plan, by=office)
    login(client, office)
    response = client.get(reverse("campaigns:plan_tracking", args=[plan.pk]))
    assert response.context["overdue_total"] == 3
    assert "Gửi nhắc nhở" in response.content.decode()


def test_observers_do_not_see_the_tracking_of_a_plan_before_its_launch(client, late_units):
    from emulation.enums import Role
    from emulation.tests.factories import UserFactory

    observer = UserFactory(roles=[(Role.INSPECTION, None)])
    plan = _past_plan(PlanState.SUBMITTED)
    login(client, observer)
    assert client.get(reverse("campaigns:plan_tracking", args=[plan.pk])).status_code == 404


def test_a_plan_waiting_for_approval_keeps_the_phases_it_was_sent_with(client, draft, people):
    """What the Standing Committee reviews does not change under it: no phase added or edited while it waits."""
    from campaigns.models import Phase

    services.submit_plan(plan=draft, by=people["office"])
    year = draft.year
    phase = Phase(
        plan=draft, name="Đợt thi đua mới", start_date=datetime.date(year, 5, 1), end_date=datetime.date(year, 6, 1)
    )
    with pytest.raises(DomainError, match="đang chờ Ban Thường vụ phê duyệt"):
        services.save_phase(phase=phase, by=people["office"])
    assert not Phase.objects.filter(plan=draft).exists()
    login(client, people["office"])
    assert reverse("campaigns:phase_create", args=[draft.pk]) not in page_of(client, draft)
    services.return_plan(plan=draft, by=people["standing"], comment=RETURN_NOTE)
    services.save_phase(phase=phase, by=people["office"])  # returned: the Office edits again
    assert Phase.objects.filter(plan=draft).count() == 1
