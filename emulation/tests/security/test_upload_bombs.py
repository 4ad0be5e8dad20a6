"""Uploads are bounded by what they decompress and how many rows they hold (issue #12, findings 3 and 6).

Every zip-based upload goes through emulation.archives (its directory checked before anything is unpacked) and
every spreadsheet import through emulation.spreadsheets.read_sheet (a bounded copy, a scan, a row cap). The bombs
are built by hand in a few milliseconds (zip_bombs.py): a gigabyte of zeros is one compressed megabyte.
"""

import contextlib
import io
import os
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import Award, AwardRecord
from awards.services import IMPORT_COLUMNS, import_history
from campaigns.spreadsheets import REGISTRATION_HEADERS, read_registration_rows
from emulation.errors import DomainError
from emulation.spreadsheets import read_sheet
from emulation.tests.factories import PersonFactory, UnitFactory, office_user
from emulation.uploads import inspect_upload

from .zip_bombs import (
    MAIN_NS,
    MB,
    NO_SHEET_WORKBOOK,
    content_types_with,
    entry,
    million_rows_sheet,
    odt,
    one_element_of_many_attributes,
    raw_cell_sheet,
    sheet_xml,
    workbook_rels_with,
    xlsx,
    zeros_entry,
    zip_bytes,
)

ROOT = Path(__file__).resolve().parents[3]
PEAK_LIMIT = 200 * MB
SECONDS = 5


