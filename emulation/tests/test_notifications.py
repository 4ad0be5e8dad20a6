import pytest
from django.core import mail

from emulation.models import Notification
from emulation.services import notify
from emulation.tasks import send_notification_emails, send_pending_notification_emails
from emulation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_fills_the_inbox_and_emails_once(django_capture_on_commit_callbacks):
    with_email = UserFactory(email="bithu@example.vn")
    without_email = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[with_email, without_email], title="Hạn đăng ký thi đua", body="Còn 7 ngày", url="/")
    assert Notification.objects.filter(title="Hạn đăng ký thi đua").count() == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bithu@example.vn"]
    send_notification_emails(list(Notification.objects.values_list("pk", flat=True)))
    assert len(mail.outbox) == 1  # a duplicated task sends nothing twice


def test_a_broker_outage_loses_no_email(django_capture_on_commit_callbacks, monkeypatch):
    user = UserFactory(email="bithu@example.vn")

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis down")

    monkeypatch.setattr(send_notification_emails, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], title="Nhắc hạn báo cáo")  # must not raise
    assert len(mail.outbox) == 0
    assert Notification.objects.get().emailed_at is None
    monkeypatch.undo()
    assert send_pending_notification_emails() == 1
    assert len(mail.outbox) == 1
    assert send_pending_notification_emails() == 0


def test_inbox_lists_own_notifications_and_marks_them_read(client):
    user = UserFactory()
    other = UserFactory()
    Notification.objects.create(recipient=user, title="Của tôi")
    Notification.objects.create(recipient=other, title="Của người khác")
    client.force_login(user)
    page = client.get("/thong-bao/").content.decode()
    assert "Của tôi" in page and "Của người khác" not in page
    client.post("/thong-bao/da-doc/")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).exists()
