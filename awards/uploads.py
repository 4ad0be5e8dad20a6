"""Upload checks: the size limit of settings.UPLOAD_MAX_BYTES and the file's type read from its first bytes."""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from emulation import archives
from emulation.errors import DomainError

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC = "application/msword"
ALLOWED = {PDF, PNG, JPEG, DOCX, XLSX, DOC}


def sniff(upload):
    """The content type from the file's bytes, or None; the name and the browser's claim are ignored."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return DOC
    if head.startswith(b"PK\x03\x04"):
        try:  # the directory only, checked against the limits before anything is unpacked; ArchiveRefused goes up
            with archives.open_archive(upload, archives.upload_limits()) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def check_upload(upload, allowed=ALLOWED):
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise DomainError(
            _("Tệp vượt quá dung lượng cho phép (%(mb)s MB).") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    content_type = sniff(upload)
    if content_type not in allowed:
        raise DomainError(_("Loại tệp không được chấp nhận (chỉ PDF, ảnh PNG/JPEG, Word, Excel)."), field="file")
    return content_type
