"""Each role's home lists its pending work: the Propaganda department sees the exemplars waiting to be published,
publishes one from its page (which says who it waits for) and finds one fewer waiting back home."""

import re

from playwright.sync_api import expect

from campaigns.enums import ExemplarState
from campaigns.models import Exemplar

TITLE = "Mô hình “Thắp sáng đường quê” góp phần xây dựng nông thôn mới"


def test_the_propaganda_department_publishes_from_its_home_and_the_count_goes_down(journey):
    waiting = Exemplar.objects.filter(state=ExemplarState.VERIFIED).count()
    assert waiting >= 1
    propaganda = journey("home-propaganda")
    propaganda.login("tuyengiao")
    page = propaganda.page
    panel = page.locator("section").filter(has=page.get_by_role("heading", name=re.compile("Điển hình chờ công bố")))
    expect(panel.locator(".card-title .badge")).to_have_text(str(waiting))
    expect(panel.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    propaganda.step("home with exemplars waiting")
    propaganda.guide("tuyen-giao-trang-chu")

    # the button-like link names the exemplar to screen readers after its visible "Công bố"
    panel.get_by_role("link", name=re.compile(r"^Công bố\W+Mô hình “Thắp sáng đường quê”")).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator(".next-step")).to_contain_text("Đang chờ: Ban Tuyên giáo")
    propaganda.step("exemplar waiting for propaganda")
    propaganda.click("Công bố")
    expect(page.get_by_text("Đã công bố trên trang công khai.")).to_be_visible()
    expect(page.locator(".next-step")).to_contain_text("Đã hoàn tất")
    propaganda.step("published")

    propaganda.goto("/")
    expect(panel.locator(".card-title .badge")).to_have_text(str(waiting - 1))
    expect(panel.get_by_role("link", name=TITLE, exact=True)).to_have_count(0)
    if waiting == 1:
        expect(panel).to_contain_text("Không có việc cần xử lý")
    propaganda.step("home after publishing")
    assert Exemplar.objects.get(title=TITLE).state == ExemplarState.PUBLISHED
