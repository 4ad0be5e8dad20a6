from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from emulation.models import Notification
from emulation.services import without_mail


class Command(BaseCommand):
    help = "Load idempotent demo data told relative to today, drawn from the 2020-2025 plan (safe to run again)."

    def handle(self, *args, **options):
        # Each app seeds its own part, in dependency order (the order of INSTALLED_APPS).
        # The demo's story fills the inboxes as it is played, but mails no one: nobody is waiting for those mails,
        # and a console log of them hid the command's own output.
        with without_mail():
            for config in apps.get_app_configs():
                seeder = getattr(config, "seed_demo", None)
                if seeder is not None:
                    with transaction.atomic():
                        seeder(self.stdout)
        # The story's past notifications (told as it was played) were dealt with then: read, not waiting today.
        Notification.objects.filter(read_at__isnull=True, deadline__lt=timezone.localdate()).update(
            read_at=timezone.now()
        )
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
