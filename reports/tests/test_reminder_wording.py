"""Deadline reminders name what is due and its year once: "báo cáo kết quả cả năm 2026", never "cả năm năm 2026"."""

import datetime

import pytest
from django.utils import timezone

from emulation.models import Notification
from emulation.tests.factories import office_user, secretary_of
from reports.tasks import send_deadline_reminders

from .factories import build_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "title"),
    [
        (datetime.date(2026, 3, 24), "Còn 7 ngày đến hạn đăng ký thi đua năm 2026 (hạn 31/03/2026)"),
        (datetime.date(2026, 12, 8), "Còn 7 ngày đến hạn báo cáo kết quả cả năm 2026 (hạn 15/12/2026)"),
        (datetime.date(2026, 12, 20), "Quá hạn báo cáo kết quả cả năm 2026 (hạn 15/12/2026)"),
    ],
)
def test_a_reminder_names_the_year_once(monkeypatch, today, title):
    world = build_world(n_units=4)
    office_user()
    for unit in world.units:
        secretary_of(unit)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    send_deadline_reminders.delay().get()

    notes = list(Notification.objects.values_list("title", "body"))
    assert notes and {t for t, _ in notes} == {title}
    for text in (t + " " + body for t, body in notes):
        assert "năm năm" not in text, text
