"""Test-wide fixtures, loaded as a pytest plugin (pytest.ini) so every app's tests share them:
a fixed secret, fast password hashing, isolated media and cache, eager Celery unless a test asks otherwise."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # Celery reads its configuration once; with REDIS_URL set (CI) the app would otherwise send to the broker.
    from emulation.celery import app as celery_app

    celery_app.conf.task_always_eager = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A private in-memory cache: clearing it must never flush the Redis database the broker uses.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    from django.core.cache import cache

    cache.clear()
    yield
