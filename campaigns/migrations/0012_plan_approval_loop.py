"""A plan's approval loop: the state "Chờ phê duyệt" (submitted) between draft and approved, who sent the plan and
when, and the Standing Committee's last return comment. Existing plans keep their states; no data changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0011_totals_rounded_to_the_cent"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="yearplan",
            name="return_comment",
            field=models.TextField(blank=True, verbose_name="ý kiến trả lại của Ban Thường vụ"),
        ),
        migrations.AddField(
            model_name="yearplan",
            name="submitted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="gửi phê duyệt lúc"),
        ),
        migrations.AddField(
            model_name="yearplan",
            name="submitted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người gửi phê duyệt",
            ),
        ),
        migrations.AlterField(
            model_name="yearplan",
            name="state",
            field=models.CharField(
                choices=[
                    ("draft", "Dự thảo"),
                    ("submitted", "Chờ phê duyệt"),
                    ("approved", "Đã phê duyệt"),
                    ("launched", "Đã phát động"),
                    ("closed", "Đã kết thúc"),
                ],
                db_index=True,
                default="draft",
                max_length=20,
                verbose_name="trạng thái",
            ),
        ),
    ]
