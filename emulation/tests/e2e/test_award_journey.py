"""An award from the proposal to the decision: the Office opens a round, a secretary proposes one of the unit's people
for a title, the Office verifies, the council votes by secret ballot (the member from the nominee's unit is recused),
the list is published, the Standing Committee decides and the Office downloads the decision as a PDF."""

import datetime
import io

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter

from awards.enums import BallotState, NomineeResult, ProposalState
from awards.models import Ballot, Nominee, Proposal, PublicNotice
from campaigns.demo import term_start
from campaigns.models import Term
from emulation.models import Person, Unit

ROUND = "Khen thưởng chuyên đề chuyển đổi số"
TITLE = "Chiến sĩ thi đua cơ sở"
MOVEMENT = (
    "Cán bộ, đảng viên, công chức, viên chức, người lao động Đảng bộ Khối thi đua thực hiện văn hóa công sở, "
    "văn hóa doanh nghiệp"
)
# The documents the title requires: those of the whole dossier, then those of the nominee.
DOCUMENTS = [
    ("Tờ trình đề nghị khen thưởng của đơn vị", False, "to-trinh.pdf"),
    ("Biên bản họp Hội đồng thi đua - khen thưởng của đơn vị (có kết quả bỏ phiếu)", False, "bien-ban-hop.pdf"),
    ("Báo cáo thành tích có xác nhận của thủ trưởng đơn vị", True, "bao-cao-thanh-tich.pdf"),
    ("Quyết định công nhận sáng kiến, đề tài (minh chứng)", True, "quyet-dinh-sang-kien.pdf"),
]


def pdf_file(folder, name, title):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def other_units_proposal(round_name, pdf_folder):
    """The Planning and Investment Department's dossier in the same round, verified (the journey makes the Finance
    Department's by hand): the recused member still votes on this one."""
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile

    from awards import services
    from awards.models import Award, Round

    round = Round.objects.get(name=round_name)
    unit = Unit.objects.get(code="so-ke-hoach")
    secretary, office = User.objects.get(username="bithu2"), User.objects.get(username="vanphong")
    award = Award.objects.get(name=TITLE)
    proposal = services.create_proposal(round=round, unit=unit, by=secretary, achievement_report="Hoàn thành tốt.")
    person = Person.objects.filter(unit=unit, user__isnull=True).order_by("pk")[0]
    nominee = services.add_nominee(proposal=proposal, by=secretary, award=award, person=person, summary="Tiêu biểu.")
    for document in award.required_documents.all():
        data = pdf_file(pdf_folder, f"{document.code}.pdf", document.name).read_bytes()
        upload = SimpleUploadedFile(f"{document.code}.pdf", data, content_type="application/pdf")
        services.add_attachment(
            proposal=proposal,
            by=secretary,
            upload=upload,
            document_type=document,
            nominee=nominee if document.per_nominee else None,
        )
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    services.verify_proposal(proposal=proposal, by=office)
    return proposal, person


def passes(days):
    """The calendar moves on (a ballot's closing time, a notice's last day): the test cannot wait for it."""
    return timezone.now() - datetime.timedelta(days=days)


