"""The security tests share one rich world per module: built once (seed_demo is slow), flushed afterwards."""

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from .world import build_world

WORLD_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "CELERY_TASK_ALWAYS_EAGER": True,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("world-media")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=world_media, **WORLD_SETTINGS):
        built = build_world()
        yield built
        _restore_initial_data()


def _restore_initial_data():
    """Empty the database and put back what the migrations left, with the same keys, for the tests that follow."""
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized:
        connection.creation.deserialize_db_from_string(serialized)
    else:
        emit_post_migrate_signal(0, False, connection.alias)


@pytest.fixture
def in_world(world, _isolated, settings, world_media, db):
    """A test inside the world: its files are readable, and whatever the test writes is rolled back."""
    settings.MEDIA_ROOT = world_media
    return world
