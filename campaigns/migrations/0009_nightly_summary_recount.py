"""A nightly recount of the tracking summaries, stored as a beat schedule the Office can change in the admin.

The summaries follow every write made through the models; this is the safety net for writes that are not (a bulk
``update()``, an import by SQL), so a figure cannot stay wrong for more than a day.
"""

import json

from django.db import migrations

NAME = "Đối soát số liệu theo dõi kế hoạch (hằng đêm)"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="1", day_of_month="*", month_of_year="*", day_of_week="*", timezone="Asia/Ho_Chi_Minh"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": "campaigns.tasks.rebuild_summaries",
            "kwargs": json.dumps({}),
            "crontab": crontab,
            "enabled": True,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0008_plan_cluster_summary"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
