"""Excel exports of the award history."""

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _

EXPORT_LIMIT = 50_000


def history_xlsx(records):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Lịch sử khen thưởng")[:31]
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
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records[:EXPORT_LIMIT].iterator(chunk_size=2000):
        if record.person_id:
            row = [_("Cá nhân"), record.person.full_name, record.person.unit.name]
        else:
            row = [_("Tập thể"), record.unit.name, record.unit.name]
        row += [
            record.award.name,
            record.year,
            record.decision_number,
            record.decision_date.strftime("%d/%m/%Y") if record.decision_date else "",
            record.issuer,
        ]
        sheet.append(row)
    for column, width in zip("ABCDEFGH", [10, 32, 40, 36, 8, 18, 14, 36], strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="tra-cuu-khen-thuong.xlsx"'
    return response
