"""The security tests share one rich world: built once (seed_demo is slow), flushed after the last test in it."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from .world import build_world

HERE = Path(__file__).parent

WORLD_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "CELERY_TASK_ALWAYS_EAGER": True,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


@pytest.fixture(scope="session")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("world-media")


# The world built on this process's database, kept from one test module to the next while the tests that use it
# follow each other (the suite runs them together, see pytest_collection_modifyitems below).
_BUILT = {}
_NEXT = {"uses_world": False}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    if "world" not in _BUILT:
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=world_media, **WORLD_SETTINGS):
            _BUILT["initial"] = _initial_data()
            _BUILT["world"] = build_world()
    yield _BUILT["world"]
    if not _NEXT["uses_world"]:
        del _BUILT["world"]
        with django_db_blocker.unblock():
            _restore_initial_data(_BUILT.pop("initial"))


def _uses_world(item):
    """A test of this folder using the world (other folders have fixtures of the same name)."""
    return item is not None and item.path.is_relative_to(HERE) and "world" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """Mark the tests in the world: the suite's ordering (emulation.pytest_plugin) runs them one after another."""
    for item in items:
        if _uses_world(item):
            item.add_marker(pytest.mark.shares_world)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """Before the fixtures are torn down: the world is emptied only when the next test does not use it."""
    _NEXT["uses_world"] = _uses_world(nextitem)


def _initial_data():
    """What the migrations left (the award catalog, the beat schedules), as the test database's serialized copy.

    pytest-django keeps that copy only when a collected test asks for a serialized rollback; a run of a few files
    may have none, so it is taken here, before the world is built.
    """
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None) or connection.creation.serialize_db_to_string()


def _restore_initial_data(initial):
    """Empty the database and put back what the migrations left, with the same keys, for the tests that follow."""
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(initial)


@pytest.fixture
def in_world(world, _isolated, settings, world_media, db):
    """A test inside the world: its files are readable, and whatever the test writes is rolled back."""
    settings.MEDIA_ROOT = world_media
    return world
