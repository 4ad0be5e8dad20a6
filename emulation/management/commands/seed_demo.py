from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load idempotent demo data drawn from the 2020-2025 plan (safe to run again)."

    def handle(self, *args, **options):
        # Each app seeds its own part, in dependency order (the order of INSTALLED_APPS).
        for config in apps.get_app_configs():
            seeder = getattr(config, "seed_demo", None)
            if seeder is not None:
                with transaction.atomic():
                    seeder(self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
