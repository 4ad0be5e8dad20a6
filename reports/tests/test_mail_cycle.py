"""The mails of one full year's cycle, read as their recipients get them: every link is absolute, on the site's
address, and opens a page its recipient may see.

The cycle runs through the services, as the pages and the beat schedule call them: a plan approved and launched, a
pledge returned then accepted, deadline reminders and the Office's urging gathered in the next morning's digest,
an award round with a dossier submitted and verified, the council's ballot, the public notice, the decision and its
certificates; then a forgotten password.
"""

import datetime
import re
from email import message_from_bytes, policy

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from awards import services as awards
from awards.catalog import load_catalog
from awards.models import Award
from awards.tests.conftest import attach_required, close_now
from awards.tests.factories import PersonRatingFactory, award
from campaigns import services as campaigns
from campaigns.enums import PlanState, ReportingPeriod
from campaigns.models import YearPlan
from campaigns.tests.factories import TARGETS, plan_with_criteria
from emulation.models import OrganizationProfile
from emulation.tasks import send_reminder_digests
from emulation.tests.factories import (
    PersonFactory,
    UnitFactory,
    council_member,
    office_user,
    secretary_of,
    standing_member,
)
from reports.reminders import send_deadline_reminders

pytestmark = pytest.mark.django_db

SITE = "https://thidua.example.vn"
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def people(db):
    unit = UnitFactory(name="Đảng bộ Sở Tài chính")
    council = []
    for number in range(3):
        member = council_member(username=f"hoidong{number}", email=f"hoidong{number}@example.vn")
        PersonFactory(unit=UnitFactory(), user=member)  # each in a unit of his or her own: none is recused
        council.append(member)
    return {
        "unit": unit,
        "office": office_user(username="vanphong", email="vanphong@example.vn"),
        "secretary": secretary_of(unit, username="bithu", email="bithu@example.vn", first_name="Hùng"),
        "standing": standing_member(username="thuongvu", email="thuongvu@example.vn"),
        "council": council,
    }


def campaign_year(people):
    """Plan approved and launched; the unit's pledge returned, then accepted; reminders of the six-month report."""
    office, secretary, unit = people["office"], people["secretary"], people["unit"]
    today = timezone.localdate()
    plan = plan_with_criteria(year=today.year, state=PlanState.DRAFT)
    YearPlan.objects.filter(pk=plan.pk).update(
        registration_deadline=today + datetime.timedelta(days=3),
        six_month_deadline=today + datetime.timedelta(days=7),  # the daily sweep's "7 days left" reminder
        year_end_deadline=today + datetime.timedelta(days=60),
    )
    plan.refresh_from_db()
    # The approval loop both ways: the Standing Committee is told of the plan, the Office of its return.
    plan = campaigns.submit_plan(plan=plan, by=office)
    plan = campaigns.return_plan(plan=plan, by=people["standing"], comment="Đề nghị bổ sung tiêu chí chuyển đổi số.")
    plan = campaigns.submit_plan(plan=plan, by=office)
    plan = campaigns.approve_plan(plan=plan, by=people["standing"])
    plan = campaigns.launch_plan(plan=plan, by=office)

    pledge = campaigns.start_pledge(plan=plan, unit=unit, by=secretary)
    targets = {criterion: TARGETS[criterion.code] for criterion in plan.criteria.all()}
    campaigns.save_pledge(pledge=pledge, by=secretary, targets=targets, aimed_title="Tập thể lao động xuất sắc")
    campaigns.submit_pledge(pledge=pledge, by=secretary)
    campaigns.return_pledge(pledge=pledge, by=office, comment="Đề nghị nâng chỉ tiêu số mô hình mới.")
    campaigns.submit_pledge(pledge=pledge, by=secretary)
    campaigns.accept_pledge(pledge=pledge, by=office)

    assert plan.deadline_for(ReportingPeriod.SIX_MONTH) == today + datetime.timedelta(days=7)
    assert send_deadline_reminders(today=today) >= 1
    campaigns.send_reminder(plan=plan, units=[unit], by=office, message="Đề nghị đơn vị khẩn trương thực hiện.")


