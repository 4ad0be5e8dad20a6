"""Backup and restore of the database and of the uploaded and generated files.

PostgreSQL is dumped with pg_dump in its custom format and restored with pg_restore; SQLite with Django's
dumpdata/loaddata. Files under MEDIA_ROOT go into a tar archive beside the dump.
"""

import gzip
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone


def _pg_env_and_args():
    db = settings.DATABASES["default"]
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    env = {"PGPASSWORD": db.get("PASSWORD") or ""}
    return db["NAME"], args, env


def _run(command, env=None):
    import os

    subprocess.run(command, check=True, env={**os.environ, **(env or {})})  # noqa: S603 - fixed tools, no shell


def backup(directory):
    """Write <stamp>.dump (PostgreSQL) or <stamp>.json.gz (SQLite) and <stamp>-media.tar.gz; return the dump path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    if connection.vendor == "postgresql":
        name, args, env = _pg_env_and_args()
        target = directory / f"thidua-{stamp}.dump"
        _run(["pg_dump", "-Fc", "--no-owner", "-f", str(target), *args, name], env)
    else:
        target = directory / f"thidua-{stamp}.json.gz"
        with gzip.open(target, "wt", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                "--natural-foreign",
                "--exclude=contenttypes",
                "--exclude=auth.permission",
                "--exclude=sessions",
                stdout=out,
            )
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(directory / f"thidua-{stamp}-media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname="media")
    return target


def restore(dump, *, database_name=None):
    """Load a backup into the configured (or the named, PostgreSQL only) database, replacing what is there."""
    dump = Path(dump)
    if dump.suffix == ".dump":
        name, args, env = _pg_env_and_args()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", database_name or name, *args, str(dump)], env)
    else:
        call_command("flush", "--no-input")
        with gzip.open(dump, "rt", encoding="utf-8") as source, open(dump.with_suffix(".tmp.json"), "w") as plain:
            shutil.copyfileobj(source, plain)
        try:
            call_command("loaddata", str(dump.with_suffix(".tmp.json")))
        finally:
            dump.with_suffix(".tmp.json").unlink()
    media_archive = dump.parent / (dump.name.split(".")[0] + "-media.tar.gz")
    if media_archive.exists():
        with tarfile.open(media_archive) as archive:
            archive.extractall(Path(settings.MEDIA_ROOT).parent, filter="data")