@contextlib.contextmanager
def bounded(limit=PEAK_LIMIT, seconds=SECONDS):
    """The block's peak of Python allocations (tracemalloc) stays under ``limit``, and it ends within ``seconds``."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    assert peak < limit, f"peak {peak / MB:.0f} MB"
    assert elapsed < seconds, f"{elapsed:.1f} s"


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refusal(call, *args, **kwargs):
    with bounded(), pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value.message


def test_zipfile_never_returns_more_than_the_declared_size_but_a_whole_read_unpacks_past_it():
    """CPython cuts an entry at its declared size, yet ``archive.read()`` first unpacks all its data (one call, no
    bound); chunked reads are bounded. Hence imports hand openpyxl a copy rebuilt by chunked reads."""
    forged = zip_bytes([zeros_entry("part.xml", 256, declared=1000)])
    with zipfile.ZipFile(io.BytesIO(forged)) as archive:
        with bounded(limit=4 * MB), archive.open("part.xml") as part:
            chunks = b"".join(iter(lambda: part.read(64 * 1024), b""))
        assert len(chunks) == 1000
        tracemalloc.start()
        whole = archive.read("part.xml")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert len(whole) == 1000  # cut at the declared size (the CRC of the first 1000 bytes matches) …
    assert peak > 200 * MB  # … after 256 MB were unpacked: if this ever fails, CPython bounds whole reads now


def test_an_odt_whose_mimetype_unpacks_to_a_gigabyte_is_refused_from_its_directory():
    message = refusal(inspect_upload, upload("minh-chung.odt", odt(zeros_entry("mimetype", 1024))))
    assert "1024 MB" in message and "100 MB" in message


def test_an_odt_whose_directory_understates_the_gigabyte_costs_only_its_first_bytes():
    """Declared 2 MB (a plausible ratio), holding 1 GiB: only the first bytes of ``mimetype`` are read."""
    bomb = odt(zeros_entry("mimetype", 1024, declared=2 * MB))
    message = refusal(inspect_upload, upload("minh-chung.odt", bomb))
    assert "không được chấp nhận" in message


def test_a_forged_size_smaller_than_the_compressed_data_is_refused_as_damaged():
    bomb = odt(zeros_entry("mimetype", 1024, declared=47))
    assert "không được chấp nhận" in refusal(inspect_upload, upload("minh-chung.odt", bomb))


def test_a_dossier_attachment_that_unpacks_to_a_gigabyte_is_refused():
    docx = zip_bytes([entry("[Content_Types].xml", b"<Types/>"), zeros_entry("word/document.xml", 1024)])
    assert "100 MB" in refusal(inspect_upload, upload("to-trinh.docx", docx))


def test_an_archive_of_too_many_entries_is_refused_from_its_end_record(settings):
    settings.ARCHIVE_MAX_ENTRIES = 50
    many = zip_bytes([entry("[Content_Types].xml", b"<Types/>")] + [entry(f"word/{n}.xml", b"") for n in range(60)])
    assert "61 thành phần" in refusal(inspect_upload, upload("to-trinh.docx", many))


def test_an_archive_compressed_with_a_method_office_never_uses_is_refused():
    bzip = zip_bytes([("word/document.xml", zipfile.ZIP_BZIP2, b"BZh9", 0, 10)])
    assert "không được hỗ trợ" in refusal(inspect_upload, upload("to-trinh.docx", bzip))


def test_real_office_files_still_pass():
    book = xlsx(sheet=sheet_xml([["Tiêu đề"], [1]]))
    content_type, _name = inspect_upload(upload("so-lieu.xlsx", book))
    assert content_type.endswith("spreadsheetml.sheet")
    mimetype = entry("mimetype", b"application/vnd.oasis.opendocument.text", method=zipfile.ZIP_STORED)
    assert inspect_upload(upload("bao-cao.odt", odt(mimetype)))[0] == "application/vnd.oasis.opendocument.text"


def test_a_stored_odt_of_identical_rows_is_accepted_however_well_it_compresses():
    """A table of 200 000 identical unnumbered rows: 26 MB of content.xml in 100 KB, a ratio of 256 (the refused
    threshold was 200); stored files are only sniffed, so only the declared sizes bound them."""
    row = (
        "<table:table-row><table:table-cell office:value-type='string'><text:p>Nguyễn Văn A</text:p>"
        "</table:table-cell></table:table-row>"
    ).encode()
    content = (
        b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><table:table>'
        + row * 200_000
        + b"</table:table></office:text></office:body></office:document-content>"
    )
    mimetype = entry("mimetype", b"application/vnd.oasis.opendocument.text", method=zipfile.ZIP_STORED)
    document = zip_bytes([mimetype, entry("content.xml", content), entry("META-INF/manifest.xml", b"<manifest/>")])
    assert len(content) > 250 * len(document)
    assert inspect_upload(upload("bang.odt", document))[0] == "application/vnd.oasis.opendocument.text"


def test_a_stored_docx_of_empty_paragraphs_and_a_blank_picture_is_accepted():
    paragraphs = b'<w:document xmlns:w="urn:w"><w:body>' + b"<w:p/>" * 500_000 + b"</w:body></w:document>"
    docx = zip_bytes(
        [
            entry("[Content_Types].xml", b"<Types/>"),
            entry("word/document.xml", paragraphs),
            entry("word/media/image1.bmp", b"BM" + bytes(20 * MB)),
        ]
    )
    assert inspect_upload(upload("to-trinh.docx", docx))[0].endswith("wordprocessingml.document")


def registration(rows):
    return upload("dang-ky.xlsx", xlsx(sheet=sheet_xml([REGISTRATION_HEADERS, *rows])))


def test_registration_import_refuses_shared_strings_that_unpack_to_a_gigabyte_and_a_half():
    bomb = xlsx(sheet=sheet_xml([REGISTRATION_HEADERS]), extra=[zeros_entry("xl/sharedStrings.xml", 1536)])
    message = refusal(read_registration_rows, upload("dang-ky.xlsx", bomb))
    assert "1536 MB" in message and "4 MB" in message


def test_a_part_openpyxl_reads_whole_is_cut_at_its_declared_size_by_the_bounded_copy():
    """styles.xml declares 500 KB and holds 480 MB (1 KB a MB, so its compressed size looks honest); openpyxl
    reads styles with ``archive.read()``: on the original upload that would unpack the 480 MB."""
    bomb = xlsx(sheet=sheet_xml([REGISTRATION_HEADERS]), extra=[zeros_entry("xl/styles.xml", 480, declared=500 * 1024)])
    assert "không đúng định dạng Excel" in refusal(read_registration_rows, upload("dang-ky.xlsx", bomb))


def test_registration_import_reports_text_in_a_number_cell_as_an_error_of_its_line():
    sheet = raw_cell_sheet(REGISTRATION_HEADERS, '<c r="A2" t="n"><v>abc</v></c>')
    message = refusal(read_registration_rows, upload("dang-ky.xlsx", xlsx(sheet=sheet)))
    assert "Dòng 2, ô A2" in message


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="A2"><v>1e400</v></c>',
        '<c r="A2" t="b"><v>abc</v></c>',
        '<c r="A2" t="d"><v>không phải ngày</v></c>',
        '<c r="A2" t="s"><v>x</v></c>',
        '<c r="A2" s="abc"><v>1</v></c>',
        '<c r="ZZZZ2"><v>1</v></c>',
    ],
)
def test_registration_import_reports_every_kind_of_broken_cell_by_line(cell):
    message = refusal(
        read_registration_rows, upload("dang-ky.xlsx", xlsx(sheet=raw_cell_sheet(REGISTRATION_HEADERS, cell)))
    )
    assert message.startswith("Dòng 2, ô ")


def test_registration_import_of_a_workbook_with_no_sheet_says_so():
    message = refusal(read_registration_rows, upload("dang-ky.xlsx", xlsx(workbook=NO_SHEET_WORKBOOK)))
    assert message == "Tệp Excel không có trang tính nào."


def test_registration_import_stops_reading_at_the_row_cap(settings):
    settings.IMPORT_MAX_ROWS = 50
    rows = [[n, "Nguyễn Văn A", "", "Lao động tiên tiến"] for n in range(1, 52)]
    assert refusal(read_registration_rows, registration(rows)) == "Tệp có quá nhiều dòng (tối đa 50)."


def test_a_shared_string_index_beyond_the_table_is_refused_naming_the_line_before():
    sheet = raw_cell_sheet(REGISTRATION_HEADERS, '<c r="A2" t="s"><v>99</v></c>')
    message = refusal(read_sheet, upload("dang-ky.xlsx", xlsx(sheet=sheet)), columns=5)
    assert "sau dòng 1" in message


def test_a_sheet_of_a_million_rows_is_refused_before_openpyxl_reads_it():
    bomb = upload("lich-su.xlsx", xlsx(sheet=million_rows_sheet()))
    message = refusal(read_sheet, bomb, columns=8)
    assert "8 MB" in message


def test_a_sheet_under_the_size_limit_is_read_no_further_than_the_row_cap():
    """50 000 rows: under every size limit, the scan stops at row 5 002."""
    rows = "".join(f'<row r="{n}"/>' for n in range(1, 50_001))
    sheet = f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'
    message = refusal(read_sheet, upload("lich-su.xlsx", xlsx(sheet=sheet.encode())), columns=8)
    assert message == "Tệp có quá nhiều dòng (tối đa 5000)."


def test_a_sheet_of_too_many_elements_is_refused_while_it_is_copied(settings):
    settings.IMPORT_MAX_SHEET_ELEMENTS = 1000
    sheet = sheet_xml([["a", "b", "c"]] * 400)
    assert "1000 phần tử" in refusal(read_sheet, upload("lich-su.xlsx", xlsx(sheet=sheet)), columns=3)


def test_a_row_of_too_many_cells_is_refused():
    cells = "<c/>" * 100_000
    sheet = f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    message = refusal(read_sheet, upload("lich-su.xlsx", xlsx(sheet=sheet.encode())), columns=8)
    assert message == "Dòng 1 có quá nhiều ô (tối đa 200 ô một dòng)."


def test_the_reader_returns_numbers_dates_and_text_of_an_ordinary_sheet():
    rows = read_sheet(upload("a.xlsx", xlsx(sheet=sheet_xml([["Tên", "Năm"], ["Nguyễn Văn A", 2021]]))), columns=3)
    assert rows == [(1, ("Tên", "Năm", None)), (2, ("Nguyễn Văn A", 2021, None))]


SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_STRINGS_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def attributes_sheet():
    """sheet1.xml of 8 MB whose first row carries 760 000 attributes (1.8 MB compressed, a 4.7× ratio)."""
    head = f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"'.encode()
    return xlsx(
        sheet=one_element_of_many_attributes("xl/worksheets/sheet1.xml", head, b"/></sheetData></worksheet>", 8 * MB)
    )


def attributes_strings(name="xl/sharedStrings.xml", size=4 * MB):
    """Shared strings whose first item carries the attributes; elsewhere than xl/ by the content types if asked."""
    head = f'<sst xmlns="{MAIN_NS}"><si'.encode()
    strings = one_element_of_many_attributes(name, head, b"><t>x</t></si></sst>", size)
    parts = {}
    if name != "xl/sharedStrings.xml":
        parts = {
            "[Content_Types].xml": content_types_with(("/" + name, SHARED_STRINGS_TYPE)),
            "xl/_rels/workbook.xml.rels": workbook_rels_with(("rId9", SHARED_STRINGS_RELATION, name[3:])),
        }
    return xlsx(sheet=sheet_xml([["Tên"], ["Nguyễn Văn A"]]), extra=[strings], parts=parts)


def test_a_sheet_row_of_760_000_attributes_is_refused_before_any_parser_gathers_them():
    """The element count saw one element; expat and openpyxl built its 760 000 attributes: 665 MB, then read."""
    message = refusal(read_sheet, upload("lich-su.xlsx", attributes_sheet()), columns=5)
    assert message == "Tệp Excel có một thẻ XML dài hơn 128 KB, có dấu hiệu là tệp độc hại."


def test_a_shared_string_of_a_million_attributes_is_refused_before_any_parser_gathers_them():
    message = refusal(read_sheet, upload("lich-su.xlsx", attributes_strings()), columns=5)
    assert message == "Tệp Excel có một thẻ XML dài hơn 128 KB, có dấu hiệu là tệp độc hại."


def test_shared_strings_moved_under_xl_media_keep_the_shared_strings_limit():
    """openpyxl finds the shared strings through [Content_Types].xml: the limit follows the role, not the path."""
    bomb = attributes_strings("xl/media/strings.xml", size=8 * MB)
    message = refusal(read_sheet, upload("lich-su.xlsx", bomb), columns=5)
    assert "vượt giới hạn 4 MB" in message


def test_many_distinct_attribute_names_across_small_tags_are_refused():
    """Small tags, but 5 000 distinct attribute names (each stays in the parser's tables while it parses the part:
    680 000 of them cost openpyxl 350 MB); an honest part uses a few dozen."""
    tags = "".join("<x " + " ".join(f'a{n}_{i}=""' for i in range(50)) + "/>" for n in range(100))
    sheet = f'<worksheet xmlns="{MAIN_NS}">{tags}<sheetData/></worksheet>'.encode()
    message = refusal(read_sheet, upload("lich-su.xlsx", xlsx(sheet=sheet)), columns=5)
    assert "quá nhiều phần tử hoặc tên thẻ khác nhau" in message


def test_a_tag_whose_attribute_values_hold_closing_brackets_is_still_one_tag():
    """``>`` is legal inside an attribute value: the bound follows quotes, so it cannot be used to cut a long tag."""
    attributes = " ".join(f'a{n}=">"' for n in range(30_000))
    sheet = f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1" {attributes}/></sheetData></worksheet>'.encode()
    message = refusal(read_sheet, upload("lich-su.xlsx", xlsx(sheet=sheet)), columns=5)
    assert message.startswith("Tệp Excel có một thẻ XML dài hơn")


def test_a_workbook_with_a_big_calc_chain_pivot_cache_and_picture_is_still_imported():
    """Corporate workbooks carry parts openpyxl's read-only mode never opens: they are left out of the copy, never
    decompressed, whatever their size or compression ratio."""
    calc_chain = f'<calcChain xmlns="{MAIN_NS}">'.encode() + b'<c r="B2" i="1"/>' * 150_000 + b"</calcChain>"
    record = "<r><s v='Nguyễn Văn A'/><n v='2021'/></r>".encode()
    records = f'<pivotCacheRecords xmlns="{MAIN_NS}">'.encode() + record * 80_000 + b"</pivotCacheRecords>"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    types = "application/vnd.openxmlformats-officedocument.spreadsheetml."
    book = xlsx(
        sheet=sheet_xml([["Tên", "Năm"], ["Nguyễn Văn A", 2021]]),
        extra=[
            entry("xl/calcChain.xml", calc_chain),
            entry("xl/pivotCache/pivotCacheRecords1.xml", records),
            entry("xl/media/image1.bmp", b"BM" + bytes(6 * MB)),
        ],
        parts={
            "[Content_Types].xml": content_types_with(
                ("/xl/calcChain.xml", types + "calcChain+xml"),
                ("/xl/pivotCache/pivotCacheRecords1.xml", types + "pivotCacheRecords+xml"),
            ),
            "xl/_rels/workbook.xml.rels": workbook_rels_with(("rId9", relations + "calcChain", "calcChain.xml")),
        },
    )
    assert len(calc_chain) > 4 * 512 * 1024 and len(records) > 6 * 512 * 1024
    rows = read_sheet(upload("lich-su.xlsx", book), columns=2)
    assert rows == [(1, ("Tên", "Năm")), (2, ("Nguyễn Văn A", 2021))]


@pytest.fixture
def office(db):
    from awards.catalog import load_catalog

    if not Award.objects.exists():
        from django.apps import apps

        load_catalog(apps.get_model)
    return office_user()


def history(rows, **parts):
    return upload("lich-su.xlsx", xlsx(sheet=sheet_xml([IMPORT_COLUMNS, *rows]), **parts))


def test_history_import_of_a_million_rows_is_refused_and_writes_nothing(office):
    message = refusal(import_history, file=upload("lich-su.xlsx", xlsx(sheet=million_rows_sheet())), by=office)
    assert "8 MB" in message
    assert not AwardRecord.objects.exists()


def test_history_import_over_the_row_cap_commits_none_of_its_good_rows(office, settings):
    settings.IMPORT_MAX_ROWS = 20
    unit = UnitFactory(code="so-nhap")
    PersonFactory(unit=unit, full_name="Hồ Thị Nhập")
    good = ["Cá nhân", "so-nhap", "Hồ Thị Nhập", "Lao động tiên tiến", 2021, "1/QĐ", "01/02/2021", "Sở"]
    rows = [good] + [[*good[:4], 2000 + n, *good[5:]] for n in range(25)]
    assert refusal(import_history, file=history(rows), by=office) == "Tệp có quá nhiều dòng (tối đa 20)."
    assert not AwardRecord.objects.exists()


def test_history_import_refuses_text_in_a_number_cell_naming_the_line(office):
    sheet = raw_cell_sheet(
        IMPORT_COLUMNS, '<c r="A2" t="inlineStr"><is><t>Cá nhân</t></is></c><c r="E2" t="n"><v>abc</v></c>'
    )
    message = refusal(import_history, file=upload("lich-su.xlsx", xlsx(sheet=sheet)), by=office)
    assert "Dòng 2, ô E2" in message
    assert not AwardRecord.objects.exists()


def test_history_import_of_a_workbook_with_no_sheet_says_so(office):
    message = refusal(import_history, file=upload("lich-su.xlsx", xlsx(workbook=NO_SHEET_WORKBOOK)), by=office)
    assert message == "Tệp Excel không có trang tính nào."


def test_history_import_refuses_shared_strings_that_unpack_to_a_gigabyte(office):
    bomb = xlsx(sheet=sheet_xml([IMPORT_COLUMNS]), extra=[zeros_entry("xl/sharedStrings.xml", 1024)])
    assert "4 MB" in refusal(import_history, file=upload("lich-su.xlsx", bomb), by=office)


def test_history_import_reports_an_infinite_year_and_an_overlong_decision_number_per_line(office):
    unit = UnitFactory(code="so-nhap")
    PersonFactory(unit=unit, full_name="Hồ Thị Nhập")
    rows = [
        ["Cá nhân", "so-nhap", "Hồ Thị Nhập", "Lao động tiên tiến", "1e400", "", None, ""],
        ["Cá nhân", "so-nhap", "Hồ Thị Nhập", "Lao động tiên tiến", 2021, "x" * 101, None, ""],
        ["Cá nhân", "so-nhap", "Hồ Thị Nhập", "Lao động tiên tiến", 2022, "2/QĐ", None, ""],
    ]
    result = import_history(file=history(rows), by=office)
    assert (result.created, [line for line, _message in result.errors]) == (1, [2, 3])


SCRIPT = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from emulation.uploads import inspect_upload
    from campaigns.spreadsheets import read_registration_rows
    from emulation.errors import DomainError
    from emulation.spreadsheets import read_sheet

    readers = {
        "odt": inspect_upload,
        "registration": read_registration_rows,
        "sheet": lambda upload: read_sheet(upload, columns=8),
    }
    for path in sys.argv[1:]:
        kind, name = path.rsplit("/", 1)[1].split("-", 1)
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            readers[kind](SimpleUploadedFile(name, data))
        except DomainError:
            pass
        else:
            raise SystemExit(f"{path} was accepted")
    # VmHWM: this process image's peak resident memory (ru_maxrss would carry the parent's over fork and exec).
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
    """
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak resident memory from /proc")
def test_every_bomb_is_refused_in_a_fresh_process_whose_resident_memory_stays_under_200_mb(tmp_path):
    bombs = {
        "odt-minh-chung.odt": odt(zeros_entry("mimetype", 1024)),
        "odt-an.odt": odt(zeros_entry("mimetype", 1024, declared=2 * MB)),
        "registration-dang-ky.xlsx": xlsx(
            sheet=sheet_xml([REGISTRATION_HEADERS]), extra=[zeros_entry("xl/sharedStrings.xml", 1536)]
        ),
        "registration-kieu.xlsx": xlsx(
            sheet=sheet_xml([REGISTRATION_HEADERS]), extra=[zeros_entry("xl/styles.xml", 480, declared=500 * 1024)]
        ),
        "sheet-trieu-dong.xlsx": xlsx(sheet=million_rows_sheet()),
        "sheet-duoi-gioi-han.xlsx": xlsx(sheet=million_rows_sheet(rows=150_000)),  # 5.5 MB: the row cap refuses it
        "sheet-mot-dong.xlsx": xlsx(sheet=(f'<worksheet xmlns="{MAIN_NS}"><sheetData><row>' + "<c/>" * 10**6).encode()),
        "sheet-thuoc-tinh.xlsx": attributes_sheet(),  # 760 000 attributes on one row: 665 MB before the bound
        "sheet-chuoi.xlsx": attributes_strings(),  # the same in the shared strings: 224 MB
        "sheet-chuoi-media.xlsx": attributes_strings("xl/media/strings.xml", size=8 * MB),  # 382 MB
    }
    paths = []
    for name, data in bombs.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "emulation.settings", "SECRET_KEY": "x"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT, *paths], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    peak = int(done.stdout.split()[-1])
    print(f"upload bombs: {len(bombs)} refused, peak resident memory of the process {peak / 1024:.0f} MB")
    assert peak * 1024 < PEAK_LIMIT


def test_an_entity_expansion_bomb_in_a_sheet_is_refused_by_the_parser():
    entities = '<!ENTITY a0 "aaaaaaaaaa">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]><worksheet xmlns="{MAIN_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>'
    )
    message = refusal(read_sheet, upload("lich-su.xlsx", xlsx(sheet=sheet.encode())), columns=2)
    assert message == "Tệp không đúng định dạng Excel (.xlsx)."
