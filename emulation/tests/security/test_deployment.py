"""What a deployment must hold beyond the pages: a stuck database, the benchmark app, the backup files, a restore."""

import io
import json
import os
import socket
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import InterfaceError, OperationalError, ProgrammingError

from emulation.backup import backup, restore_media
from emulation.models import Unit
from emulation.tests.factories import UnitFactory
from emulation.views import database_unavailable

ROOT = Path(__file__).resolve().parents[3]

# Runs in a fresh interpreter: the settings read DATABASE_URL once, at start.
PAGES_PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for path in ("/healthz/", "/cong-khai/dien-hinh/"):
    response = client.get(path)
    out[path] = [response.status_code, response.content.decode()]
print(json.dumps(out))
"""


def run_python(code, timeout=90, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "BENCHMARKS"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="emulation.settings", SECRET_KEY="k")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture
def silent_database():
    """A TCP port that completes the handshake (the kernel's backlog) and never answers a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


def test_a_database_that_never_answers_gives_503_within_seconds_instead_of_hanging(silent_database):
    # Without a connect timeout both requests wait forever and the subprocess's own limit fails the test.
    result = run_python(
        PAGES_PROBE, DATABASE_URL=f"postgres://u@127.0.0.1:{silent_database}/thidua", DB_CONNECT_TIMEOUT="2"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    status, body = pages["/healthz/"]
    assert status == 503
    assert json.loads(body)["database"] == "error"
    status, body = pages["/cong-khai/dien-hinh/"]
    assert status == 503
    assert "Cơ sở dữ liệu của cổng tạm thời không phản hồi" in body


def test_the_web_entry_point_limits_statements_and_everything_limits_connecting():
    probe = (
        "import json, emulation.wsgi; from django.conf import settings;"
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    options = json.loads(run_python(probe, DATABASE_URL="postgres://u@127.0.0.1:5432/thidua").stdout)
    assert options["connect_timeout"] == 5
    assert "-c statement_timeout=20000" in options["options"]
    probe = "import json, django; django.setup(); from django.conf import settings;" + probe.split(";", 1)[1]
    options = json.loads(run_python(probe, DATABASE_URL="postgres://u@127.0.0.1:5432/thidua").stdout)
    assert options == {"connect_timeout": 5}  # a report worker or a migration is bounded by its own time limit


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL")
def test_a_statement_over_the_limit_is_cancelled_by_postgresql():
    probe = (
        "import django; django.setup(); from django.db import connection, OperationalError\n"
        "try:\n    connection.cursor().execute('SELECT pg_sleep(30)')\n"
        "except OperationalError as error:\n    print('cancelled', 'statement timeout' in str(error))\n"
    )
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"  # the tests' own database is private
    result = run_python(probe, DATABASE_URL=server, DB_STATEMENT_TIMEOUT="200")
    assert result.stdout.strip() == "cancelled True", result.stderr[-2000:]


def test_the_benchmark_app_is_not_installed_nor_routed_in_a_deployment():
    probe = (
        "import json, django; django.setup(); from django.conf import settings; from django.urls import resolve, "
        "Resolver404\ntry:\n    resolve('/bench/trivial/'); routed = True\nexcept Resolver404:\n    routed = False\n"
        "print(json.dumps([any('benchmarks' in a for a in settings.INSTALLED_APPS), routed]))"
    )
    assert json.loads(run_python(probe).stdout) == [False, False]
    assert json.loads(run_python(probe, BENCHMARKS="1").stdout) == [True, True]


@pytest.mark.django_db
def test_backup_files_are_readable_by_their_owner_alone(tmp_path, settings):
    (Path(settings.MEDIA_ROOT) / "evidence").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "evidence" / "a.pdf").write_bytes(b"%PDF-1.4")
    folder = tmp_path / "backups"
    dump = backup(folder)
    media = folder / (dump.name.split(".")[0] + "-media.tar.gz")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert stat.S_IMODE(media.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_restore_asks_first_and_an_answer_other_than_yes_changes_nothing(tmp_path, settings, monkeypatch):
    media = Path(settings.MEDIA_ROOT)
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "live.pdf").write_bytes(b"%PDF-live")
    UnitFactory(name="Đơn vị còn nguyên", code="con-nguyen")
    dump = backup(tmp_path / "backups")
    (media / "evidence" / "live.pdf").write_bytes(b"%PDF-changed")
    questions = []
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or "no")
    out = io.StringIO()
    with pytest.raises(CommandError, match="Đã hủy"):
        call_command("restore", str(dump), stdout=out)
    assert questions and "THAY THẾ" in out.getvalue()
    assert Unit.objects.filter(code="con-nguyen").exists()
    assert (media / "evidence" / "live.pdf").read_bytes() == b"%PDF-changed"


def test_restored_files_are_swapped_in_and_the_replaced_ones_kept(tmp_path, settings):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "live.pdf").write_bytes(b"%PDF-live")
    archive_path = tmp_path / "thidua-1-media.tar.gz"
    with tarfile.open(archive_path, "w:gz") as archive:
        payload = b"%PDF-backup"
        info = tarfile.TarInfo("media/evidence/backup.pdf")
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
    previous = restore_media(archive_path)
    assert (media / "evidence" / "backup.pdf").read_bytes() == b"%PDF-backup"
    assert not (media / "evidence" / "live.pdf").exists()
    assert (previous / "evidence" / "live.pdf").read_bytes() == b"%PDF-live"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".media")] == []


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (OperationalError("could not connect to server: Connection refused"), True),
        (InterfaceError("connection already closed"), True),
        (ProgrammingError("relation does not exist"), False),
        (ValueError("x"), False),
    ],
)
def test_only_a_database_that_cannot_serve_is_a_503(error, unavailable):
    assert database_unavailable(error) is unavailable


@pytest.mark.django_db
def test_a_bug_that_raises_a_database_error_stays_a_500_not_come_back_later():
    from django.db import connection as db

    missing_table = None
    with db.cursor() as cursor:
        try:
            cursor.execute("SELECT * FROM bang_khong_ton_tai")
        except (OperationalError, ProgrammingError) as error:
            missing_table = error
    assert database_unavailable(missing_table) is False
