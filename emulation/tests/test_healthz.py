import json
import os

import pytest
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_reports_eager_broker_when_none_is_configured(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "broker": "eager"}


def test_healthz_needs_no_login(client):
    assert client.get("/healthz/").status_code == 200


def test_healthz_reports_an_unreachable_broker(client, settings):
    from emulation.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz/")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "broker": "error"}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a real Redis (REDIS_URL)")
def test_healthz_reports_a_live_redis_broker(client, settings):
    from emulation.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    original = app.conf.broker_url
    app.conf.broker_url = os.environ["REDIS_URL"]
    try:
        response = client.get("/healthz/")
    finally:
        app.conf.broker_url = original
    assert json.loads(response.content)["broker"] == "ok"


def test_healthz_returns_503_when_the_database_fails(client, monkeypatch):
    from emulation import views

    class BrokenCursor:
        def __enter__(self):
            raise OperationalError("connection refused")

        def __exit__(self, *args):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: BrokenCursor())
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"
