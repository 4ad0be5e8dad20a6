"""The plan's approval loop: the Office submits next year's draft plan, a Standing Committee member finds it on the
home page and returns it with a comment, the Office reads the comment, edits the plan and submits it again, and the
Standing Committee approves it."""

import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.enums import PlanState
from campaigns.models import YearPlan
from emulation.models import AuditEntry, Notification

# The demo's draft plan is next year's (demo data is told relative to today).
YEAR = timezone.localdate().year + 1
PLAN = f"Kế hoạch thi đua năm {YEAR}"
RETURN_NOTE = "Đề nghị bổ sung tiêu chí về chuyển đổi số và lùi hạn đăng ký thi đua sang ngày 15/4."


def test_the_office_submits_the_standing_committee_returns_with_a_comment_then_approves(journey):
    plan = YearPlan.objects.get(year=YEAR)
    assert plan.state == PlanState.DRAFT

    office = journey("plan-approval-office")
    office.login("vanphong")
    office.menu("Phong trào thi đua", "Kế hoạch thi đua năm")
    office.click(str(YEAR), role="link", exact=True)
    page = office.page
    expect(page.get_by_text("Bước hiện tại: Văn phòng soạn kế hoạch")).to_be_visible()
    assert not page.get_by_role("button", name="Phê duyệt", exact=True).count()
    office.step("draft")
    office.click("Gửi Ban Thường vụ phê duyệt")
    expect(page.get_by_text("Đã gửi kế hoạch tới Ban Thường vụ để phê duyệt.")).to_be_visible()
    assert office.dialogs[-1].startswith("Gửi kế hoạch tới Ban Thường vụ để phê duyệt?")
    # Waiting for approval: nothing to edit or send, and the page says who acts now.
    expect(page.get_by_text("Bước hiện tại: Ban Thường vụ xem xét")).to_be_visible()
    assert not page.locator(f'a[href="{reverse("campaigns:plan_update", args=[plan.pk])}"]').count()
    assert not page.get_by_role("button", name="Gửi Ban Thường vụ phê duyệt").count()
    office.step("submitted")
    assert Notification.objects.filter(recipient__username="thuongvu", url=plan.get_absolute_url()).exists()

    standing = journey("plan-approval-standing-committee")
    standing.login("thuongvu")
    spage = standing.page
    panel = spage.locator("section", has=spage.get_by_role("heading", name=re.compile("Kế hoạch chờ phê duyệt")))
    expect(panel.get_by_role("heading")).to_contain_text("1")
    expect(panel.get_by_text("Văn phòng gửi ngày")).to_be_visible()
    standing.step("home with the plan waiting")
    panel.get_by_role("link", name=PLAN, exact=True).click()
    spage.wait_for_load_state()
    expect(spage.get_by_role("button", name="Phê duyệt", exact=True)).to_be_visible()
    standing.field("Ý kiến trả lại").fill(RETURN_NOTE)
    standing.step("return with a comment")
    standing.click("Trả lại Văn phòng")
    expect(spage.get_by_text("Đã trả lại kế hoạch cho Văn phòng kèm ý kiến.")).to_be_visible()
    assert standing.dialogs[-1] == "Trả lại kế hoạch cho Văn phòng chỉnh sửa, kèm ý kiến đã ghi?"
    assert not spage.get_by_role("button", name="Phê duyệt", exact=True).count()
    standing.step("returned")
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT and plan.return_comment == RETURN_NOTE

    # The Office is told, the comment in the notification, and finds it on the plan and in its history.
    office.goto(reverse("notification_list"))
    expect(page.get_by_text(RETURN_NOTE)).to_be_visible()
    office.step("notification")
    page.get_by_role("link", name=f"Ban Thường vụ trả lại {PLAN} để chỉnh sửa").first.click()
    page.wait_for_load_state()
    expect(page.locator(".alert-warning")).to_contain_text(RETURN_NOTE)
    history = page.get_by_role("region", name="Lịch sử xử lý")
    expect(history).to_contain_text("Ban Thường vụ trả lại kế hoạch để chỉnh sửa")
    expect(history).to_contain_text(RETURN_NOTE)
    office.step("returned plan with the comment")
    office.guide("van-phong-ke-hoach-bi-tra-lai", full_page=True)

    office.click("Sửa", role="link", exact=True)
    page.get_by_label("Hạn đăng ký thi đua").fill(f"15/04/{YEAR}")
    office.click("Lưu")
    expect(page.get_by_text("Đã lưu kế hoạch.")).to_be_visible()
    office.click("Gửi Ban Thường vụ phê duyệt")
    expect(page.get_by_text("Đã gửi kế hoạch tới Ban Thường vụ để phê duyệt.")).to_be_visible()
    office.step("resubmitted")

    standing.goto(reverse("home"))
    expect(panel.get_by_role("link", name=PLAN, exact=True)).to_be_visible()
    panel.get_by_role("link", name=PLAN, exact=True).click()
    spage.wait_for_load_state()
    expect(spage.get_by_text("Ý kiến khi trả lại lần trước:")).to_be_visible()
    standing.step("resubmitted plan")
    standing.guide("ban-thuong-vu-ke-hoach-cho-phe-duyet", widths=("phone",))
    standing.click("Phê duyệt", exact=True)
    expect(spage.get_by_text("Đã phê duyệt kế hoạch.")).to_be_visible()
    expect(spage.get_by_text("Văn phòng phát động kế hoạch tới các đơn vị.")).to_be_visible()
    standing.step("approved")
    standing.goto(reverse("home"))
    expect(spage.get_by_text("Không có kế hoạch nào chờ phê duyệt.")).to_be_visible()

    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED and plan.approved_by.username == "thuongvu"
    assert plan.registration_deadline.isoformat() == f"{YEAR}-04-15"
    steps = list(
        AuditEntry.objects.for_object(plan)
        .filter(action__in=["plan.submitted", "plan.returned", "plan.approved"])
        .order_by("created_at", "id")
        .values_list("action", "comment")
    )
    assert steps == [
        ("plan.submitted", ""),
        ("plan.returned", RETURN_NOTE),
        ("plan.submitted", ""),
        ("plan.approved", ""),
    ]
    assert Notification.objects.filter(
        recipient__username="vanphong", url=plan.get_absolute_url(), title__startswith="Ban Thường vụ đã phê duyệt"
    ).exists()
