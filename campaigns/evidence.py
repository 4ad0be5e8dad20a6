"""Evidence files: the type is decided by the content (magic bytes), never by the name the user gave."""

import os
import unicodedata
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from emulation import archives
from emulation.errors import DomainError

PDF = "application/pdf"
OLE = "application/x-ole-storage"
OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", {".pptx"}),
}
ODF = {
    b"application/vnd.oasis.opendocument.text": {".odt"},
    b"application/vnd.oasis.opendocument.spreadsheet": {".ods"},
    b"application/vnd.oasis.opendocument.presentation": {".odp"},
}
# content type -> the extensions a file of that content may carry
SIGNATURES = [
    (b"%PDF-", PDF, {".pdf"}),
    (b"\x89PNG\r\n\x1a\n", "image/png", {".png"}),
    (b"\xff\xd8\xff", "image/jpeg", {".jpg", ".jpeg"}),
    (b"GIF87a", "image/gif", {".gif"}),
    (b"GIF89a", "image/gif", {".gif"}),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE, {".doc", ".xls", ".ppt"}),
]
LEGACY_OFFICE = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}
MIMETYPE_BYTES = 100  # the longest OpenDocument type is 47 bytes
ALLOWED_HINT = "PDF, ảnh (PNG, JPEG, GIF, WEBP), Word, Excel, PowerPoint, OpenDocument"


def clean_name(name):
    """The user's file name kept only for display and download: no path, no control characters."""
    name = os.path.basename(str(name).replace("\\", "/"))
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = name.strip().strip(".") or "tep"
    stem, ext = os.path.splitext(name)
    return stem[: 200 - len(ext[:10])] + ext[:10].lower()


def _sniff(head):
    for magic, content_type, extensions in SIGNATURES:
        if head.startswith(magic):
            return content_type, extensions
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", {".webp"}
    return None, set()


def _sniff_zip(uploaded):
    """Office Open XML and OpenDocument files are zip archives; look inside for what they say they are.

    The archive's directory is checked first (emulation.archives), and of ``mimetype`` only its first bytes are read:
    an entry that unpacks to a gigabyte costs nothing. An archive over the limits is refused with its own message.
    """
    try:
        with archives.open_archive(uploaded, archives.upload_limits()) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archives.read_head(archive, "mimetype", MIMETYPE_BYTES).strip()
                if mimetype in ODF:
                    return mimetype.decode(), ODF[mimetype]
            if "[Content_Types].xml" in names:
                for prefix, (content_type, extensions) in OOXML.items():
                    if any(n.startswith(prefix) for n in names):
                        return content_type, extensions
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):
        pass
    return None, set()


def inspect_upload(uploaded):
    """(content type, clean name) of an accepted evidence file; a DomainError in Vietnamese otherwise."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise DomainError(
            _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(mb)s MB).")
            % {"name": clean_name(uploaded.name), "mb": round(limit / 1024 / 1024, 1)},
            field="file",
        )
    if uploaded.size == 0:
        raise DomainError(_("Tệp rỗng."), field="file")
    name = clean_name(uploaded.name)
    extension = os.path.splitext(name)[1]
    uploaded.seek(0)
    head = uploaded.read(16)
    content_type, extensions = _sniff(head)
    if content_type is None and head.startswith(b"PK\x03\x04"):
        content_type, extensions = _sniff_zip(uploaded)
    uploaded.seek(0)
    if content_type is None or extension not in extensions:
        raise DomainError(
            _(
                "Tệp “%(name)s” không được chấp nhận: nội dung không phải là tệp hợp lệ (%(allowed)s) hoặc không khớp phần mở rộng."
            )
            % {"name": name, "allowed": ALLOWED_HINT},
            field="file",
        )
    if content_type == OLE:
        content_type = LEGACY_OFFICE[extension]
    return content_type, name
