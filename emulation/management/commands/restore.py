from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from emulation.backup import media_archive_of, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`, replacing the current data (asks first)."

    def add_arguments(self, parser):
        parser.add_argument("dump")
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", help="Do not ask for confirmation."
        )

    def handle(self, *args, dump, interactive, **options):
        database = settings.DATABASES["default"]["NAME"]
        self.stdout.write(
            f"Khôi phục “{dump}” sẽ THAY THẾ toàn bộ dữ liệu của cơ sở dữ liệu “{database}”"
            + (
                f" và các tệp trong “{settings.MEDIA_ROOT}” (các tệp hiện có được giữ lại ở một thư mục bên cạnh)."
                if media_archive_of(dump).exists()
                else "."
            )
        )
        if interactive and input("Gõ “yes” để tiếp tục: ").strip().lower() != "yes":
            raise CommandError("Đã hủy, không có gì thay đổi.")
        previous = restore(dump)
        if previous:
            self.stdout.write(f"Các tệp trước khi khôi phục được giữ ở “{previous}”.")
        self.stdout.write(self.style.SUCCESS("Đã khôi phục dữ liệu."))
