from django.core.management.base import BaseCommand

from emulation.backup import backup


class Command(BaseCommand):
    help = "Back up the database and the files (pg_dump on PostgreSQL, dumpdata on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default="backups")

    def handle(self, *args, **options):
        self.stdout.write(str(backup(options["dir"])))
