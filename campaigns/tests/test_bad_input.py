"""Bad input gives a clear error in Vietnamese and writes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaigns.models import Evidence, IndividualRegistration, Phase, PledgeTarget, ResultValue, YearPlan
from emulation.models import AuditEntry
from emulation.tests.factories import PersonFactory

from .conftest import login
from .factories import PledgeFactory, ResultFactory, TermFactory, accepted_pledge
from .test_pledges import pledge_form_data
from .test_results import values_data

pytestmark = pytest.mark.django_db


def errors_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("C", "120", "Tiêu chí C đo theo tỷ lệ: chỉ tiêu không được vượt quá 100%."),
        ("D", "11", "Tiêu chí D: chỉ tiêu không được vượt quá điểm tối đa 10"),
        ("B", "-3", "Chỉ tiêu của tiêu chí B phải là số không âm."),
        ("B", "ba mô hình", "Chỉ tiêu của tiêu chí B phải là một số."),
        ("B", "NaN", "Chỉ tiêu của tiêu chí B phải là số không âm."),
    ],
)
def test_target_of_the_wrong_kind_is_refused_and_nothing_is_saved(client, plan, unit, secretary, code, value, message):
    pledge = PledgeFactory(plan=plan, unit=unit, aimed_title="")
    login(client, secretary)
    page = errors_of(
        client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), pledge_form_data(plan, **{code: value}))
    )
    assert message in page
    assert not PledgeTarget.objects.exists()
    pledge.refresh_from_db()
    assert pledge.aimed_title == "" and pledge.version == 1
    assert not AuditEntry.objects.filter(action="pledge.updated").exists()


def test_result_value_of_the_wrong_kind_is_refused_and_nothing_is_saved(client, plan, unit, secretary):
    report = ResultFactory(pledge=accepted_pledge(plan, unit))
    login(client, secretary)
    page = errors_of(client.post(reverse("campaigns:result_edit", args=[report.pk]), values_data(plan, B="2", C="101")))
    assert "Tiêu chí C đo theo tỷ lệ: kết quả không được vượt quá 100%." in page
    assert not ResultValue.objects.exists()
    report.refresh_from_db()
    assert report.narrative == ""


def plan_data(term, **overrides):
    data = {
        "term": term.pk,
        "year": 2027,
        "theme": "Chủ đề năm",
        "focus_tasks": "",
        "registration_deadline": "2027-03-31",
        "six_month_deadline": "2027-07-15",
        "year_end_deadline": "2027-12-15",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"registration_deadline": "2026-12-31"}, "Hạn đăng ký thi đua phải nằm trong năm 2027."),
        (
            {"six_month_deadline": "2028-01-15", "year_end_deadline": "2028-02-01"},
            "Hạn báo cáo sáu tháng phải nằm trong năm 2027.",
        ),
        ({"year_end_deadline": "2028-06-30"}, "Hạn báo cáo cả năm phải nằm trong năm 2027 hoặc quý I năm sau."),
        ({"six_month_deadline": "2027-01-15"}, "Các hạn phải theo thứ tự: đăng ký, báo cáo sáu tháng, báo cáo cả năm."),
    ],
)
def test_plan_deadline_outside_the_plan_year_is_refused(client, office, overrides, message):
    term = TermFactory()
    login(client, office)
    page = errors_of(client.post(reverse("campaigns:plan_create"), plan_data(term, **overrides)))
    assert message in page
    assert not YearPlan.objects.exists()


def test_office_creates_a_plan_with_good_dates(client, office):
    term = TermFactory()
    login(client, office)
    response = client.post(reverse("campaigns:plan_create"), plan_data(term))
    plan = YearPlan.objects.get(year=2027)
    assert response.status_code == 302 and plan.state == "draft"


def test_phase_dates_outside_the_plan_year_are_refused(client, plan, office):
    login(client, office)
    data = {
        "name": "Đợt thi đua chào mừng",
        "occasion": "",
        "start_date": f"{plan.year - 1}-12-01",
        "end_date": f"{plan.year}-01-31",
    }
    page = errors_of(client.post(reverse("campaigns:phase_create", args=[plan.pk]), data))
    assert f"Ngày của đợt thi đua phải nằm trong năm {plan.year} của kế hoạch." in page
    assert not Phase.objects.exists()
    data["start_date"], data["end_date"] = f"{plan.year}-05-01", f"{plan.year}-04-01"
    page = errors_of(client.post(reverse("campaigns:phase_create", args=[plan.pk]), data))
    assert "Ngày kết thúc phải sau ngày bắt đầu." in page
    assert not Phase.objects.exists()


def upload(client, report, name, content):
    return client.post(
        reverse("campaigns:evidence_upload", args=[report.pk]), {"file": SimpleUploadedFile(name, content)}, follow=True
    ).content.decode()


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_exe_renamed_pdf_is_refused_and_nothing_is_stored(client, plan, unit, secretary, settings):
    report = ResultFactory(pledge=accepted_pledge(plan, unit))
    login(client, secretary)
    page = upload(client, report, "bao-cao.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200)
    assert "Tệp “bao-cao.pdf” không được chấp nhận" in page
    assert not Evidence.objects.exists() and not media_files(settings)


def test_a_pdf_named_like_an_image_is_refused(client, plan, unit, secretary, settings):
    report = ResultFactory(pledge=accepted_pledge(plan, unit))
    login(client, secretary)
    page = upload(client, report, "anh.png", b"%PDF-1.4\n%%EOF")
    assert "không khớp phần mở rộng" in page
    assert not Evidence.objects.exists()


def test_file_over_the_size_limit_is_refused(client, plan, unit, secretary, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    report = ResultFactory(pledge=accepted_pledge(plan, unit))
    login(client, secretary)
    page = upload(client, report, "lon.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert "vượt quá dung lượng cho phép" in page
    assert not Evidence.objects.exists() and not media_files(settings)


def test_office_documents_and_images_are_accepted_by_their_content(client, plan, unit, secretary):
    report = ResultFactory(pledge=accepted_pledge(plan, unit))
    login(client, secretary)
    buffer = io.BytesIO()
    Workbook().save(buffer)
    upload(client, report, "so-lieu.xlsx", buffer.getvalue())
    upload(client, report, "anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    upload(client, report, "anh.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    assert sorted(Evidence.objects.values_list("content_type", flat=True)) == [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/jpeg",
        "image/png",
    ]


def import_file(client, pledge, content, name="dang-ky.xlsx"):
    return client.post(
        reverse("campaigns:registration_import", args=[pledge.pk]), {"file": SimpleUploadedFile(name, content)}
    )


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADERS = ["Mã cá nhân", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Ghi chú"]


def test_registrations_import_from_the_offered_template(client, plan, unit, secretary):
    people = [PersonFactory(unit=unit, full_name=f"Nguyễn Thị {n}") for n in ("An", "Bình", "Cúc")]
    pledge = PledgeFactory(plan=plan, unit=unit)
    login(client, secretary)
    response = client.get(reverse("campaigns:registration_template", args=[pledge.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS
    names = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    names["Nguyễn Thị An"][3].value = "Chiến sĩ thi đua cơ sở"
    names["Nguyễn Thị Cúc"][3].value = "Lao động tiên tiến"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = import_file(client, pledge, buffer.getvalue())
    assert response.status_code == 302
    assert dict(IndividualRegistration.objects.values_list("person", "title")) == {
        people[0].pk: "Chiến sĩ thi đua cơ sở",
        people[2].pk: "Lao động tiên tiến",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"day khong phai excel", "Tệp không đúng định dạng Excel (.xlsx)"),
        (b"PK\x03\x04 broken zip", "Tệp không đúng định dạng Excel (.xlsx)"),
        (xlsx([["Tên", "Danh hiệu"], ["A", "B"]]), "Tệp không đúng mẫu: dòng tiêu đề phải là"),
        (xlsx([HEADERS, ["abc", "Nguyễn Thị An", "", "Lao động tiên tiến"]]), "Dòng 2: mã cá nhân không hợp lệ."),
        (
            xlsx([HEADERS, [999999, "Nguyễn Thị An", "", "Lao động tiên tiến"]]),
            "Dòng 2: mã cá nhân 999999 không thuộc đơn vị.",
        ),
        (xlsx([HEADERS]), "Tệp không có dòng nào điền danh hiệu đăng ký."),
    ],
)
def test_malformed_xlsx_gives_a_clear_error_and_writes_nothing(client, plan, unit, secretary, content, message):
    PersonFactory(unit=unit, full_name="Nguyễn Thị An")
    pledge = PledgeFactory(plan=plan, unit=unit)
    login(client, secretary)
    page = errors_of(import_file(client, pledge, content))
    assert message in page
    assert not IndividualRegistration.objects.exists()


def test_import_with_one_bad_row_writes_none_of_the_good_rows(client, plan, unit, secretary, other_unit):
    mine = PersonFactory(unit=unit, full_name="Nguyễn Thị An")
    stranger = PersonFactory(unit=other_unit, full_name="Lê Văn Lạ")
    pledge = PledgeFactory(plan=plan, unit=unit)
    login(client, secretary)
    content = xlsx(
        [
            HEADERS,
            [mine.pk, "Nguyễn Thị An", "", "Lao động tiên tiến"],
            [stranger.pk, "Lê Văn Lạ", "", "Lao động tiên tiến"],
            [mine.pk + 1000, "Ai đó", "", "Lao động tiên tiến"],
        ]
    )
    page = errors_of(import_file(client, pledge, content))
    assert f"Dòng 3: mã cá nhân {stranger.pk} không thuộc đơn vị." in page
    assert not IndividualRegistration.objects.exists()


def test_name_that_does_not_match_the_id_is_refused(client, plan, unit, secretary):
    person = PersonFactory(unit=unit, full_name="Nguyễn Thị An")
    pledge = PledgeFactory(plan=plan, unit=unit)
    login(client, secretary)
    page = errors_of(import_file(client, pledge, xlsx([HEADERS, [person.pk, "Trần Văn B", "", "Lao động tiên tiến"]])))
    assert "không khớp với mã cá nhân" in page
    assert not IndividualRegistration.objects.exists()


def test_deadline_edits_do_not_touch_a_launched_plan(client, plan, office):
    before = plan.registration_deadline
    login(client, office)
    data = plan_data(plan.term, year=plan.year, registration_deadline=f"{plan.year}-02-01")
    data["six_month_deadline"], data["year_end_deadline"] = f"{plan.year}-07-01", f"{plan.year}-12-01"
    page = errors_of(client.post(reverse("campaigns:plan_update", args=[plan.pk]), data))
    assert "Chỉ sửa được kế hoạch đang ở trạng thái dự thảo." in page
    plan.refresh_from_db()
    assert plan.registration_deadline == before
