"""The one rule for the files users attach (a result report's evidence, a dossier's attachments): which types, how
large, and the same words for the help and for each refusal on every form.

A file's type is read from its content (magic bytes; for Office Open XML and OpenDocument, the zip's directory,
checked against emulation.archives' limits before anything is unpacked), never from the name or the browser's
claim, and the name's extension must be one that content may carry: a PDF named .png is refused. The user's name
is kept only for display and download (``clean_name``); stored files get random names.
"""

import os
import unicodedata
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from . import archives
from .errors import DomainError

MB = 1024 * 1024
MIMETYPE_BYTES = 100  # the longest OpenDocument type is 47 bytes


@dataclass(frozen=True)
class FileType:
    label: str  # as the help text names it
    content_type: str
    extensions: tuple


PDF = FileType("PDF", "application/pdf", (".pdf",))
JPEG = FileType("JPG", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileType("PNG", "image/png", (".png",))
DOC = FileType("DOC", "application/msword", (".doc",))
DOCX = FileType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLS = FileType("XLS", "application/vnd.ms-excel", (".xls",))
XLSX = FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
ODT = FileType("ODT", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileType("ODS", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
GIF = FileType("GIF", "image/gif", (".gif",))
WEBP = FileType("WEBP", "image/webp", (".webp",))
PPT = FileType("PPT", "application/vnd.ms-powerpoint", (".ppt",))
PPTX = FileType("PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",))
ODP = FileType("ODP", "application/vnd.oasis.opendocument.presentation", (".odp",))

# What evidence and dossier attachments accept: scans and photos, Word, Excel and PowerPoint documents (old and
# new), and the OpenDocument formats State agencies must be able to read. The union of what the two forms took
# before they shared this rule, so no file a unit used to attach is refused now.
ATTACHMENT_TYPES = (PDF, JPEG, PNG, GIF, WEBP, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP)

SIGNATURES = [
    (b"%PDF-", (PDF,)),
    (b"\x89PNG\r\n\x1a\n", (PNG,)),
    (b"\xff\xd8\xff", (JPEG,)),
    (b"GIF87a", (GIF,)),
    (b"GIF89a", (GIF,)),
]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy Office container: the extension tells the program
OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_TYPES = {t.content_type.encode(): t for t in (ODT, ODS, ODP)}


def type_names(types=ATTACHMENT_TYPES):
    return ", ".join(t.label for t in types)


def max_megabytes():
    return f"{settings.UPLOAD_MAX_BYTES / MB:.1f}".rstrip("0").rstrip(".")


def help_text(types=ATTACHMENT_TYPES):
    """The sentence every upload field shows under it."""
    return _("Tệp %(types)s; tối đa %(mb)s MB.") % {"types": type_names(types), "mb": max_megabytes()}


def accept_attribute(types=ATTACHMENT_TYPES):
    """The file picker's filter (a convenience only: the server checks the content)."""
    return ",".join(ext for t in types for ext in t.extensions)


class AttachmentField(forms.FileField):
    """A file field that says the rule: the types and the size limit under it, a picker filtered to those types."""

    def __init__(self, *, types=ATTACHMENT_TYPES, **kwargs):
        kwargs.setdefault("help_text", lazy(help_text, str)(types))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", accept_attribute(types))


def clean_name(name):
    """The user's file name kept only for display and download: no path, no control characters."""
    name = os.path.basename(str(name).replace("\\", "/"))
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = name.strip().strip(".") or "tep"
    stem, ext = os.path.splitext(name)
    return stem[: 200 - len(ext[:10])] + ext[:10].lower()


def _sniff_zip(uploaded):
    """The Office Open XML or OpenDocument type a zip says it is, from its directory (and the first bytes of
    ``mimetype``). An archive over the limits raises ArchiveRefused with its own message."""
    try:
        with archives.open_archive(uploaded, archives.upload_limits()) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                found = ODF_TYPES.get(archives.read_head(archive, "mimetype", MIMETYPE_BYTES).strip())
                if found:
                    return (found,)
            if "[Content_Types].xml" in names:
                return tuple(kind for part, kind in OOXML_PARTS.items() if part in names)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):
        pass
    return ()


def _candidates(uploaded):
    """The types the content may be (one, or for the legacy Office container DOC, XLS and PPT)."""
    uploaded.seek(0)
    head = uploaded.read(16)
    for magic, types in SIGNATURES:
        if head.startswith(magic):
            return types
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return (WEBP,)
    if head.startswith(OLE):
        return (DOC, XLS, PPT)
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(uploaded)
    return ()


def inspect_upload(uploaded, *, types=ATTACHMENT_TYPES):
    """(content type, clean name) of an accepted file; a DomainError (field "file") with the rule's words otherwise.

    Refused: a file over settings.UPLOAD_MAX_BYTES, an empty file, a content that is none of ``types``, or a name
    whose extension that content may not carry. A zip over the archive limits is refused with their own message.
    """
    name = clean_name(uploaded.name)
    if uploaded.size > settings.UPLOAD_MAX_BYTES:
        raise DomainError(
            _("Tệp “%(name)s” vượt quá dung lượng cho phép (tối đa %(mb)s MB).")
            % {"name": name, "mb": max_megabytes()},
            field="file",
        )
    if uploaded.size == 0:
        raise DomainError(_("Tệp “%(name)s” rỗng.") % {"name": name}, field="file")
    extension = os.path.splitext(name)[1]
    try:
        found = [t for t in _candidates(uploaded) if t in types and extension in t.extensions]
    finally:
        uploaded.seek(0)
    if not found:
        raise DomainError(
            _("Tệp “%(name)s” không được chấp nhận: nội dung không phải là tệp %(types)s hoặc không khớp phần mở rộng.")
            % {"name": name, "types": type_names(types)},
            field="file",
        )
    return found[0].content_type, name
