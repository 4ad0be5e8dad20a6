"""Issue #12, finding 2: login and password-reset limits that cannot be turned against other users, and that hold
under concurrent requests; the client's address behind a proxy; `next=` that cannot send a user off site."""

import re
import threading

import pytest
from django.core import mail
from django.test import Client, RequestFactory

from emulation import auth, tasks
from emulation.auth import RateLimitedAuthenticationForm, reserve_login_attempt
from emulation.models import AuditEntry, Notification
from emulation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Mật-khẩu-2025"
LOCKED = "Đăng nhập sai quá nhiều lần"
RESET_REFUSED = "Đã có quá nhiều yêu cầu đặt lại mật khẩu"
OFFICE = "198.51.100.7"  # one NAT address for a whole office


def login(username, password, **meta):
    client = Client()
    meta.setdefault("REMOTE_ADDR", OFFICE)
    response = client.post("/accounts/login/", {"username": username, "password": password}, **meta)
    return response, client


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def limits(settings):
    settings.LOGIN_RATE_LIMIT = 5
    settings.LOGIN_RATE_LIMIT_PER_ADDRESS = 50
    settings.TRUSTED_PROXY_COUNT = 0
    return settings


@pytest.fixture
def password_checks(monkeypatch):
    """How many times a password was actually checked (the backend asked), whatever the outcome."""
    calls = []
    original = auth.ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        calls.append(username)
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(auth.ModelBackend, "authenticate", counting)
    return calls


def test_five_wrong_passwords_for_one_secretary_do_not_lock_out_another_at_the_same_office(limits):
    UserFactory(username="bithu1")
    UserFactory(username="bithu2")
    for _ in range(5):
        login("bithu1", "sai-mat-khau")
    response, client = login("bithu2", PASSWORD)
    assert response.status_code == 302 and logged_in(client)
    response, client = login("bithu1", PASSWORD)
    assert LOCKED in response.content.decode() and not logged_in(client)


