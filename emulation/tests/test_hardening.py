"""Deployment hardening: check --deploy is clean with production settings; every response carries the headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(**extra):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests in this process; a deployment never has it.
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "BENCHMARKS"}}
    env.pop("SITE_URL", None)
    env.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "HTTPS": "1",
            "ALLOWED_HOSTS": "thidua.example.vn",
            "SITE_URL": "https://thidua.example.vn",
            **extra,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = check_deploy(TRUSTED_PROXY_COUNT="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_https_assumes_a_proxy_the_login_limits_do_not_know():
    # Without it every client has the proxy's address: the per-address ceiling would be everyone's at once.
    result = check_deploy()
    assert result.returncode != 0
    assert "emulation.W001" in result.stdout + result.stderr


def test_check_deploy_warns_when_mails_would_link_to_the_servers_own_address():
    result = check_deploy(TRUSTED_PROXY_COUNT="1", SITE_URL="http://127.0.0.1:8000")
    assert result.returncode != 0
    assert "emulation.W002" in result.stdout + result.stderr


@pytest.mark.django_db
def test_responses_forbid_inline_scripts_framing_and_sniffing(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_carry_no_inline_script(client):
    from emulation.tests.factories import UserFactory

    client.force_login(UserFactory())
    for path in ["/accounts/login/", "/"]:
        html = client.get(path).content.decode()
        for chunk in html.split("<script")[1:]:
            assert "src=" in chunk.split(">")[0], chunk[:80]


def test_sessions_expire():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY
