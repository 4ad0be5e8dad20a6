"""Zip-based uploads (Word, Excel, PowerPoint, OpenDocument) checked from their directory before anything is unpacked.

A 1 MB archive can declare or hold a gigabyte. Every place that opens an uploaded zip goes through ``open_archive``
(which reads only the end record and the central directory, then refuses what exceeds the limits) and reads an
entry only by ``read_head`` (a few bytes) or through ``bounded_copy``.

Why a copy: CPython's zipfile never returns more bytes than an entry's declared size, but ``archive.read(name)``
(what openpyxl calls for the parts it parses whole) decompresses everything the entry's data holds before cutting
it to that size; a forged directory declaring 1 KB over a gigabyte of data therefore still costs a gigabyte.
Chunked reads are bounded, so ``bounded_copy`` rebuilds the archive chunk by chunk: in the copy every entry's true
size is what was read, never above what the directory declared and checked.

No compression-ratio check: an honest file may compress a thousandfold (identical table rows, blank pictures), and
what bounds memory is the declared size, which is checked, together with the cut at that size.
"""

import contextlib
import tempfile
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from emulation.errors import DomainError

MB = 1024 * 1024
CHUNK = 64 * 1024
END_RECORD = b"PK\x05\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_END_RECORD = b"PK\x06\x06"
METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # all that Office and OpenDocument writers use


class ArchiveRefused(DomainError):
    """A zip upload over one of the limits; the message names the limit."""


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int
    max_total_bytes: int | None = None  # None: not checked here (imports check the parts they read, by role)
    max_entry_bytes: int | None = None


def upload_limits():
    """The limits for stored files (evidence, dossier attachments): they are only sniffed, never unpacked here."""
    return ArchiveLimits(
        max_entries=settings.ARCHIVE_MAX_ENTRIES,
        max_total_bytes=settings.ARCHIVE_MAX_TOTAL_BYTES,
        max_entry_bytes=settings.ARCHIVE_MAX_ENTRY_BYTES,
    )


def _mb(size):
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


def _refuse(message, **values):
    raise ArchiveRefused(message % values, field="file")


def declared_entry_count(file):
    """The number of entries the end record announces, read from the last 64 KB: no directory is parsed."""
    file.seek(0, 2)
    size = file.tell()
    tail_size = min(size, 22 + 0xFFFF)
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(END_RECORD)
    if at < 0 or len(tail) - at < 22:
        raise zipfile.BadZipFile("no end of central directory record")
    count = int.from_bytes(tail[at + 10 : at + 12], "little")
    locator = tail[at - 20 : at] if at >= 20 else b""
    if locator.startswith(ZIP64_LOCATOR):
        file.seek(int.from_bytes(locator[8:16], "little"))
        record = file.read(56)
        if not record.startswith(ZIP64_END_RECORD):
            raise zipfile.BadZipFile("broken zip64 end record")
        count = max(count, int.from_bytes(record[32:40], "little"))
    return count


def check_directory(infos, limits):
    """Refuse an archive whose directory is over a limit, or whose entries no honest writer produces."""
    if len(infos) > limits.max_entries:
        _refuse(_("Tệp nén có %(n)s thành phần, vượt giới hạn %(limit)s."), n=len(infos), limit=limits.max_entries)
    names = set()
    total = 0
    for info in infos:
        if info.filename in names:
            raise zipfile.BadZipFile(f"duplicate entry {info.filename!r}")
        names.add(info.filename)
        if info.compress_type not in METHODS or info.flag_bits & 0x1:
            _refuse(_("Tệp nén dùng cách nén hoặc mã hóa không được hỗ trợ."))
        if limits.max_entry_bytes is not None:
            check_entry_size(info, limits.max_entry_bytes)
        # Deflate never grows data by more than a few bytes per block: more compressed bytes than that is a forgery.
        if info.compress_size > info.file_size + info.file_size // 100 + 1024:
            raise zipfile.BadZipFile(f"entry {info.filename!r} is larger compressed than declared")
        total += info.file_size
    if limits.max_total_bytes is not None and total > limits.max_total_bytes:
        _refuse(
            _("Tệp nén khi giải nén là %(size)s MB, vượt giới hạn %(limit)s MB."),
            size=_mb(total),
            limit=_mb(limits.max_total_bytes),
        )


def check_entry_size(info, limit):
    """Refuse an entry whose directory declares more than ``limit`` bytes (what a chunked read may return)."""
    if info.file_size > limit:
        _refuse(
            _("Một thành phần của tệp nén khi giải nén là %(size)s MB, vượt giới hạn %(limit)s MB."),
            size=_mb(info.file_size),
            limit=_mb(limit),
        )


@contextlib.contextmanager
def open_archive(file, limits):
    """The upload as a ZipFile whose directory passed ``check_directory``; ArchiveRefused or BadZipFile otherwise.

    Only the end record and the central directory are read; nothing is decompressed.
    """
    file.seek(0)
    count = declared_entry_count(file)
    if count > limits.max_entries:
        _refuse(_("Tệp nén có %(n)s thành phần, vượt giới hạn %(limit)s."), n=count, limit=limits.max_entries)
    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        check_directory(archive.infolist(), limits)
        yield archive
    file.seek(0)


def read_head(archive, name, size=256):
    """At most ``size`` bytes from the start of an entry (a bounded, chunked read)."""
    with archive.open(name) as entry:
        return entry.read(size)


def bounded_copy(archive, *, names=None, inspect=None):
    """A rebuilt copy of a checked archive, in a temporary file the caller closes.

    Only the entries in ``names`` are copied (all when None), the others are never decompressed. Each is read in
    chunks (so at most its declared size, CRC checked); ``inspect(name)`` may return a scanner (``feed(chunk)``,
    ``close()``) that sees the entry's bytes as they pass and may raise.
    """
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
    try:
        with zipfile.ZipFile(copy, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for info in archive.infolist():
                if info.is_dir() or (names is not None and info.filename not in names):
                    continue
                scanner = inspect(info.filename) if inspect else None
                with archive.open(info) as source, target.open(info.filename, "w") as sink:
                    while chunk := source.read(CHUNK):
                        if scanner is not None:
                            scanner.feed(chunk)
                        sink.write(chunk)
                if scanner is not None:
                    scanner.close()
    except BaseException:
        copy.close()
        raise
    copy.seek(0)
    return copy
