"""Notification mail as its reader gets it: readable Vietnamese, absolute links, reminders in one mail a day, the
kinds each person chose, and no mail for the demo's story."""

import io
import unicodedata
from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from emulation import tasks
from emulation.enums import NotificationKind
from emulation.links import absolute_url
from emulation.mail import ConsoleBackend
from emulation.models import MailOptOut, Notification
from emulation.services import notify, set_mail_kinds, without_mail
from emulation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://thidua.example.vn"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.EMAIL_SUBJECT_PREFIX = "[Cổng thi đua] "


def parsed(message):
    return message_from_bytes(message.message().as_bytes(), policy=policy.default)


def send_now(capture, **kwargs):
    with capture(execute=True):
        return notify(**kwargs)


def test_a_notification_mail_reads_as_vietnamese_with_an_absolute_link(django_capture_on_commit_callbacks):
    user = UserFactory(email="bithu@example.vn")
    body = "Chủ đề năm: Đoàn kết, sáng tạo, nâng cao hiệu quả công tác của các tổ chức đảng trong Khối"
    send_now(
        django_capture_on_commit_callbacks,
        recipients=[user],
        title="Phát động Kế hoạch thi đua năm 2026",
        body=body,
        url="/ke-hoach/7/",
        deadline=date(2026, 12, 15),
        kind=NotificationKind.ANNOUNCEMENT,
    )
    [sent] = mail.outbox
    message = parsed(sent)
    assert message["Subject"] == "[Cổng thi đua] Phát động Kế hoạch thi đua năm 2026"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_content()
    assert "Phát động Kế hoạch thi đua năm 2026" in text
    assert " ".join(text.split()).count(body) == 1  # wrapped, not changed
    assert "Hạn: 15/12/2026" in text
    assert f"Xem trên cổng: {SITE}/ke-hoach/7/" in text
    assert "\n-- \n" in text and f"{SITE}/thong-bao/cai-dat-thu/" in text.split("\n-- \n")[1]


def test_the_body_travels_as_readable_utf8_not_base64(django_capture_on_commit_callbacks):
    user = UserFactory(email="bithu@example.vn")
    long_line = "Đề nghị đơn vị hoàn thiện hồ sơ, bổ sung minh chứng về sáng kiến được công nhận. " * 20
    send_now(django_capture_on_commit_callbacks, recipients=[user], title="Trả lại hồ sơ", body=long_line)
    raw = mail.outbox[0].message().as_bytes()
    head, _, payload = raw.partition(b"\n\n")
    assert b"Content-Transfer-Encoding: 8bit" in head
    assert "Đề nghị đơn vị hoàn thiện hồ sơ".encode() in payload
    assert max(len(line) for line in payload.splitlines()) <= 200  # wrapped: no quoted-printable fallback


def test_a_title_with_a_line_break_or_decomposed_accents_still_goes_out_on_one_line(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="bithu@example.vn")
    decomposed = unicodedata.normalize("NFD", "Hồ sơ đề nghị\nkhen thưởng")
    send_now(django_capture_on_commit_callbacks, recipients=[user], title=decomposed)
    assert parsed(mail.outbox[0])["Subject"] == "[Cổng thi đua] Hồ sơ đề nghị khen thưởng"
    assert Notification.objects.get().emailed_at is not None


def test_the_console_backend_writes_the_subject_as_it_reads(django_capture_on_commit_callbacks):
    user = UserFactory(email="bithu@example.vn")
    send_now(django_capture_on_commit_callbacks, recipients=[user], title="Mời bỏ phiếu kín", url="/bo-phieu/1/")
    stream = io.StringIO()
    ConsoleBackend(stream=stream).send_messages(mail.outbox)
    log = stream.getvalue()
    assert "Subject: [Cổng thi đua] Mời bỏ phiếu kín" in log
    assert f"{SITE}/bo-phieu/1/" in log
    assert "=?utf-8?" not in log


@pytest.mark.parametrize(
    ("site_url", "path", "expected"),
    [
        ("https://thidua.example.vn", "/bo-phieu/1/", "https://thidua.example.vn/bo-phieu/1/"),
        ("https://example.vn/thidua", "/bo-phieu/1/", "https://example.vn/thidua/bo-phieu/1/"),
        ("https://example.vn/thidua", "/thidua/bo-phieu/1/", "https://example.vn/thidua/bo-phieu/1/"),
        ("https://example.vn", "https://other.vn/x/", "https://other.vn/x/"),
    ],
)
def test_absolute_url_puts_the_site_address_in_front_once(settings, site_url, path, expected):
    settings.SITE_URL = site_url
    assert absolute_url(path) == expected