def test_a_successful_login_clears_that_usernames_failures(limits):
    UserFactory(username="bithu1")
    for _ in range(4):
        login("bithu1", "sai-mat-khau")
    assert login("bithu1", PASSWORD)[0].status_code == 302
    for _ in range(4):  # without the clearing, these would make 8 failures in the window
        login("bithu1", "sai-mat-khau")
    response, client = login("bithu1", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_no_password_is_checked_once_the_username_is_locked(limits, password_checks):
    UserFactory(username="bithu1")
    for _ in range(8):
        login("bithu1", "sai-mat-khau")
    response, _client = login("bithu1", PASSWORD)
    assert LOCKED in response.content.decode()
    assert len(password_checks) == 5


def test_the_address_ceiling_stops_a_spray_across_usernames(limits):
    limits.LOGIN_RATE_LIMIT_PER_ADDRESS = 3
    UserFactory(username="bithu1")
    for n in range(3):
        login(f"khong-ton-tai-{n}", "x")
    response, client = login("bithu1", PASSWORD)
    assert LOCKED in response.content.decode() and not logged_in(client)
    assert login("bithu1", PASSWORD, REMOTE_ADDR="203.0.113.9")[0].status_code == 302  # another address


def test_a_forged_forwarded_for_does_not_escape_the_address_ceiling(limits):
    limits.LOGIN_RATE_LIMIT_PER_ADDRESS = 3
    UserFactory(username="bithu1")
    for n in range(3):
        login(f"khong-ton-tai-{n}", "x", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    response, client = login("bithu1", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.200")
    assert LOCKED in response.content.decode() and not logged_in(client)


def test_behind_a_trusted_proxy_two_clients_are_counted_apart(limits):
    limits.LOGIN_RATE_LIMIT_PER_ADDRESS = 3
    limits.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    UserFactory(username="bithu1")
    for n in range(3):  # the sprayer also forges an entry on the left: the proxy's own entry is what counts
        login(f"khong-ton-tai-{n}", "x", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.5", **proxy)
    response, _client = login("bithu1", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert LOCKED in response.content.decode()
    response, client = login("bithu1", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)
    assert response.status_code == 302 and logged_in(client)


def test_the_audit_log_records_the_client_behind_a_trusted_proxy_and_ignores_the_header_otherwise(limits):
    user = UserFactory(username="bithu1")
    login("bithu1", PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    limits.TRUSTED_PROXY_COUNT = 1
    login("bithu1", PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    login("bithu1", PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    addresses = list(
        AuditEntry.objects.filter(actor=user, action="auth.login").order_by("pk").values_list("ip_address", flat=True)
    )
    assert addresses == ["10.0.0.2", "203.0.113.5", "10.0.0.2"]


def test_attempts_all_in_flight_at_once_get_no_more_password_checks_than_the_limit(limits, monkeypatch):
    """The worst interleaving, without threads: every attempt starts while all the earlier ones are still checking
    their password (each check starts the next attempt before it answers), so none of them has finished when the
    next one asks whether it may go ahead."""
    UserFactory(username="bithu1")
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=OFFICE)
    attempts, checks = 20, []
    original = auth.ModelBackend.authenticate

    def attempt():
        form = RateLimitedAuthenticationForm(request, data={"username": "bithu1", "password": "sai-mat-khau"})
        return form.is_valid()

    def checking_while_the_next_attempt_starts(self, request, username=None, password=None, **kwargs):
        checks.append(username)
        if len(started) < attempts:
            started.append(1)
            attempt()
        return original(self, request, username=username, password=password, **kwargs)

    started = [1]
    monkeypatch.setattr(auth.ModelBackend, "authenticate", checking_while_the_next_attempt_starts)
    attempt()
    while len(started) < attempts:  # attempts refused before any check start no further ones: start the rest
        started.append(1)
        attempt()
    assert len(checks) == 5


@pytest.mark.parametrize(
    ("usernames", "per_address", "expected"),
    [(lambda n: "bithu1", 50, 5), (lambda n: f"ai-do-{n}", 7, 7)],
    ids=["one-username", "one-address"],
)
def test_fifty_threads_released_together_reserve_no_more_than_the_limit(limits, usernames, per_address, expected):
    """LocMemCache is shared by the threads (one store, one lock), as Redis is by the web workers."""
    limits.LOGIN_RATE_LIMIT_PER_ADDRESS = per_address
    barrier = threading.Barrier(50)
    granted = []

    def attempt(n):
        barrier.wait()
        granted.append(reserve_login_attempt(username=usernames(n), ip=OFFICE))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(granted) == 50
    assert granted.count(True) == expected


def reset(email, **meta):
    meta.setdefault("REMOTE_ADDR", OFFICE)
    return Client().post("/accounts/password-reset/", {"email": email}, **meta)


def test_the_reset_mail_is_sent_by_a_task_after_the_request(django_capture_on_commit_callbacks, monkeypatch):
    UserFactory(username="bithu1", email="bithu1@example.vn")
    queued = []
    original_delay = tasks.send_password_reset_mail.delay
    monkeypatch.setattr(
        tasks.send_password_reset_mail, "delay", lambda *args: queued.append(args) or original_delay(*args)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = reset("bithu1@example.vn")
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/done/"
    assert len(mail.outbox) == 0  # not sent inside the request
    for callback in callbacks:
        callback()
    assert len(queued) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bithu1@example.vn"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_the_sixth_reset_request_in_the_window_is_refused_and_sends_nothing(
    settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_RATE_LIMIT = 5
    UserFactory(username="bithu1", email="bithu1@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            assert reset("bithu1@example.vn", REMOTE_ADDR=f"203.0.113.{n}").status_code == 302
        response = reset("BiThu1@example.vn", REMOTE_ADDR="203.0.113.99")
    assert response.status_code == 200 and RESET_REFUSED in response.content.decode()
    assert len(mail.outbox) == 5


def test_the_reset_address_ceiling_stops_a_spray_across_emails(settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS = 3
    UserFactory(username="bithu1", email="bithu1@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            reset(f"ai-do-{n}@example.vn")
        response = reset("bithu1@example.vn")
    assert RESET_REFUSED in response.content.decode()
    assert len(mail.outbox) == 0


def test_unknown_and_known_emails_look_the_same_from_outside(settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_RESET_RATE_LIMIT = 2
    UserFactory(username="bithu1", email="bithu1@example.vn")

    def answers(email):
        seen = []
        for _ in range(3):
            response = reset(email)
            page = re.sub(r"\b[A-Za-z0-9]{64}\b", "CSRF-TOKEN", response.content.decode())  # new per response
            seen.append((response.status_code, response.get("Location"), page.replace(email, "EMAIL")))
        return seen

    with django_capture_on_commit_callbacks(execute=True):
        known, unknown = answers("bithu1@example.vn"), answers("khong-co@example.vn")
    assert known == unknown
    assert [status for status, _location, _page in known] == [302, 302, 200]
    assert RESET_REFUSED in known[2][2]


def test_the_reset_task_sends_nothing_to_an_inactive_user():
    user = UserFactory(username="bithu1", email="bithu1@example.vn", is_active=False)
    assert tasks.send_password_reset_mail(user.pk, "thidua.example.vn", "Thi đua", True) is False
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "", "javascript:x"])
def test_marking_notifications_read_never_redirects_off_site(client, target):
    user = UserFactory()
    Notification.objects.create(recipient=user, title="Hạn báo cáo")
    client.force_login(user)
    response = client.post("/thong-bao/da-doc/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/thong-bao/"
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_marking_notifications_read_returns_to_the_page_on_site(client):
    client.force_login(UserFactory())
    response = client.post("/thong-bao/da-doc/", {"next": "/don-vi/?page=2"})
    assert response["Location"] == "/don-vi/?page=2"


def test_the_admin_login_counts_against_the_same_limits(limits, password_checks):
    """/admin/login/ reaches the staff and superuser accounts: it had no limit at all."""
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    client = Client(REMOTE_ADDR=OFFICE)
    for _ in range(8):
        client.post("/admin/login/", {"username": "boss", "password": "sai-mat-khau"})
    response = client.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert len(password_checks) == 5
    # ...and the portal's login page shares the count: the lock-out is one, whichever door is tried.
    assert LOCKED in login("boss", PASSWORD)[0].content.decode()


def test_an_ipv6_client_counts_as_its_whole_64_block(limits):
    limits.LOGIN_RATE_LIMIT_PER_ADDRESS = 3
    for n in range(3):
        login(f"khong-co-{n}", "sai", REMOTE_ADDR=f"2001:db8:1:2::{n + 1}")
    UserFactory(username="bithu1")
    response, client = login("bithu1", PASSWORD, REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert LOCKED in response.content.decode()
    response, client = login("bithu1", PASSWORD, REMOTE_ADDR="2001:db8:1:3::1")  # another subscriber
    assert logged_in(client)


def test_spellings_of_one_email_share_one_reset_counter():
    from emulation.auth import reserve_password_reset

    spellings = ["user@x.vn", "USER@X.VN", "uſer@x.vn", "ｕser@x.vn"]
    granted = [reserve_password_reset(email=email, ip=f"192.0.2.{n}") for n, email in enumerate(spellings * 2)]
    assert granted.count(True) == 5  # PASSWORD_RESET_RATE_LIMIT, whatever the spelling
