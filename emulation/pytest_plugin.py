"""Test-wide fixtures, loaded as a pytest plugin (pytest.ini) so every app's tests share them:
a fixed secret, fast password hashing, isolated media and cache, eager Celery unless a test asks otherwise."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
# The suite guards the benchmark's query counts, so it installs the benchmark app a deployment leaves out.
os.environ.setdefault("BENCHMARKS", "1")


def _own_redis_database():
    """Under pytest-xdist each worker gets its own Redis database, as it gets its own test database.

    The worker tests start real Celery workers on REDIS_URL: two pytest workers sharing one broker database
    would take each other's tasks, and a task would run against the other's test database.
    """
    worker, url = os.environ.get("PYTEST_XDIST_WORKER", ""), os.environ.get("REDIS_URL", "")
    if worker.startswith("gw") and url:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        os.environ["REDIS_URL"] = urlunsplit(parts._replace(path=f"/{10 + int(worker[2:])}"))


_own_redis_database()

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
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    cache.clear()
    # A flush by an earlier committing test recreates content types under new ids; forget the cached ones.
    ContentType.objects.clear_cache()
    yield


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests that commit for real (live server, worker subprocess, threads) run after all the others.

    Their teardown flushes every table, reference data loaded by migrations included (the award catalog,
    the beat schedules), so a test running after them would find it gone. pytest-django orders tests by
    their django_db marker only; this also catches those that ask for the fixtures directly.
    """
    committing = {"transactional_db", "live_server", "django_db_serialized_rollback"}

    def commits(item):
        marker = item.get_closest_marker("django_db")
        return bool(committing & set(getattr(item, "fixturenames", ()))) or bool(
            marker and marker.kwargs.get("transaction")
        )

    # Then the tests in the security tests' shared world first, one after another, so it is built once.
    items.sort(key=lambda item: (commits(item), item.get_closest_marker("shares_world") is None))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist (`make test` runs two workers): whole files to a worker, committing tests still last.

    A file goes to one worker, so its module-scoped worlds are built once. The tests that commit (sorted last above)
    form their own work units queued after every other one: a worker that has begun on them is given nothing but
    them, so no test on its database runs after a flush.
    """
    from xdist.scheduler import LoadScopeScheduling

    class FilesCommittingLast(LoadScopeScheduling):
        _scopes = None

        def _split_scope(self, nodeid):
            if self._scopes is None:
                self._scopes = self._blocks_of_files(self.collection)
            return self._scopes[nodeid]

        @staticmethod
        def _blocks_of_files(collection):
            """Each run of consecutive tests of one file is a unit: a file with both kinds gives two, in order."""
            scopes, runs, previous = {}, {}, None
            for nodeid in collection:
                path = nodeid.split("::", 1)[0]
                if path != previous:
                    runs[path] = runs.get(path, -1) + 1
                    previous = path
                scopes[nodeid] = f"{path}#{runs[path]}"
            return scopes

    config.option.loadscopereorder = False  # keep the collection's order: committing units last
    return FilesCommittingLast(config, log)
