"""Degrade, never fail: with the Redis cache unreachable (a closed port), every role logs in and every page it reaches
is served from the database, and the login limits still hold, counted in the database."""

import io
import re
import socket
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from emulation.cache_backend import CacheUnavailable
from emulation.demo import ACCOUNTS, DEMO_PASSWORD
from emulation.models import ThrottleCounter

pytestmark = pytest.mark.django_db
PAGES_PER_ROLE = 60
LINK = re.compile(r'href="(/[^"#]*)"')
SKIPPED = ("/accounts/logout/", "/admin/", "/static/", "/media/", "/i18n/")


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens on it once the probe is closed


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "emulation.cache_backend.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LOGIN_RATE_LIMIT = 5
    return settings


def test_the_cache_answers_as_an_empty_one_and_refuses_to_guess_a_counter(redis_down):
    cache.set("k", 1)
    assert cache.get("k", "miss") == "miss"
    assert cache.get_many(["k"]) == {} and cache.add("k", 1) is False
    with pytest.raises(CacheUnavailable):
        cache.incr("k")


def _crawl(client, start):
    """Same-site pages reached from ``start``, breadth first; {path: status}."""
    seen, queue = {}, [start]
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIPPED):
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            for link in LINK.findall(response.content.decode()):
                link = urlsplit(link.replace("&amp;", "&"))
                queue.append(link.path + (f"?{link.query}" if link.query else ""))
    return seen


def test_every_role_logs_in_and_is_served_while_redis_is_down(redis_down):
    call_command("seed_demo", stdout=io.StringIO())
    for username, *_rest in ACCOUNTS:
        client = Client(raise_request_exception=False)
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        pages = _crawl(client, response["Location"])
        errors = {path: status for path, status in pages.items() if status >= 500}
        assert not errors, (username, errors)
        assert len(pages) > 10, (username, pages)


def test_the_login_limit_holds_counted_in_the_database(redis_down, django_user_model):
    django_user_model.objects.create_user("bithu", password="Mật-khẩu-đúng-2025")
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "bithu", "password": "sai"})
    assert ThrottleCounter.objects.filter(count=5).exists()
    response = client.post("/accounts/login/", {"username": "bithu", "password": "Mật-khẩu-đúng-2025"})
    assert "_auth_user_id" not in client.session  # the sixth attempt is refused, right password or not
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
