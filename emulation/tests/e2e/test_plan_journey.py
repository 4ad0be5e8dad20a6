"""The year's plan: the Office drafts it with a phase and a criterion and submits it, the Standing Committee approves
it, the Office launches it and the units are told. (A return with a comment: test_plan_approval_journey.py.)"""

import re

from playwright.sync_api import expect

from campaigns.enums import PlanState
from campaigns.models import YearPlan
from emulation.models import Notification

THEME = "Đoàn kết, kỷ cương, đổi mới, sáng tạo, thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm 2023"


def test_the_office_drafts_the_plan_the_standing_committee_approves_it_and_the_office_launches_it(journey):
    office = journey("plan-office")
    office.login("vanphong")
    office.guide("van-phong-trang-chu")
    office.menu("Phong trào thi đua", "Kế hoạch thi đua năm")
    office.step("plans")
    office.click("Thêm kế hoạch", role="link")
    page = office.page
    page.get_by_role("combobox", name="Nhiệm kỳ").select_option(label="Nhiệm kỳ 2020-2025")
    office.field("Năm").fill("2023")
    page.get_by_label("Chủ đề năm").fill(THEME)
    page.get_by_label("Nhiệm vụ trọng tâm").fill(
        "Cải cách hành chính, chuyển đổi số;\nXây dựng Đảng bộ Khối vững mạnh."
    )
    # The demo's two terms run movements of the same names: each checkbox names its term.
    page.get_by_label("Toàn dân đoàn kết xây dựng đời sống văn hóa (Nhiệm kỳ 2020-2025)").check()
    page.get_by_label("Doanh nghiệp Hà Tĩnh hội nhập và phát triển (Nhiệm kỳ 2020-2025)").check()
    page.get_by_label("Hạn đăng ký thi đua").fill("31/03/2023")
    page.get_by_label("Hạn báo cáo sáu tháng").fill("15/07/2023")
    page.get_by_label("Hạn báo cáo cả năm").fill("01/07/2023")
    office.step("plan form")
    office.guide("van-phong-ke-hoach-moi", full_page=True)
    office.click("Lưu")
    # A year-end deadline before the six-month one is refused, with the reason, and nothing typed is lost.
    expect(page.get_by_text("Các hạn phải theo thứ tự")).to_be_visible()
    expect(page.get_by_label("Chủ đề năm")).to_have_value(THEME)
    office.step("plan form refused")
    page.get_by_label("Hạn báo cáo cả năm").fill("15/12/2023")
    office.click("Lưu")
    expect(page.get_by_text("Đã lưu kế hoạch.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Kế hoạch thi đua năm 2023"))
    office.step("plan saved")

    office.click("Thêm đợt", role="link")
    page.get_by_label("Tên đợt thi đua").fill("Đợt thi đua chào mừng 93 năm Ngày thành lập Đảng")
    page.get_by_label("Sự kiện chào mừng").fill("Kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam")
    page.get_by_label("Ngày bắt đầu").fill("05/01/2023")
    page.get_by_label("Ngày kết thúc").fill("03/02/2023")
    office.step("phase form")
    office.click("Lưu")
    expect(page.get_by_role("cell", name="Đợt thi đua chào mừng 93 năm Ngày thành lập Đảng")).to_be_visible()
    office.click("Thêm tiêu chí", role="link")
    page.get_by_label("Mã tiêu chí").fill("TC1")
    page.get_by_label("Tên tiêu chí").fill("Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên")
    page.get_by_label("Cách đo").select_option(label="Tỷ lệ (%)")
    page.get_by_label("Đơn vị tính").fill("%")
    page.get_by_label("Hướng dẫn chỉ tiêu").fill("Từ 90% trở lên")
    page.get_by_label("Trọng số").fill("2")
    page.get_by_label("Điểm tối đa").fill("20")
    page.get_by_label("Minh chứng cần có").fill("Báo cáo kiểm điểm, đánh giá đảng viên")
    office.step("criterion form")
    office.click("Lưu")
    expect(page.get_by_text("Đã lưu tiêu chí.")).to_be_visible()
    expect(page.get_by_role("cell", name="Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên")).to_be_visible()
    # A draft cannot be launched before the Standing Committee approves it.
    assert not page.get_by_role("button", name="Phát động").count()
    office.step("draft with phase and criterion")
    office.guide("van-phong-ke-hoach-du-thao", full_page=True)
    plan = YearPlan.objects.get(year=2023)
    assert plan.state == PlanState.DRAFT and plan.phases.count() == 1 and plan.criteria.count() == 1
    office.click("Gửi Ban Thường vụ phê duyệt")
    expect(page.get_by_text("Đã gửi kế hoạch tới Ban Thường vụ để phê duyệt.")).to_be_visible()
    office.step("submitted for approval")
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED

    standing = journey("plan-standing-committee")
    standing.login("thuongvu")
    standing.menu("Phong trào thi đua", "Kế hoạch thi đua năm")
    standing.click("2023", role="link", exact=True)
    assert not standing.page.get_by_role("link", name="Thêm tiêu chí").count()
    standing.step("plan to approve")
    standing.click("Phê duyệt", exact=True)
    expect(standing.page.get_by_text("Đã phê duyệt kế hoạch.")).to_be_visible()
    standing.step("approved")
    standing.guide("ban-thuong-vu-phe-duyet", widths=("phone",))
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED and plan.approved_by.username == "thuongvu"

    page.reload()
    office.click("Phát động")
    expect(page.get_by_text("Đã phát động kế hoạch")).to_be_visible()
    assert office.dialogs[-1] == "Phát động kế hoạch và thông báo tới tất cả đơn vị?"
    office.step("launched")
    plan.refresh_from_db()
    assert plan.state == PlanState.LAUNCHED
    assert Notification.objects.filter(recipient__username="bithu1", url=plan.get_absolute_url()).exists()