def test_an_opted_out_kind_stays_in_the_inbox_but_is_not_mailed(django_capture_on_commit_callbacks):
    user = UserFactory(email="bithu@example.vn")
    set_mail_kinds(user=user, kinds=[k for k in NotificationKind if k != NotificationKind.REVIEW])
    send_now(django_capture_on_commit_callbacks, recipients=[user], title="Đã chấp thuận", kind=NotificationKind.REVIEW)
    send_now(django_capture_on_commit_callbacks, recipients=[user], title="Mời bỏ phiếu", kind=NotificationKind.BALLOT)
    assert [m.subject for m in mail.outbox] == ["[Cổng thi đua] Mời bỏ phiếu"]
    assert Notification.objects.filter(recipient=user).count() == 2
    assert tasks.send_pending_notification_emails() == 0  # the sweep does not mail it later either
    assert not Notification.objects.get(title="Đã chấp thuận").by_email


def test_a_notification_asked_without_mail_is_not_mailed_by_the_sweep(django_capture_on_commit_callbacks):
    user = UserFactory(email="vanphong@example.vn")
    send_now(django_capture_on_commit_callbacks, recipients=[user], title="Đơn vị đã gửi báo cáo", email=False)
    assert tasks.send_pending_notification_emails() == 0
    assert mail.outbox == []


def test_mail_settings_page_saves_the_kinds_chosen(client):
    user = UserFactory(email="bithu@example.vn")
    client.force_login(user)
    page = client.get("/thong-bao/cai-dat-thu/").content.decode()
    assert page.count("checked") == len(NotificationKind)
    assert "bithu@example.vn" in page
    kept = [NotificationKind.BALLOT, NotificationKind.DECISION]
    response = client.post("/thong-bao/cai-dat-thu/", {"kinds": kept})
    assert response.status_code == 302
    assert set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True)) == set(NotificationKind) - set(kept)
    page = client.get("/thong-bao/cai-dat-thu/").content.decode()
    assert page.count("checked") == 2
    client.post("/thong-bao/cai-dat-thu/", {"kinds": list(NotificationKind)})
    assert not MailOptOut.objects.filter(user=user).exists()


def test_the_inbox_leads_to_the_mail_settings(client):
    client.force_login(UserFactory())
    assert "/thong-bao/cai-dat-thu/" in client.get("/thong-bao/").content.decode()


def remind(capture, user, title, deadline, url="/ke-hoach/1/"):
    return send_now(
        capture,
        recipients=[user],
        title=title,
        body="Đơn vị của đồng chí chưa hoàn thành.",
        url=url,
        deadline=deadline,
        kind=NotificationKind.REMINDER,
    )


def test_reminders_go_out_as_one_digest_a_day(django_capture_on_commit_callbacks):
    user = UserFactory(email="bithu@example.vn", first_name="Hùng", last_name="Nguyễn Văn")
    other = UserFactory(email="bithu2@example.vn")
    remind(django_capture_on_commit_callbacks, user, "Quá hạn đăng ký thi đua năm 2026", date(2026, 3, 1))
    remind(django_capture_on_commit_callbacks, user, "Còn 7 ngày đến hạn báo cáo sáu tháng", date(2026, 6, 20), "/a/")
    remind(django_capture_on_commit_callbacks, other, "Quá hạn đăng ký thi đua năm 2026", date(2026, 3, 1))
    assert mail.outbox == []  # not one by one

    assert tasks.send_reminder_digests() == 2
    digest = next(m for m in mail.outbox if m.to == ["bithu@example.vn"])
    message = parsed(digest)
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert message["Subject"] == f"[Cổng thi đua] Nhắc hạn ngày {today}: 2 việc cần hoàn thành"
    text = message.get_content()
    assert "Kính gửi đồng chí Hùng Nguyễn Văn," in text
    first, second = text.index("Quá hạn đăng ký"), text.index("Còn 7 ngày")
    assert first < second  # the earliest deadline first
    assert "Hạn: 01/03/2026" in text and "Hạn: 20/06/2026" in text
    assert f"{SITE}/ke-hoach/1/" in text and f"{SITE}/a/" in text

    remind(django_capture_on_commit_callbacks, user, "Đôn đốc thực hiện kế hoạch", date(2026, 6, 30))
    assert tasks.send_reminder_digests() == 0  # a second run, and a new reminder, wait for tomorrow
    assert len(mail.outbox) == 2
    assert tasks.send_pending_notification_emails() == 0  # the event sweep leaves reminders to the digest


