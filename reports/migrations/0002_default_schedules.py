"""Default beat schedules, stored in the database so the Office can change them in the admin."""

import json

from django.db import migrations

TIMEZONE = "Asia/Ho_Chi_Minh"

# name, task, kwargs, crontab (minute, hour, day_of_month, month_of_year)
SCHEDULES = [
    ("Báo cáo quý (31/3, 31/12)", "reports.tasks.scheduled_reports", {"kind": "quarterly"}, ("0", "18", "31", "3,12")),
    ("Báo cáo quý (30/6, 30/9)", "reports.tasks.scheduled_reports", {"kind": "quarterly"}, ("0", "18", "30", "6,9")),
    ("Sơ kết sáu tháng (30/6)", "reports.tasks.scheduled_reports", {"kind": "six_month"}, ("30", "18", "30", "6")),
    ("Tổng kết năm (31/12)", "reports.tasks.scheduled_reports", {"kind": "annual"}, ("30", "18", "31", "12")),
    ("Tổng kết nhiệm kỳ (31/12 năm cuối nhiệm kỳ)", "reports.tasks.scheduled_reports", {"kind": "term"}, ("0", "19", "31", "12")),
    ("Nhắc hạn hằng ngày", "reports.tasks.send_deadline_reminders", {}, ("0", "7", "*", "*")),
    ("Rà soát báo cáo đang chờ", "reports.tasks.sweep_queued_reports", {}, ("*/5", "*", "*", "*")),
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, kwargs, (minute, hour, day, month) in SCHEDULES:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_month=day, month_of_year=month, day_of_week="*", timezone=TIMEZONE
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "kwargs": json.dumps(kwargs), "crontab": crontab, "enabled": True}
        )


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, *_ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
