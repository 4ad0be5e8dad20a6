"""Every role logs in and finds its home; the language switch works; another unit's pages are refused."""

import re

import pytest
from playwright.sync_api import expect

from emulation.models import Unit

# Each role's home opens on its own pending work, not only on its notifications.
ROLES = {
    "vanphong": "Hồ sơ khen thưởng cần thẩm định",
    "bithu1": "Việc đơn vị cần thực hiện",
    "hoidong1": "Phiên bỏ phiếu chờ bạn",
    "thuongvu": "Danh sách khen thưởng chờ quyết định",
    "tuyengiao": "Điển hình chờ công bố",
}


@pytest.mark.parametrize("username", list(ROLES))
def test_each_role_logs_in_and_sees_its_home(journey, username):
    j = journey(f"home-{username}")
    j.goto("/")
    j.step("login page")
    j.login(username)
    expect(j.page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Xin chào"))
    expect(j.page.get_by_text(ROLES[username]).first).to_be_visible()
    j.step("home")


def test_the_office_browses_units_and_switches_to_english(journey):
    j = journey()
    j.login("vanphong")
    j.goto("/don-vi/")
    j.page.get_by_label("Tìm kiếm").fill("Tài chính")
    j.page.get_by_role("button", name="Lọc").click()
    j.page.wait_for_url(lambda url: "q=" in url)
    expect(j.page.get_by_role("link", name="Đảng bộ Sở Tài chính")).to_be_visible()
    expect(j.page.get_by_role("link", name="Đảng bộ Sở Kế hoạch và Đầu tư")).to_have_count(0)
    j.step("units filtered")
    j.page.get_by_role("link", name="Đảng bộ Sở Tài chính").click()
    j.page.wait_for_load_state()
    j.step("unit page")
    j.open_menu()
    j.page.get_by_role("button", name="EN", exact=True).click()
    j.page.wait_for_load_state()
    expect(j.page.get_by_role("heading", name="Individuals")).to_be_visible()
    j.step("unit page in english")


def test_a_secretary_adds_a_person_to_the_unit(journey):
    j = journey()
    j.login("bithu1")
    unit = Unit.objects.get(code="so-tai-chinh")
    j.goto(unit.get_absolute_url())
    j.page.get_by_role("link", name="Thêm cá nhân").click()
    j.step("person form")
    j.page.get_by_label("Họ và tên").fill("Phan Thị Thu Trang")
    j.page.get_by_label("Năm sinh").fill("1800")
    j.page.get_by_role("button", name="Lưu").click()
    expect(j.page.get_by_text("Năm sinh không hợp lệ.")).to_be_visible()
    j.step("person form error")
    j.page.get_by_label("Năm sinh").fill("1990")
    j.page.get_by_label("Đối tượng").select_option(label="Công chức")
    j.page.get_by_role("button", name="Lưu").click()
    expect(j.page.get_by_role("heading", name="Phan Thị Thu Trang")).to_be_visible()
    j.step("person saved")


def test_a_secretary_cannot_open_another_units_pages(journey):
    j = journey()
    j.login("bithu2")
    other = Unit.objects.get(code="so-tai-chinh")
    person = other.people.first()
    for path in [other.get_absolute_url(), person.get_absolute_url(), f"/ca-nhan/{person.pk}/sua/"]:
        response = j.goto(path)
        assert response.status == 403
        assert person.full_name not in j.page.content()
    j.step("refused")
