"""The secret ballot for those who vote and count, on the demo's open ballot (an exceptional deed of the Home Affairs
Department, one member has voted): the Office watches the turnout refresh by itself, a member reads the nominee's
summary and opens the dossier from the ballot, then votes; once every member has voted the Office closes the ballot
early and reads the result. At phone width the vote and the result stay within the screen."""

from playwright.sync_api import expect

from awards.enums import BallotState
from awards.models import Ballot

# The turnout block asks the server again every 10 s: a change shows within two rounds.
POLL = 25_000


def within_screen(journey, locator):
    """The element lies inside the viewport's width and the page does not scroll sideways."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    width = journey.page.evaluate("() => window.innerWidth")
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
    assert journey.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_the_office_follows_the_turnout_and_closes_the_ballot_once_everyone_has_voted(journey):
    ballot = Ballot.objects.get(state=BallotState.OPEN)
    nominee = ballot.items.select_related("nominee__person").get().nominee
    name = nominee.person.full_name

    # The Office opens the ballot: one member has voted, two have not; nothing to close yet.
    office = journey("ballot-office")
    office.login("vanphong")
    office.menu("Khen thưởng", "Bỏ phiếu kín")
    office.click(ballot.name, role="link", exact=True)
    turnout = office.page.locator("#ballot-turnout")
    expect(turnout.locator('[data-turnout="done"]')).to_have_text("Hoàng Minh Tâm")
    expect(turnout.locator('[data-turnout="waiting"]')).to_contain_text("Phạm Quốc Trung")
    expect(turnout.locator('[data-turnout="waiting"]')).to_contain_text("Võ Xuân Sơn")
    expect(turnout).not_to_contain_text("Đồng ý")
    expect(office.page.get_by_role("button", name="Kết thúc sớm và kiểm phiếu")).to_have_count(0)
    office.step("turnout")
    office.guide("van-phong-tinh-hinh-bo-phieu", full_page=True)

    # A member reads the nominee's summary, opens the dossier from the ballot, comes back and votes.
    for username in ("hoidong1", "hoidong3"):
        member = journey(f"ballot-{username}")
        member.login(username)
        member.menu("Khen thưởng", "Bỏ phiếu kín")
        member.click(ballot.name, role="link", exact=True)
        page = member.page
        page.get_by_text("Tóm tắt thành tích").first.click()
        expect(page.get_by_text(nominee.summary)).to_be_visible()
        member.step("summary")
        if username == "hoidong1":
            member.click("Mở hồ sơ đề nghị", role="link")
            expect(page.get_by_role("heading", level=1)).to_contain_text(nominee.proposal.unit.name)
            expect(page.get_by_text(name).first).to_be_visible()
            member.step("dossier")
            page.go_back()
            page.wait_for_load_state()
        group = page.get_by_role("group", name=name)
        within_screen(member, group)
        group.get_by_label("Đồng ý", exact=True).check()
        member.step("ballot")
        member.click("Gửi phiếu")
        expect(page.get_by_text("Đã ghi nhận phiếu của bạn.")).to_be_visible()
        within_screen(member, page.get_by_text("Bạn: Đồng ý"))
        member.step("voted")
        # The Office's page, left open, shows the vote without being reloaded.
        expect(turnout.locator('[data-turnout="done"]')).to_contain_text(member_name(username), timeout=POLL)

    # Everyone has voted: the Office closes the ballot before its time.
    close = office.page.get_by_role("button", name="Kết thúc sớm và kiểm phiếu")
    expect(close).to_be_visible(timeout=POLL)
    office.step("everyone voted")
    close.click()
    office.page.wait_for_load_state()
    expect(office.page.get_by_text("Đã kiểm phiếu.")).to_be_visible()
    assert office.dialogs[-1].startswith("Mọi thành viên được biểu quyết đã bỏ phiếu.")
    result = office.page.locator("td.ballot-result").first
    expect(result).to_have_text("Thông qua")
    within_screen(office, result)
    expect(office.page.locator('td[data-label="Không tham gia"]').first).to_have_text("0")
    expect(office.page.locator("#ballot-turnout")).to_have_count(0)
    office.step("closed early")
    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED
    assert ballot.closes_at == ballot.tallied_at


def member_name(username):
    return {"hoidong1": "Phạm Quốc Trung", "hoidong3": "Võ Xuân Sơn"}[username]
