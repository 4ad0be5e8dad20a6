"""Settings read from the environment: safe defaults with nothing set, PostgreSQL and Redis when configured."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings as s; django.setup();"
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
    "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, 'debug': s.DEBUG, 'tz': s.TIME_ZONE,"
    "'lang': s.LANGUAGE_CODE, 'cache': s.CACHES['default']['BACKEND']}))"
)


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="emulation.settings", SECRET_KEY_FILE="/nonexistent/.secret_key")
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, check=False
    )


def test_nothing_set_means_sqlite_eager_celery_debug_off_vietnamese_and_hanoi_time():
    result = load_settings(SECRET_KEY="k")
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].startswith(str(ROOT))
    assert values["eager"] is True
    assert values["debug"] is False
    assert values["tz"] == "Asia/Ho_Chi_Minh"
    assert values["lang"] == "vi"


def test_secret_key_is_required_when_debug_is_off():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_a_secret_key():
    assert json.loads(load_settings(DEBUG="1").stdout)["debug"] is True


def test_database_url_and_redis_url_select_postgresql_and_a_redis_broker():
    result = load_settings(
        SECRET_KEY="k", DATABASE_URL="postgres://u@127.0.0.1:5432/thidua", REDIS_URL="redis://127.0.0.1:6379/1"
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["eager"] is False
    assert values["broker"] == "redis://127.0.0.1:6379/1"
    assert values["cache"] == "emulation.cache_backend.FailOpenRedisCache"
