from django.core.management.base import BaseCommand

from emulation.backup import restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`, replacing the current data."

    def add_arguments(self, parser):
        parser.add_argument("dump")

    def handle(self, *args, **options):
        restore(options["dump"])
        self.stdout.write(self.style.SUCCESS("Đã khôi phục dữ liệu."))
