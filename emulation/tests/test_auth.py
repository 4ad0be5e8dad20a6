import pytest
from django.contrib.auth.models import User

from emulation.models import AuditEntry
from emulation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Mật-khẩu-2025"


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_and_logout_are_recorded_with_the_address(client):
    user = UserFactory(username="bithu")
    response = login(client, "bithu", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    client.post("/accounts/logout/")
    actions = list(AuditEntry.objects.filter(actor=user).values_list("action", "ip_address"))
    assert ("auth.login", "127.0.0.1") in actions
    assert ("auth.logout", "127.0.0.1") in actions


def test_wrong_password_gives_a_vietnamese_error(client):
    UserFactory(username="bithu")
    response = login(client, "bithu", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == 1


def test_login_is_locked_after_too_many_failures_even_with_the_right_password(client, settings):
    settings.LOGIN_RATE_LIMIT = 5
    UserFactory(username="bithu")
    for _ in range(5):
        login(client, "bithu", "sai-mat-khau")
    response = login(client, "bithu", PASSWORD)
    assert response.status_code == 200
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_from_one_address_past_its_ceiling_lock_every_username_from_it(client, settings):
    settings.LOGIN_RATE_LIMIT_PER_ADDRESS = 3
    UserFactory(username="bithu")
    for n in range(3):
        login(client, f"khong-ton-tai-{n}", "x")
    assert "Đăng nhập sai quá nhiều lần" in login(client, "bithu", PASSWORD).content.decode()


def test_a_successful_login_clears_the_username_counter(client, settings):
    settings.LOGIN_RATE_LIMIT = 3
    UserFactory(username="bithu")
    login(client, "bithu", "sai")
    login(client, "bithu", "sai")
    assert login(client, "bithu", PASSWORD).status_code == 302


def test_password_change_validates_in_vietnamese(client):
    user = UserFactory(username="bithu")
    client.force_login(user)
    response = client.post(
        "/accounts/password-change/", {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
    )
    assert response.status_code == 200
    assert "Mật khẩu này quá ngắn" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_sends_a_mail(client, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(username="bithu", email="bithu@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": "bithu@example.vn"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "/accounts/reset/" in mailoutbox[0].body


@pytest.mark.parametrize("path", ["/", "/don-vi/", "/ca-nhan/", "/thong-bao/", "/nhat-ky/", "/cum-thi-dua/"])
def test_every_page_but_login_requires_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_page_switches_to_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in" in client.get("/accounts/login/").content.decode()


def test_no_user_is_created_by_a_failed_login(client):
    login(client, "ai-do", "x")
    assert not User.objects.filter(username="ai-do").exists()


def test_vietnamese_is_shown_even_to_an_english_browser(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng nhập hệ thống thi đua - khen thưởng" in page
