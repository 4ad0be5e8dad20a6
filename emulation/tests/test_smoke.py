import pytest

pytestmark = pytest.mark.django_db


def test_login_page_is_in_vietnamese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Đăng nhập hệ thống thi đua - khen thưởng" in response.content.decode()


def test_pages_require_login(client):
    response = client.get("/don-vi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
