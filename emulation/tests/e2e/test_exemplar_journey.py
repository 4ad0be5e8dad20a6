"""The Propaganda department publishes an exemplar the Office has verified; anyone can read it without logging in."""

from playwright.sync_api import expect

from campaigns.enums import ExemplarState
from campaigns.models import Exemplar

TITLE = "Mô hình “Thắp sáng đường quê” góp phần xây dựng nông thôn mới"


def test_the_propaganda_department_publishes_a_verified_exemplar_to_the_public_page(journey):
    propaganda = journey("exemplar-propaganda")
    propaganda.login("tuyengiao")
    propaganda.step("home")
    propaganda.menu("Phong trào thi đua", "Điển hình, nhân tố mới")
    propaganda.step("exemplars")
    propaganda.click(TITLE, role="link", exact=True)
    propaganda.step("verified exemplar")
    propaganda.guide("tuyen-giao-cong-bo", full_page=True)
    propaganda.click("Công bố")
    expect(propaganda.page.get_by_text("Đã công bố trên trang công khai.")).to_be_visible()
    propaganda.step("published")
    assert Exemplar.objects.get(title=TITLE).state == ExemplarState.PUBLISHED

    visitor = journey("exemplar-visitor")
    visitor.goto("/cong-khai/dien-hinh/")
    visitor.click(TITLE, role="link", exact=True)
    expect(visitor.page.get_by_role("heading", name=TITLE)).to_be_visible()
    visitor.step("public exemplar")
    visitor.guide("trang-cong-khai", widths=("phone",))
