import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmarks.datagen import SCALES, generate, seed_base


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic data at province or national scale, deterministic from --seed. "
        "Empties the database first, so it refuses to run unless the database name contains 'bench' (or --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="run even if the database name lacks 'bench'")

    def handle(self, *args, scale, seed, force, **options):
        name = str(connection.settings_dict.get("NAME") or "")
        if "bench" not in name and not force and connection.vendor == "postgresql":
            raise CommandError(f"Refusing to empty database {name!r}: use a database named *bench* or --force.")
        started = time.perf_counter()
        call_command("flush", interactive=False, verbosity=0)
        seed_base(self.stdout if options["verbosity"] > 1 else None)
        base = time.perf_counter()
        counts = generate(scale, seed, self.stdout if options["verbosity"] > 0 else None)
        done = time.perf_counter()
        rows = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"bench_data --scale {scale} --seed {seed}: {rows:,} rows in {done - started:.1f} s "
                f"(demo base {base - started:.1f} s, bulk load and ANALYZE {done - base:.1f} s)"
            )
        )
