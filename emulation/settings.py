"""Settings read from the environment, with defaults that run on a bare machine.

Nothing set: SQLite in the project folder, Celery tasks run eagerly in-process, console email.
DATABASE_URL and REDIS_URL set: PostgreSQL and a Redis broker (and a Redis cache).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# `make run` generates .secret_key (git-ignored); manage.py run by hand in that checkout then finds it too.
_key_file = Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / ".secret_key"))
if not SECRET_KEY and _key_file.is_file():
    SECRET_KEY = _key_file.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "emulation.apps.PortalAdminConfig",  # Django's admin on the portal's site: every change is audited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, found by the form renderer through TEMPLATES
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "emulation.apps.EmulationConfig",
    "campaigns.apps.CampaignsConfig",
    "awards.apps.AwardsConfig",
    "reports.apps.ReportsConfig",
]
# The benchmark app (its data generator and its floor view /bench/trivial/) is a tool for developers, never part of
# a deployment: installed only when asked for (the test suite and the benchmark runs set BENCHMARKS=1).
if env_bool("BENCHMARKS"):
    INSTALLED_APPS.append("benchmarks.apps.BenchmarksConfig")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "emulation.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "emulation.middleware.DefaultVietnameseLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Before the login check: NUL or broken text is a 400 for everyone, signed in or not.
    "emulation.middleware.BadInputMiddleware",
    "emulation.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "emulation.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        # No "loaders": Django then wraps these in its cached loader in every mode, DEBUG included (runserver's
        # autoreloader clears it when a template changes). test_templates_markup checks it stays so.
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "emulation.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "emulation.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that accepts connections but never answers must not hold a web worker until gunicorn kills it:
# connecting gives up after DB_CONNECT_TIMEOUT seconds and a statement after DB_STATEMENT_TIMEOUT milliseconds
# (0: no limit). The web entry point (emulation/wsgi.py) limits statements to 20 s, under gunicorn's 30 s; workers
# and management commands are bounded by their task time limits and their operators.
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
DB_STATEMENT_TIMEOUT = int(os.environ.get("DB_STATEMENT_TIMEOUT", "0"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    if DB_STATEMENT_TIMEOUT:
        _options["options"] = f"{_options.get('options', '')} -c statement_timeout={DB_STATEMENT_TIMEOUT}".strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", DB_CONNECT_TIMEOUT)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")

if REDIS_URL:
    CACHES = {
        "default": {
            # Fails open: while Redis is unreachable pages are served from the database (emulation/cache_backend.py),
            # and a dead Redis costs a page at most the connect timeout, not a hang.
            "BACKEND": "emulation.cache_backend.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "thidua",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("CACHE_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("CACHE_TIMEOUT", "1")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "emulation.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "emulation.auth.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Failed logins allowed per username within the window, before that username is locked out; a successful login
# clears its count. The per-address ceiling is far higher: a whole office behind one NAT shares an address.
LOGIN_RATE_LIMIT = int(os.environ.get("LOGIN_RATE_LIMIT", "5"))
LOGIN_RATE_LIMIT_PER_ADDRESS = int(os.environ.get("LOGIN_RATE_LIMIT_PER_ADDRESS", "50"))
LOGIN_RATE_WINDOW = int(os.environ.get("LOGIN_RATE_WINDOW", "900"))
# Password-reset requests allowed per email address asked for and per client address within the window.
PASSWORD_RESET_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT", "5"))
PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS", "20"))
PASSWORD_RESET_RATE_WINDOW = int(os.environ.get("PASSWORD_RESET_RATE_WINDOW", "3600"))
# How many reverse proxies, each appending to X-Forwarded-For, stand in front of the application (0: none, the
# header is ignored). Only set it when the application cannot be reached except through them.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and env_bool("HTTPS"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("HTTPS"):
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Dates are typed and shown as dd/mm/yyyy in both languages (emulation/formats/).
FORMAT_MODULE_PATH = ["emulation.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: downloads go through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get("STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
# Largest evidence or attachment file a user may upload, in bytes.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# Zip-based uploads (Word, Excel, OpenDocument) are refused from their directory, before anything is unpacked
# (emulation.archives): stored files are only sniffed, so these bound what a reader will later unpack.
ARCHIVE_MAX_ENTRIES = 2000
ARCHIVE_MAX_TOTAL_BYTES = 200 * 1024 * 1024
ARCHIVE_MAX_ENTRY_BYTES = 100 * 1024 * 1024
# Spreadsheet imports (emulation.spreadsheets.read_sheet), sized so a hostile workbook stays under 200 MB of memory:
# only the parts openpyxl reads are unpacked, each bounded by its role (found as openpyxl finds it) and scanned
# before any parser sees it.
IMPORT_MAX_ROWS = 5000
IMPORT_MAX_PART_BYTES = 512 * 1024
IMPORT_MAX_SHARED_STRINGS_BYTES = 4 * 1024 * 1024
IMPORT_MAX_SHEET_BYTES = 8 * 1024 * 1024
IMPORT_MAX_SHEET_ELEMENTS = 300_000
IMPORT_MAX_CELLS_PER_ROW = 200
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The console backend of the embedded default writes each mail decoded, as its reader would see it.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "emulation.mail.ConsoleBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "[Cổng thi đua] ")
# The address people open the portal at, as a mail client must reach it: every link in a mail is built on it
# (emulation.links.absolute_url), never on the Host header of whatever request caused the mail. `make run` serves
# http://127.0.0.1:$PORT; a deployment sets its public address, e.g. https://thidua.example.vn.
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip("/")

# Every form is drawn by templates/forms/portal_form.html and portal_field.html (Bootstrap 5), see renderers.py.
FORM_RENDERER = "emulation.renderers.PortalFormRenderer"

# Celery: a Redis broker when REDIS_URL is set, otherwise tasks run eagerly in the web process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Reports: the producing task's hard limit; how often a running report stamps its heartbeat; after how long without
# one the sweep (every 5 minutes) takes it to be orphaned by a dead worker and queues it again.
REPORT_TIME_LIMIT = int(os.environ.get("REPORT_TIME_LIMIT", "1800"))
REPORT_HEARTBEAT = float(os.environ.get("REPORT_HEARTBEAT", "30"))
REPORT_STALE_AFTER = int(os.environ.get("REPORT_STALE_AFTER", "120"))
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "900"))
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "max_retries": 1, "socket_connect_timeout": 2}
# A web request that queues a task must not hang when the broker is down: fail fast, the sweep retries later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
