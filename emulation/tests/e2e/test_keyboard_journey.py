"""Without a mouse: a secretary logs in, opens the menu, reaches the year's plans and a wide table with the keyboard."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from emulation.tests.e2e.conftest import PASSWORD


def tab_to(page, name, limit=60):
    """Press Tab until the focused element's accessible text is `name`; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.getAttribute('aria-label') || e.innerText || e.value || '').trim(); }"
        )
        if focused == name:
            return
    raise AssertionError(f"“{name}” cannot be reached with the Tab key")


def test_a_secretary_works_with_the_keyboard_only(journey):
    j = journey("keyboard")
    page = j.page
    j.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").focus()
    page.keyboard.type("bithu1")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Xin chào"))
    # The skip link comes first; then the menu (folded behind its toggler on a phone).
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.innerText.trim()") == "Bỏ qua, đến nội dung chính"
    if j.width == "phone":
        tab_to(page, "Mở menu")
        page.keyboard.press("Enter")
        page.locator("#nav-main").wait_for(state="visible")
    tab_to(page, "Phong trào thi đua")
    page.keyboard.press("Enter")
    tab_to(page, "Kế hoạch thi đua năm")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Kế hoạch thi đua năm")).to_be_visible()
    j.step("plans by keyboard")

    tab_to(page, str(timezone.localdate().year))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(rf"^Kế hoạch thi đua năm {timezone.localdate().year}")
    )
    # On a phone the criteria table is wider than the screen: its scrolling region takes the focus and the arrow keys.
    if j.width == "phone":
        region = page.locator(".table-responsive").filter(has_text="TC1.")
        region.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        # The browser scrolls after the key event is handled: wait for it rather than read it at once.
        page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
    j.step("plan by keyboard")
