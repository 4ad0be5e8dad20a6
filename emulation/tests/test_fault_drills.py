"""Fault drills against real services on loopback: the portal keeps serving through a broker outage and
recovers from a database restart without being restarted itself.

Each drill starts its own private PostgreSQL cluster or Redis server on a free port, so stopping them
disturbs nothing else on the machine. Skipped where the server binaries are missing.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = (
    next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
    if Path("/usr/lib/postgresql").exists()
    else None
)
REDIS = shutil.which("redis-server")

pytestmark = pytest.mark.faults


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, ""


def post_login(base):
    """Post the login form (with its CSRF token): a request that must read the database."""
    import http.cookiejar
    import re
    import urllib.parse

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "ai", "password": "sai"}).encode()
    request = urllib.request.Request(base + "/accounts/login/", data=data, headers={"Referer": base + "/"})  # noqa: S310
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def as_postgres(args):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + args, check=True, capture_output=True, text=True, cwd="/tmp")


class PrivatePostgres:
    def __init__(self):
        # Outside pytest's private tmp folder: the postgres user must be able to reach it.
        self.dir = Path(tempfile.mkdtemp(prefix="pg-drill-", dir="/tmp"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        as_postgres([str(PG_BIN / "initdb"), "-D", str(self.dir), "-U", "postgres", "--auth=trust", "-E", "UTF8"])

    def start(self):
        as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.dir),
                "-w",
                "-l",
                str(self.dir / "log"),
                "-o",
                f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1",
                "start",
            ]
        )

    def stop(self):
        as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-w", "-m", "fast", "stop"])

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def start_portal(env, port):
    server = subprocess.Popen(  # noqa: S603 - our own server on loopback
        [
            sys.executable,
            "-m",
            "gunicorn",
            "emulation.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "2",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_for(lambda: get(f"http://127.0.0.1:{port}/healthz/")[0] is not None), "portal did not start"
    return server


def portal_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env.update(
        SECRET_KEY="drill-secret-key",
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DB_CONN_MAX_AGE="600",
        **extra,
    )
    return env


@pytest.mark.skipif(PG_BIN is None, reason="PostgreSQL server binaries not installed")
def test_database_restart_fails_cleanly_then_recovers_without_restarting_the_portal():
    pg = PrivatePostgres()
    pg.start()
    server = None
    try:
        env = portal_env(DATABASE_URL=pg.url)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        port = free_port()
        server = start_portal(env, port)
        base = f"http://127.0.0.1:{port}"
        assert get(base + "/healthz/") == (200, json.dumps({"database": "ok", "broker": "eager"}))
        assert get(base + "/accounts/login/")[0] == 200

        pg.stop()
        status, body = get(base + "/healthz/")
        assert status == 503 and json.loads(body)["database"] == "error"
        assert get(base + "/accounts/login/")[0] == 200  # pages that need no data still serve
        status, body = post_login(base)
        # A clean page that says to come back later, not a hang, a traceback or a generic "system error".
        assert status == 503 and "Hệ thống tạm thời gián đoạn" in body

        pg.start()
        assert wait_for(lambda: get(base + "/healthz/")[0] == 200), "portal did not reconnect"
        assert post_login(base)[0] == 200  # the database answers again: a wrong password, said in Vietnamese
        assert server.poll() is None  # the same process served throughout
    finally:
        if server:
            server.terminate()
            server.wait(10)
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(pg.dir), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
            cwd="/tmp",
        )  # noqa: S603
        shutil.rmtree(pg.dir, ignore_errors=True)


@pytest.mark.skipif(REDIS is None, reason="redis-server not installed")
def test_pages_keep_serving_while_the_broker_is_down(tmp_path):
    redis_port = free_port()
    redis_args = [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    redis = subprocess.Popen(redis_args, stdout=subprocess.DEVNULL)  # noqa: S603
    server = None
    try:
        env = portal_env(
            DATABASE_URL=f"sqlite:///{tmp_path / 'drill.sqlite3'}", REDIS_URL=f"redis://127.0.0.1:{redis_port}/0"
        )
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        port = free_port()
        server = start_portal(env, port)
        base = f"http://127.0.0.1:{port}"
        assert wait_for(lambda: json.loads(get(base + "/healthz/")[1] or "{}").get("broker") == "ok")

        redis.terminate()
        redis.wait(10)
        started = time.monotonic()
        status, body = get(base + "/healthz/")
        assert status == 200 and json.loads(body) == {"database": "ok", "broker": "error"}
        assert get(base + "/accounts/login/")[0] == 200
        assert time.monotonic() - started < 10  # no hanging on the dead broker

        redis = subprocess.Popen(redis_args, stdout=subprocess.DEVNULL)  # noqa: S603
        assert wait_for(lambda: json.loads(get(base + "/healthz/")[1] or "{}").get("broker") == "ok")
    finally:
        if server:
            server.terminate()
            server.wait(10)
        redis.terminate()
        redis.wait(10)
