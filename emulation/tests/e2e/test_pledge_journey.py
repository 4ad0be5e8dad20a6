"""A unit secretary's year: the pledge with the individual list from the Excel template, returned by the Office,
fixed and resubmitted on next year's plan; the cluster covenant signed; another unit's six-month results of this year
reported with a self-score per criterion and a PDF as evidence."""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfWriter

from campaigns import services
from campaigns.enums import ReviewState
from campaigns.models import Covenant, Pledge, ResultReport, YearPlan
from emulation.models import Person, Unit

# The demo's draft plan is next year's (demo data is told relative to today).
YEAR = timezone.localdate().year + 1
RETURN_NOTE = "Đề nghị nâng chỉ tiêu tỷ lệ đảng viên hoàn thành tốt nhiệm vụ lên ít nhất 95%."


@pytest.fixture
def launched_next(demo):
    """The demo's plan for next year is a draft: the Office submits it, the Standing Committee approves it and the
    Office launches it (the plan journeys do each through the pages)."""
    plan = YearPlan.objects.get(year=timezone.localdate().year + 1)
    services.submit_plan(plan=plan, by=User.objects.get(username="vanphong"))
    services.approve_plan(plan=plan, by=User.objects.get(username="thuongvu"))
    services.launch_plan(plan=plan, by=User.objects.get(username="vanphong"))
    return plan


def small_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"Biên bản hội nghị quán triệt kế hoạch thi đua năm {YEAR}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_secretary_pledges_is_returned_resubmits_signs_the_covenant_and_reports_results(
    journey, launched_next, tmp_path
):
    plan = launched_next
    unit = Unit.objects.get(code="so-tai-chinh")
    people = list(Person.objects.filter(unit=unit, is_active=True).order_by("full_name")[:2])

    secretary = journey("pledge-secretary")
    page = secretary.page
    secretary.login("bithu1")
    secretary.step("home")
    secretary.guide("bi-thu-trang-chu", widths=("phone",))
    secretary.menu("Phong trào thi đua", "Kế hoạch thi đua năm")
    secretary.click(str(YEAR), role="link", exact=True)
    secretary.step("launched plan")
    secretary.click("Lập bản đăng ký thi đua")

    # The pledge: movements, the collective title, the commitment and one target per criterion.
    page.get_by_label("Cả tỉnh chung sức xây dựng nông thôn mới, đô thị văn minh").check()
    page.get_by_label("Toàn dân đoàn kết xây dựng đời sống văn hóa").check()
    page.get_by_label("Danh hiệu tập thể đăng ký").select_option(label="Tập thể lao động xuất sắc")
    page.get_by_label("Nội dung cam kết").fill(f"Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm {YEAR}.")
    page.get_by_role("switch", name=re.compile(r"^TC1\.")).check()  # a yes/no criterion
    page.get_by_label("TC2.").fill("90")
    page.get_by_label("TC3.").fill("2")
    page.get_by_label("TC4.").fill("9")
    secretary.step("pledge form")
    secretary.guide("bi-thu-dang-ky-thi-dua", full_page=True)
    secretary.click("Lưu")
    expect(page.get_by_text("Đã lưu bản đăng ký thi đua.")).to_be_visible()
    pledge = Pledge.objects.get(plan=plan, unit=unit)

    # The individual list: the template the portal offers, filled in a spreadsheet program, uploaded.
    name, data = secretary.download("Tải mẫu Excel")
    assert name.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    titles = {people[0].full_name: "Chiến sĩ thi đua cơ sở", people[1].full_name: "Lao động tiên tiến"}
    for row in sheet.iter_rows(min_row=2):
        if row[1].value in titles:
            row[3].value = titles[row[1].value]
    filled = tmp_path / "dang-ky-ca-nhan.xlsx"
    workbook.save(filled)
    secretary.click("Nhập từ Excel", role="link")
    secretary.step("import page")
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(str(filled))
    secretary.click("Nhập")
    expect(page.get_by_text("Đã nhập 2 cá nhân đăng ký danh hiệu.")).to_be_visible()
    for person in people:
        expect(page.get_by_role("cell", name=person.full_name, exact=True)).to_be_visible()
    secretary.step("pledge with individuals")
    secretary.guide("bi-thu-ban-dang-ky", full_page=True)
    secretary.click("Gửi Văn phòng")
    expect(page.get_by_text("Đã gửi bản đăng ký tới Văn phòng.")).to_be_visible()
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.SUBMITTED
    assert dict(pledge.registrations.values_list("person__full_name", "title")) == titles

    # The Office returns it with a note.
    office = journey("pledge-office")
    office.login("vanphong")
    office.menu("Phong trào thi đua", "Đăng ký thi đua")
    with office.page.expect_navigation():  # the filter submits itself when a choice changes
        office.page.get_by_label("Kế hoạch").select_option(label=str(YEAR))
    office.page.get_by_label("Tên đơn vị").fill("Tài chính")
    office.click("Lọc")
    office.step("pledges to review")
    office.click(unit.name, role="link", exact=True)
    office.page.get_by_label("Ý kiến").fill(RETURN_NOTE)
    office.step("review pledge")
    office.guide("van-phong-xet-dang-ky", full_page=True)
    office.click("Trả lại để bổ sung")
    expect(office.page.get_by_text("Đã trả lại bản đăng ký để đơn vị bổ sung.")).to_be_visible()
    # The secretary reads the note, fixes the target and sends it again; the Office accepts it.
    page.reload()
    expect(page.locator(".alert").filter(has_text=RETURN_NOTE)).to_contain_text("Văn phòng trả lại để bổ sung")
    secretary.step("pledge returned")
    secretary.click("Sửa bản đăng ký", role="link")
    page.get_by_label("TC2.").fill("95")
    secretary.click("Lưu")
    secretary.click("Gửi Văn phòng")
    expect(page.get_by_text("Đã gửi bản đăng ký tới Văn phòng.")).to_be_visible()
    office.page.reload()
    office.click("Chấp thuận")
    expect(office.page.get_by_text("Đã chấp thuận bản đăng ký.")).to_be_visible()
    office.step("pledge accepted")
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.ACCEPTED
    assert pledge.targets.get(criterion__code="TC2").value == 95

    # The covenant of the cluster the unit leads: drafted, opened for signature, signed.
    secretary.goto(plan.get_absolute_url())
    secretary.click("Soạn giao ước thi đua của cụm", role="link")
    page.get_by_label("Tiêu đề").fill(f"Giao ước thi đua năm {YEAR} – Cụm thi đua số 1")
    page.get_by_label("Nội dung giao ước").fill(
        f"Các đơn vị trong cụm giao ước thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm {YEAR}."
    )
    page.get_by_label("TC1.").check()
    secretary.step("covenant form")
    secretary.click("Lưu")
    expect(page.get_by_text("Đã soạn dự thảo giao ước.")).to_be_visible()
    secretary.click("Mở ký")
    expect(page.get_by_text("Đã mở ký giao ước.")).to_be_visible()
    page.get_by_label("Ký thay mặt đơn vị").select_option(label=unit.name)
    secretary.step("covenant open")
    secretary.guide("bi-thu-ky-giao-uoc", full_page=True)
    secretary.click("Ký giao ước")
    expect(page.get_by_text("Đơn vị đã ký giao ước.")).to_be_visible()
    secretary.step("covenant signed")
    covenant = Covenant.objects.get(plan=plan, cluster=unit.cluster)
    assert covenant.signatures.filter(unit=unit).exists()

    # Another unit of the cluster signs it too.
    member = journey("pledge-cluster-member")
    member.login("bithu2")
    member.menu("Phong trào thi đua", "Giao ước thi đua")
    member.step("covenants")
    member.click(covenant.title, role="link", exact=True)
    assert not member.page.get_by_role("button", name="Mở ký").count()
    member.page.get_by_label("Ký thay mặt đơn vị").select_option(label="Đảng bộ Sở Kế hoạch và Đầu tư")
    member.click("Ký giao ước")
    expect(member.page.get_by_text("Đơn vị đã ký giao ước.")).to_be_visible()
    member.step("covenant signed by a member")
    assert covenant.signatures.count() == 2

    # The six-month results of THIS year's plan, with a PDF as evidence: next year's plan has just been launched and
    # none of its periods has begun, while this year's six-month period is open on every day of the year (from
    # 1 January). In the demo, Sở Kế hoạch và Đầu tư has an accepted pledge this year and no six-month report yet.
    this_year = timezone.localdate().year
    reporting_unit = Unit.objects.get(code="so-ke-hoach")
    current = Pledge.objects.get(plan__year=this_year, unit=reporting_unit)
    assert current.state == ReviewState.ACCEPTED
    assert not ResultReport.objects.filter(plan=current.plan, unit=reporting_unit, period="six_month").exists()
    reporter, page = member, member.page
    reporter.menu("Phong trào thi đua", "Kế hoạch thi đua năm")
    reporter.click(str(this_year), role="link", exact=True)
    reporter.click("Xem bản đăng ký", role="link")
    page.get_by_label("Lập báo cáo kỳ").select_option(label="Sáu tháng đầu năm")
    reporter.click("Lập báo cáo")
    results = {"TC1": "1", "TC2": "96", "TC3": "1", "TC4": "8.5", "TC5": "10", "TC6": "1"}
    self_scores = {"TC1": "10", "TC2": "20", "TC3": "8", "TC4": "8.5", "TC5": "10", "TC6": "5"}
    for code, achieved in results.items():
        # Each criterion's row: what was achieved, and the unit's own score for it.
        # (the self-score field names its criterion to a screen reader too: the value's name starts with the code)
        row = page.locator("fieldset .row").filter(has=page.get_by_label(f"{code}."))
        if code == "TC1":  # a yes/no criterion: a switch
            row.get_by_role("switch", name=re.compile(rf"^{code}\.")).check()
        else:
            row.get_by_role("textbox", name=re.compile(rf"^{code}\.")).fill(achieved)
        row.get_by_label(f"Điểm tự chấm của tiêu chí {code}.").fill(self_scores[code])
    page.get_by_label("Tóm tắt kết quả").fill("Sáu tháng đầu năm, đơn vị triển khai đồng bộ các phong trào thi đua.")
    reporter.step("result form")
    reporter.guide("bi-thu-bao-cao-ket-qua", full_page=True)
    reporter.click("Lưu")
    expect(page.get_by_text("Đã lưu báo cáo kết quả.")).to_be_visible()
    evidence = tmp_path / "bien-ban-quan-triet.pdf"
    evidence.write_bytes(small_pdf())
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_label("Mô tả").fill("Biên bản hội nghị quán triệt")
    reporter.click("Tải lên")
    expect(page.get_by_text("Đã tải lên minh chứng.")).to_be_visible()
    name, data = reporter.download("bien-ban-quan-triet.pdf")
    assert data == evidence.read_bytes()
    reporter.step("result with evidence")
    reporter.guide("bi-thu-minh-chung", widths=("phone",), full_page=True)
    reporter.click("Gửi Văn phòng")
    expect(page.get_by_text("Đã gửi báo cáo tới Văn phòng.")).to_be_visible()
    reporter.step("result submitted")
    report = ResultReport.objects.get(plan=current.plan, unit=reporting_unit, period="six_month")
    assert report.state == ReviewState.SUBMITTED
    assert report.evidence.count() == 1
    stored = {
        code: f"{score.normalize():f}" for code, score in report.values.values_list("criterion__code", "self_score")
    }
    assert stored == self_scores
    assert report.self_score is not None and 0 < report.self_score <= 100

    # The Office reads the report and its evidence, and accepts it: the completion is computed.
    office.menu("Phong trào thi đua", "Báo cáo kết quả")
    with office.page.expect_navigation():  # the filter submits itself when a choice changes
        office.page.get_by_label("Kế hoạch").select_option(label=str(this_year))
    with office.page.expect_navigation():
        office.page.get_by_label("Trạng thái").select_option(label="Đã gửi")
    office.step("results to review")
    office.click(reporting_unit.name, role="link", exact=True)
    expect(office.page.get_by_role("link", name="bien-ban-quan-triet.pdf")).to_be_visible()
    office.click("Chấp thuận")
    expect(office.page.get_by_text("Đã chấp thuận báo cáo và tính mức hoàn thành.")).to_be_visible()
    office.step("result accepted")
    report.refresh_from_db()
    assert report.state == ReviewState.ACCEPTED and report.completion is not None
