"""Every workbook the portal writes reads well when opened: sheet names whole and with their diacritics, the header
row frozen, columns wide enough to read."""

import io

from openpyxl import load_workbook

from emulation.spreadsheets import SHEET_NAME_MAX, XlsxWriter, sheet_name, workbook_bytes


def test_a_long_sheet_name_is_cut_between_words_never_inside_one():
    used = set()
    assert sheet_name("Điển hình tiên tiến, nhân tố mới", used) == "Điển hình tiên tiến, nhân tố"
    assert sheet_name("Theo dõi thực hiện", used) == "Theo dõi thực hiện"
    assert len(sheet_name("Xếp hạng trong cụm thi đua theo lĩnh vực và khối", used)) <= SHEET_NAME_MAX


def test_sheet_names_differ_within_a_workbook_and_drop_what_excel_forbids():
    used = set()
    first = sheet_name("Kết quả: 6 tháng / cả năm", used)
    second = sheet_name("kết quả: 6 tháng / cả năm", used)
    assert first == "Kết quả- 6 tháng - cả năm"
    assert second == "kết quả- 6 tháng - cả năm (2)"
    # A single word longer than Excel allows can only be cut inside itself.
    word = "Mộttừdàihơnbamươimốtkýtựliềnnhaukhôngcách"
    assert sheet_name(word, used) == word[:SHEET_NAME_MAX]


def test_a_one_table_workbook_keeps_its_header_in_view_and_its_columns_readable():
    data = workbook_bytes(
        "Đơn vị trễ hạn", ["Đơn vị", "Cụm thi đua", "Còn thiếu"], [["Đảng bộ Sở Tài chính", "Cụm 1", "—"]]
    )
    sheet = load_workbook(io.BytesIO(data))["Đơn vị trễ hạn"]
    assert sheet.freeze_panes == "A2"
    # Each column as wide as its longest text, header included, with a little room.
    assert [sheet.column_dimensions[column].width for column in "ABC"] == [22, 13, 11]


def test_a_streamed_sheet_freezes_as_many_rows_as_its_headers():
    writer = XlsxWriter()
    sheet = writer.sheet("Tổng hợp chung", widths=[40, 12], header_rows=2)
    sheet.append(["Báo cáo năm 2026: Tổng hợp chung"], bold=True)
    sheet.append(["Chỉ tiêu", "Số"], bold=True)
    sheet.append(["Số đơn vị cơ sở", 20])
    book = load_workbook(io.BytesIO(writer.to_bytes()))
    assert book.sheetnames == ["Tổng hợp chung"]
    assert book["Tổng hợp chung"].freeze_panes == "A3"
    assert book["Tổng hợp chung"].column_dimensions["A"].width == 40
