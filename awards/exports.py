"""Excel exports of the award history."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from emulation.spreadsheets import XlsxWriter

EXPORT_LIMIT = 50_000


def history_xlsx(records):
    """The lookup's records as a workbook, written row by row through the core's one safe writer."""
    writer = XlsxWriter()
    sheet = writer.sheet(_("Lịch sử khen thưởng"), widths=[10, 32, 40, 36, 8, 18, 17, 36], header_rows=1)
    headers = [
        _("Loại"),
        _("Họ và tên / Tập thể"),
        _("Đơn vị"),
        _("Danh hiệu, hình thức"),
        _("Năm"),
        _("Số quyết định"),
        _("Ngày quyết định"),
        _("Cấp quyết định"),
    ]
    sheet.append(headers, bold=True)
    for record in records[:EXPORT_LIMIT].iterator(chunk_size=2000):
        if record.person_id:
            row = [_("Cá nhân"), record.person.full_name, record.person.unit.name]
        else:
            row = [_("Tập thể"), record.unit.name, record.unit.name]
        row += [
            record.award.name,
            record.year,
            record.decision_number,
            record.decision_date,
            record.issuer,
        ]
        sheet.append(row)
    response = HttpResponse(
        writer.to_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="tra-cuu-khen-thuong.xlsx"'
    return response
