"""Backup and restore of the database and of the uploaded and generated files.

PostgreSQL is dumped with pg_dump in its custom format and restored with pg_restore; SQLite with Django's
dumpdata/loaddata. Files under MEDIA_ROOT go into a tar archive beside the dump.

A backup holds password hashes and live session keys, so its files are readable by their owner alone (0600, in a
0700 folder when the folder is created here).
"""

import contextlib
import gzip
import os
import shutil
import subprocess
import tarfile
import tempfile
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
    subprocess.run(command, check=True, env={**os.environ, **(env or {})})  # noqa: S603 - fixed tools, no shell


@contextlib.contextmanager
def _private_files():
    """Files created inside (by this process or by pg_dump) are born readable by their owner alone."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def backup(directory):
    """Write <stamp>.dump (PostgreSQL) or <stamp>.json.gz (SQLite) and <stamp>-media.tar.gz; return the dump path."""
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    with _private_files():
        target = _dump(directory, stamp)
        media_archive = directory / f"thidua-{stamp}-media.tar.gz"
        with tarfile.open(media_archive, "w:gz") as archive:
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="media")
    for path in (target, media_archive):
        path.chmod(0o600)  # whatever umask the tools kept
    return target


def _dump(directory, stamp):
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
    return target


def restore(dump, *, database_name=None):
    """Load a backup into the configured (or the named, PostgreSQL only) database, replacing what is there."""
    dump = Path(dump)
    if dump.suffix == ".dump":
        name, args, env = _pg_env_and_args()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", database_name or name, *args, str(dump)], env)
    else:
        # Unpacked (and so checked) before anything is flushed, into a private file: it holds the password hashes.
        with tempfile.TemporaryDirectory(prefix="thidua-restore-") as folder:
            plain_path = Path(folder) / "data.json"
            with _private_files(), gzip.open(dump, "rt", encoding="utf-8") as source, open(plain_path, "w") as plain:
                shutil.copyfileobj(source, plain)
            call_command("flush", "--no-input")
            call_command("loaddata", str(plain_path))
    media_archive = media_archive_of(dump)
    if media_archive.exists():
        return restore_media(media_archive)
    return None


def media_archive_of(dump):
    return Path(dump).parent / (Path(dump).name.split(".")[0] + "-media.tar.gz")


def restore_media(media_archive):
    """Unpack the archive beside MEDIA_ROOT, then swap it in; the files it replaces are kept, never overwritten.

    Returns the folder where the previous files were put aside (None when there were none).
    """
    media = Path(settings.MEDIA_ROOT)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    staging = media.parent / f".{media.name}.restoring-{stamp}"
    with tarfile.open(media_archive) as archive:
        archive.extractall(staging, filter="data")
    unpacked = staging / "media"
    unpacked.mkdir(exist_ok=True)
    previous = None
    if media.exists():
        previous = media.parent / f"{media.name}.before-restore-{stamp}"
        media.rename(previous)
    unpacked.rename(media)
    staging.rmdir()
    return previous
