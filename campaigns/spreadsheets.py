"""The .xlsx files of the campaigns: the individual registration template and its reader, and the exports."""

import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from emulation.errors import DomainError

from .enums import INDIVIDUAL_TITLES

REGISTRATION_HEADERS = ["Mã cá nhân", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Ghi chú"]
MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def workbook_bytes(title, headers, rows):
    """One sheet with a bold header row; returns the .xlsx as bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe_cell(value) for value in row])
    for column, header in zip(sheet.columns, headers, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = max(12, min(60, len(str(header)) + 18))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe_cell(value):
    # A text cell starting with = + - @ would run as a formula in the reader's spreadsheet program.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def registration_template(pledge, people):
    """The template a unit fills in: one row per active person of the unit, the title column left to fill."""
    rows = [(p.pk, p.full_name, p.position, "", "") for p in people]
    data = workbook_bytes("Dang ky ca nhan", REGISTRATION_HEADERS, rows)
    workbook = load_workbook(io.BytesIO(data))
    guide = workbook.create_sheet("Huong dan")
    guide.append([_("Điền cột “Danh hiệu đăng ký” cho cá nhân đăng ký; để trống nếu không đăng ký.")])
    guide.append([_("Không sửa cột “Mã cá nhân” và “Họ và tên”. Các danh hiệu thường dùng:")])
    for title in INDIVIDUAL_TITLES:
        guide.append([title])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_registration_rows(uploaded):
    """The filled rows of an uploaded template as (line, person_id, full_name, title, note).

    Any problem with the file's shape raises a DomainError in Vietnamese naming the line; nothing is written.
    """
    if uploaded.size > MAX_IMPORT_BYTES:
        raise DomainError(_("Tệp quá lớn (tối đa 2 MB)."), field="file")
    data = uploaded.read()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise DomainError(
            _("Tệp không đúng định dạng Excel (.xlsx). Hãy tải mẫu của cổng, điền và tải lên lại."), field="file"
        )
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [str(v).strip() if v is not None else "" for v in next(lines, ())][: len(REGISTRATION_HEADERS)]
    if header != REGISTRATION_HEADERS:
        raise DomainError(
            _("Tệp không đúng mẫu: dòng tiêu đề phải là “%(headers)s”.") % {"headers": ", ".join(REGISTRATION_HEADERS)},
            field="file",
        )
    rows, errors, seen = [], [], set()
    for line, values in enumerate(lines, start=2):
        if line > MAX_IMPORT_ROWS + 1:
            raise DomainError(_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_IMPORT_ROWS}, field="file")
        values = list(values or ()) + [None] * len(REGISTRATION_HEADERS)
        person_id, name, _position, title, note = values[:5]
        title = " ".join(str(title or "").split())
        if not title:
            continue
        if not isinstance(person_id, int | float) or int(person_id) != person_id or person_id <= 0:
            errors.append(_("Dòng %(line)s: mã cá nhân không hợp lệ.") % {"line": line})
            continue
        if not name or not str(name).strip():
            errors.append(_("Dòng %(line)s: thiếu họ và tên.") % {"line": line})
            continue
        if len(title) > 200:
            errors.append(_("Dòng %(line)s: danh hiệu quá dài.") % {"line": line})
            continue
        if int(person_id) in seen:
            errors.append(_("Dòng %(line)s: cá nhân đã có ở dòng trước.") % {"line": line})
            continue
        seen.add(int(person_id))
        rows.append((line, int(person_id), str(name).strip(), title, str(note or "").strip()[:300]))
    if errors:
        raise DomainError(" ".join(errors[:10]), field="file")
    if not rows:
        raise DomainError(_("Tệp không có dòng nào điền danh hiệu đăng ký."), field="file")
    return rows