def test_tomorrows_digest_carries_what_came_after_todays(django_capture_on_commit_callbacks):
    user = UserFactory(email="bithu@example.vn")
    remind(django_capture_on_commit_callbacks, user, "Nhắc hạn thứ nhất", date(2026, 3, 1))
    assert tasks.send_reminder_digests() == 1
    remind(django_capture_on_commit_callbacks, user, "Nhắc hạn thứ hai", date(2026, 3, 2))
    Notification.objects.filter(emailed_at__isnull=False).update(emailed_at=timezone.now() - timedelta(days=1))
    assert tasks.send_reminder_digests() == 1
    assert "Nhắc hạn thứ hai" in mail.outbox[1].body and "Nhắc hạn thứ nhất" not in mail.outbox[1].body


def test_a_reminder_read_in_the_portal_or_opted_out_of_is_not_mailed(django_capture_on_commit_callbacks):
    reader = UserFactory(email="bithu@example.vn")
    quiet = UserFactory(email="bithu2@example.vn")
    MailOptOut.objects.create(user=quiet, kind=NotificationKind.REMINDER)
    remind(django_capture_on_commit_callbacks, reader, "Đã đọc trên cổng", date(2026, 3, 1))
    remind(django_capture_on_commit_callbacks, quiet, "Không nhận thư nhắc", date(2026, 3, 1))
    Notification.objects.filter(recipient=reader).update(read_at=timezone.now())
    assert tasks.send_reminder_digests() == 0
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=quiet).count() == 1  # still in the inbox


def test_a_run_started_while_another_is_sending_sends_nothing_twice(django_capture_on_commit_callbacks, monkeypatch):
    """Each person's reminders are stamped before the mail goes: a run that starts meanwhile finds nothing owed."""
    user = UserFactory(email="bithu@example.vn")
    remind(django_capture_on_commit_callbacks, user, "Quá hạn báo cáo", date(2026, 3, 1))
    nested = []
    real = tasks.mail.digest_message

    def digest_then_run_again(*args):
        nested.append(tasks.send_reminder_digests())
        return real(*args)

    monkeypatch.setattr(tasks.mail, "digest_message", digest_then_run_again)
    assert tasks.send_reminder_digests() == 1
    assert nested == [0]
    assert len(mail.outbox) == 1


def test_the_digest_is_scheduled_every_morning_after_the_deadline_reminders():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.select_related("crontab").get(task="emulation.tasks.send_reminder_digests")
    assert task.enabled and (task.crontab.hour, task.crontab.minute) == ("7", "30")
    assert str(task.crontab.timezone) == "Asia/Ho_Chi_Minh"


def test_notifications_written_without_mail_owe_none(django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.send_notification_emails, "delay", lambda *args: queued.append(args))
    user = UserFactory(email="bithu@example.vn")
    with without_mail():
        send_now(django_capture_on_commit_callbacks, recipients=[user], title="Chuyện cũ của dữ liệu mẫu")
        remind(django_capture_on_commit_callbacks, user, "Nhắc cũ", date(2026, 3, 1))
    assert queued == []
    assert tasks.send_pending_notification_emails() == 0 and tasks.send_reminder_digests() == 0
    assert mail.outbox == []


def test_seeding_the_demo_sends_no_mail_and_queues_none(django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.send_notification_emails, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert Notification.objects.exists()  # the story still fills the inboxes
    assert queued == [] and mail.outbox == []
    assert not Notification.objects.filter(by_email=True).exists()
    assert tasks.send_pending_notification_emails() == 0 and tasks.send_reminder_digests() == 0
    assert mail.outbox == []


def test_the_reset_link_is_built_on_the_site_address_not_on_the_requests_host(
    client, django_capture_on_commit_callbacks
):
    UserFactory(username="bithu", email="bithu@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "bithu@example.vn"}, HTTP_HOST="localhost")
    [sent] = mail.outbox
    message = parsed(sent)
    assert message["Subject"].startswith("[Cổng thi đua] ")
    link = next(line for line in message.get_content().splitlines() if "/accounts/reset/" in line).strip()
    assert link.startswith(f"{SITE}/accounts/reset/")
    assert "localhost" not in message.get_content()
