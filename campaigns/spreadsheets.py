"""The .xlsx files of the campaigns: the individual registration template and its reader, and the exports."""

from django.utils.translation import gettext as _

from emulation.errors import DomainError
from emulation.spreadsheets import UnreadableWorkbook, XlsxWriter, fitted_widths, read_sheet, workbook_bytes

from .titles import INDIVIDUAL, registrable_titles

__all__ = ["read_registration_rows", "registration_template", "workbook_bytes"]

REGISTRATION_HEADERS = ["Mã cá nhân", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Ghi chú"]
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def registration_template(pledge, people):
    """The template a unit fills in: one row per active person of the unit, the title column left to fill."""
    rows = [[person.pk, person.full_name, person.position, "", ""] for person in people]
    widths = fitted_widths(REGISTRATION_HEADERS, rows, least=14)
    widths[3] = 36  # room for the longest title the secretary writes
    writer = XlsxWriter()
    sheet = writer.sheet(_("Đăng ký cá nhân"), widths=widths, header_rows=1)
    sheet.append(REGISTRATION_HEADERS, bold=True)
    for row in rows:
        sheet.append(row)
    guide = writer.sheet(_("Hướng dẫn"), widths=[100])
    guide.append([_("Điền cột “Danh hiệu đăng ký” cho cá nhân đăng ký; để trống nếu không đăng ký.")])
    guide.append([_("Không sửa cột “Mã cá nhân” và “Họ và tên”. Danh hiệu ghi đúng một trong các tên sau:")])
    for title in registrable_titles(subject=INDIVIDUAL, unit=pledge.unit):
        guide.append([title])
    return writer.to_bytes()


def read_registration_rows(uploaded):
    """The filled rows of an uploaded template as (line, person_id, full_name, title, note).

    Any problem with the file's shape raises a DomainError in Vietnamese naming the line; nothing is written.
    """
    if uploaded.size > MAX_IMPORT_BYTES:
        raise DomainError(_("Tệp quá lớn (tối đa 2 MB)."), field="file")
    try:
        lines = read_sheet(uploaded, columns=len(REGISTRATION_HEADERS))
    except UnreadableWorkbook as error:
        raise DomainError(
            _("Tệp không đúng định dạng Excel (.xlsx). Hãy tải mẫu của cổng, điền và tải lên lại."), field="file"
        ) from error
    header = [str(v).strip() if v is not None else "" for v in (lines[0][1] if lines else ())]
    if header != REGISTRATION_HEADERS:
        raise DomainError(
            _("Tệp không đúng mẫu: dòng tiêu đề phải là “%(headers)s”.") % {"headers": ", ".join(REGISTRATION_HEADERS)},
            field="file",
        )
    rows, errors, seen = [], [], set()
    for line, values in lines[1:]:
        person_id, name, _position, title, note = values
        title = " ".join(str(title or "").split())
        if not title:
            continue
        if isinstance(person_id, bool) or not isinstance(person_id, int | float) or not _whole(person_id):
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


def _whole(number):
    """A positive whole number (the scan already refused infinities; a float may still be 2.5 or 1e300)."""
    return 0 < number < 2**63 and float(number).is_integer()