def award_round(people):
    """A round opened, a dossier submitted and verified, the ballot, the public notice, the decision, certificates."""
    if not Award.objects.exists():  # a transactional test elsewhere may have flushed the catalog's migration
        load_catalog(apps.get_model)
    OrganizationProfile.objects.create(issuing_body="ĐẢNG ỦY KHỐI", place="Hà Tĩnh", signer_name="Nguyễn Đình Hải")
    office, secretary, unit = people["office"], people["secretary"], people["unit"]
    round = awards.open_round(
        by=office,
        name="Khen thưởng năm 2025",
        kind="annual",
        year=2025,
        submission_deadline=timezone.localdate() + datetime.timedelta(days=10),
        awards=[award("giay-khen-ca-nhan")],
    )
    person = PersonFactory(unit=unit, full_name="Lê Thị Được Đề Nghị")
    PersonRatingFactory(person=person, year=2025, rating=4)
    proposal = awards.create_proposal(round=round, unit=unit, by=secretary, achievement_report="Hoàn thành xuất sắc.")
    awards.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=person)
    attach_required(proposal, secretary)
    awards.submit_proposal(proposal=proposal, by=secretary)
    awards.start_verification(proposal=proposal, by=office)
    awards.verify_proposal(proposal=proposal, by=office)

    ballot = awards.open_ballot(
        round=round,
        proposals=[proposal],
        closes_at=timezone.now() + datetime.timedelta(hours=2),
        by=office,
    )
    for member in people["council"]:
        awards.cast_votes(ballot=ballot, by=member, choices={ballot.items.get().pk: "agree"})
    awards.close_ballot(ballot=close_now(ballot), by=office)
    notice = awards.publish_notice(ballot=ballot, by=office)
    type(notice).objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    notice.refresh_from_db()
    decision = awards.record_decision(
        notice=notice,
        by=people["standing"],
        number="125",
        date=datetime.date(2025, 12, 30),
        signer_name="Nguyễn Đình Hải",
        signer_position="BÍ THƯ",
    )
    awards.issue_certificates(decision=decision, by=office)


def read(sent):
    message = message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    return message["Subject"], message.get_content()


def test_every_link_of_a_full_cycles_mails_is_absolute_and_opens_for_its_recipient(
    settings, people, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SITE
    with django_capture_on_commit_callbacks(execute=True):
        campaign_year(people)
    assert send_reminder_digests() == 1  # the secretary's reminders of the day, in one mail
    with django_capture_on_commit_callbacks(execute=True):
        award_round(people)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password-reset/", {"email": "bithu@example.vn"})

    received = {}
    for sent in mail.outbox:
        [address] = sent.to
        received.setdefault(address, []).append(read(sent))
    secretary_subjects = [subject for subject, _text in received["bithu@example.vn"]]
    for expected in (
        "Phát động",
        "bị trả lại để bổ sung",
        "đã được chấp thuận",
        "Nhắc hạn ngày",
        "Mở đợt xét khen thưởng",
        "đã được thẩm định",
        "Công khai danh sách",
        "Quyết định khen thưởng",
        "Đã cấp giấy khen",
        "mật khẩu",
    ):
        assert any(expected.lower() in subject.lower() for subject in secretary_subjects), (
            expected,
            secretary_subjects,
        )
    assert all(any("Mời bỏ phiếu kín" in s for s, _t in received[m.email]) for m in people["council"])
    assert any("cần thẩm định" in s for s, _t in received["vanphong@example.vn"])
    assert any("chờ quyết định" in s for s, _t in received["thuongvu@example.vn"])
    assert sum("Nhắc hạn ngày" in s for s in secretary_subjects) == 1  # reminders never come one by one
    digest = next(text for subject, text in received["bithu@example.vn"] if "Nhắc hạn ngày" in subject)
    assert "Còn 7 ngày đến hạn" in digest and "Đôn đốc thực hiện" in digest

    users = {user.email: user for user in get_user_model().objects.exclude(email="")}
    links = []
    for address, mails in received.items():
        for subject, text in mails:
            assert subject.startswith("[Cổng thi đua] "), subject
            found = LINK.findall(text)
            assert found, (subject, text)
            links += [(address, subject, link) for link in found]
    # A login changes what a reset token was made from: the reset link is opened first, as its reader would.
    links.sort(key=lambda row: "/accounts/reset/" not in row[2])
    for address, subject, link in links:
        assert link.startswith(f"{SITE}/"), (subject, link)
        path = link.removeprefix(SITE)
        client = Client()
        if "/accounts/reset/" in path:  # opened by someone who cannot log in
            response = client.get(path, follow=True)
            assert "new_password1" in response.content.decode()
        else:
            client.force_login(users[address])
            response = client.get(path)
        assert response.status_code == 200, (address, subject, path, response.status_code)
    assert len(links) >= 2 * len(mail.outbox)  # each mail's own link and its settings link at least
