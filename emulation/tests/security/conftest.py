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
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def in_world(world, _isolated, settings, world_media, db):
    """A test inside the world: its files are readable, and whatever the test writes is rolled back."""
    settings.MEDIA_ROOT = world_media
    return world