def test_a_proposal_goes_through_verification_secret_ballot_public_notice_and_decision(journey, tmp_path):
    year = timezone.localdate().year
    unit = Unit.objects.get(code="so-tai-chinh")
    # The third person of the unit meets the title's conditions this year (see awards/demo.py).
    nominee_person = Person.objects.filter(unit=unit, user__isnull=True).order_by("pk")[2]

    # The Office opens a round.
    office = journey("award-office")
    office.login("vanphong")
    office.menu("Khen thưởng", "Đợt xét khen thưởng")
    office.step("rounds")
    office.click("Mở đợt xét", role="link")
    page = office.page
    page.get_by_label("Tên đợt").fill(ROUND)
    page.get_by_label("Loại đợt").select_option(label="Khen thưởng theo chuyên đề, đợt thi đua")
    page.get_by_label("Năm được xét").fill(str(year))
    # A thematic round names its movement (or phase); each term runs the same movements, the option names the term.
    office.field("Phong trào").select_option(label=f"{MOVEMENT} ({Term.objects.get(start_year=term_start(year))})")
    page.get_by_label(TITLE, exact=True).check()
    page.get_by_label("Hạn nộp hồ sơ").fill((timezone.localdate() + datetime.timedelta(days=20)).strftime("%d/%m/%Y"))
    page.get_by_label("Hướng dẫn").fill("Các đơn vị gửi hồ sơ qua cổng thông tin đúng hạn.")
    office.step("round form")
    office.guide("van-phong-mo-dot-xet", full_page=True)
    office.click("Mở đợt xét")
    expect(page.get_by_text("Đã mở đợt xét khen thưởng.")).to_be_visible()
    office.step("round opened")

    # The secretary proposes one person of the unit for the title, with the documents the title requires.
    secretary = journey("award-secretary")
    secretary.login("bithu1")
    secretary.menu("Khen thưởng", "Đợt xét khen thưởng")
    secretary.click(ROUND, role="link", exact=True)
    secretary.step("round")
    secretary.click("Lập hồ sơ đề nghị", role="link")
    spage = secretary.page
    spage.get_by_label("Đơn vị đề nghị").select_option(label=unit.name)
    spage.get_by_label("Báo cáo thành tích chung").fill("Đơn vị hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm.")
    secretary.step("proposal form")
    secretary.click("Lập hồ sơ")
    expect(spage.get_by_text("Đã lập hồ sơ đề nghị.")).to_be_visible()
    secretary.click("Thêm trường hợp", role="link")
    spage.get_by_label("Danh hiệu, hình thức đề nghị").select_option(label=TITLE)
    spage.get_by_label("Cá nhân").select_option(label=nominee_person.full_name)
    spage.get_by_label("Tóm tắt thành tích").fill("Chủ trì số hóa hồ sơ quyết toán, có sáng kiến được công nhận.")
    secretary.step("nominee form")
    secretary.click("Thêm")
    expect(spage.get_by_text("Đã thêm trường hợp được đề nghị.")).to_be_visible()
    for document, per_nominee, filename in DOCUMENTS:
        spage.get_by_label("Loại tài liệu").select_option(label=document)
        if per_nominee:
            spage.get_by_label("Của trường hợp").select_option(index=1)
        path = pdf_file(tmp_path, filename, document)
        spage.get_by_label("Tệp đính kèm").set_input_files(str(path))
        secretary.click("Tải lên")
        expect(spage.get_by_text("Đã đính kèm tệp.")).to_be_visible()
    secretary.step("proposal ready")
    secretary.guide("bi-thu-ho-so-de-nghi", full_page=True)
    secretary.click("Gửi hồ sơ")
    expect(spage.get_by_text("Đã gửi hồ sơ đề nghị.")).to_be_visible()
    proposal = Proposal.objects.get(round__name=ROUND, unit=unit)
    # Back on the round, "Lập hồ sơ đề nghị" leads to the unit's dossier instead of a form that would be refused.
    secretary.menu("Khen thưởng", "Đợt xét khen thưởng")
    secretary.click(ROUND, role="link", exact=True)
    secretary.click("Lập hồ sơ đề nghị", role="link")
    expect(spage.get_by_role("button", name="Lập hồ sơ")).to_have_count(0)
    secretary.step("existing dossier")
    secretary.click(f"Hồ sơ của {unit.name}", role="link")
    expect(spage).to_have_url(office.base_url + proposal.get_absolute_url())
    assert proposal.state == ProposalState.SUBMITTED

    # The Office verifies it and opens the secret ballot.
    office.menu("Khen thưởng", "Đợt xét khen thưởng")
    office.click(ROUND, role="link", exact=True)
    office.click(unit.name, role="link", exact=True)
    office.click("Bắt đầu thẩm định")
    expect(page.get_by_text("Đã chuyển hồ sơ sang thẩm định.")).to_be_visible()
    page.get_by_label("Ghi chú kèm thao tác").fill("Hồ sơ đầy đủ, đủ điều kiện, trình Hội đồng.")
    office.step("verification")
    office.guide("van-phong-tham-dinh", full_page=True)
    office.click("Thẩm định đạt")
    expect(page.get_by_text("Hồ sơ đã được thẩm định đạt.")).to_be_visible()
    other_proposal, other_person = other_units_proposal(ROUND, tmp_path)
    page.get_by_role("link", name=ROUND).first.click()
    office.click("Mở phiên bỏ phiếu", role="link")
    page.get_by_label("Tên phiên bỏ phiếu").fill(f"Bỏ phiếu kín – {ROUND}")
    closes = timezone.localtime() + datetime.timedelta(days=2)
    page.get_by_label("Kết thúc bỏ phiếu lúc").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(str(proposal)).check()
    page.get_by_label(str(other_proposal)).check()
    office.step("ballot form")
    office.click("Mở phiên bỏ phiếu")
    expect(page.get_by_text("Đã mở phiên bỏ phiếu kín")).to_be_visible()
    ballot = Ballot.objects.get(round__name=ROUND)

    # The three council members vote. hoidong1 works in the Finance Department: the ballot is closed to him for its
    # nominee (no choice offered), open for the other unit's.
    for username in ["hoidong1", "hoidong2", "hoidong3"]:
        member = journey(f"award-council-{username}")
        member.login(username)
        member.menu("Khen thưởng", "Bỏ phiếu kín")
        member.step("ballots")
        member.click(ballot.name, role="link", exact=True)
        ballot_page = member.page
        if username == "hoidong1":
            expect(ballot_page.get_by_text("Không tham gia biểu quyết (cùng đơn vị)")).to_be_visible()
            assert not ballot_page.get_by_role("group", name=nominee_person.full_name).count()
        else:
            ballot_page.get_by_role("group", name=nominee_person.full_name).get_by_label("Đồng ý", exact=True).check()
        ballot_page.get_by_role("group", name=other_person.full_name).get_by_label("Đồng ý", exact=True).check()
        member.step("ballot")
        if username == "hoidong1":
            member.guide("hoi-dong-bo-phieu", widths=("phone",))
        member.click("Gửi phiếu")
        expect(member.page.get_by_text("Đã ghi nhận phiếu của bạn.")).to_be_visible()
        member.step("voted")
    votes = {item.nominee.person_id: item.votes.count() for item in ballot.items.select_related("nominee")}
    assert votes == {nominee_person.pk: 2, other_person.pk: 3}

    # The voting time ends; the Office counts the votes and publishes the list.
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=passes(days=0) - datetime.timedelta(minutes=1))
    page.goto(office.base_url + ballot.get_absolute_url())
    office.click("Kiểm phiếu")
    expect(page.get_by_text("Đã kiểm phiếu.")).to_be_visible()
    expect(page.get_by_text("Thông qua", exact=True)).to_have_count(2)
    office.step("tallied")
    office.guide("van-phong-kiem-phieu", full_page=True)
    office.click("Công khai danh sách")
    expect(page.get_by_text("Đã công khai danh sách.")).to_be_visible()
    office.step("notice")
    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED
    notice = PublicNotice.objects.get(ballot=ballot)

    # While the notice runs, the Standing Committee sees the decision step and the day it opens, disabled.
    standing = journey("award-standing-committee")
    standing.login("thuongvu")
    standing.menu("Khen thưởng", "Công khai danh sách đề nghị")
    standing.step("notices")
    standing.click(ROUND, role="link", exact=True)
    waiting = standing.page.get_by_role(
        "button", name=f"Ghi nhận quyết định — mở sau ngày {notice.ends_on:%d/%m/%Y}", exact=True
    )
    expect(waiting).to_be_disabled()
    standing.step("notice running")

    # The notice period ends; the Standing Committee records its decision.
    PublicNotice.objects.filter(pk=notice.pk).update(ends_on=passes(days=1).date())
    standing.page.reload()
    standing.step("notice")
    standing.click("Ghi nhận quyết định", role="link")
    standing.page.get_by_label("Số quyết định").fill("215")
    standing.page.get_by_label("Trích yếu").fill(f"Về việc tặng danh hiệu {TITLE} chuyên đề chuyển đổi số")
    standing.step("decision form")
    standing.guide("ban-thuong-vu-quyet-dinh", full_page=True)
    standing.click("Ghi nhận quyết định")
    expect(standing.page.get_by_text("Đã ghi nhận quyết định khen thưởng.")).to_be_visible()
    standing.step("decision")
    nominee = Nominee.objects.get(proposal=proposal)
    assert nominee.result == NomineeResult.AWARDED

    # The Office downloads the decision.
    office.menu("Khen thưởng", "Quyết định khen thưởng")
    office.step("decisions")
    office.click("215", role="link", exact=True)
    office.step("decision page")
    content_type, data = office.fetch("Quyết định (PDF)")
    assert content_type == "application/pdf" and data.startswith(b"%PDF")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)
    assert nominee_person.full_name in " ".join(text.split())
    assert other_person.full_name in " ".join(text.split())
