"""The portal's one way to write and to read .xlsx files; no other module imports openpyxl.

Writing: every export goes through ``XlsxWriter`` (streaming, openpyxl's write-only mode), whose rows pass through
``safe_value``: text that a spreadsheet program would take for a formula (``=HYPERLINK(…)`` typed as a person's
name) is written as text with a leading apostrophe; numbers and dates stay numbers and dates.

Reading: ``read_sheet`` opens an upload through the archive guard (emulation.archives), hands openpyxl a bounded
copy, scans the sheet's XML before openpyxl parses it, and reads at most the row cap: whatever the file holds, a
refusal is a DomainError in Vietnamese naming the limit or the line.
"""

import datetime
import io
import math
import xml.etree.ElementTree as ET  # nosec B405
import zipfile
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_ISO8601

from emulation import archives
from emulation.errors import DomainError

# ElementTree (nosec above) parses only the bounded copy of an upload; expat ≥ 2.4 refuses entity-expansion bombs.

# ---------------------------------------------------------------- writing

# What makes Excel or LibreOffice read a cell as a formula (OWASP's list), and the full-width forms that
# East Asian input methods turn into them.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
KEPT_TYPES = (bool, int, float, Decimal, datetime.date, datetime.time, datetime.timedelta)


def safe_value(value):
    """A value as a cell may hold it: numbers and dates kept, text never read as a formula, no illegal characters."""
    if value is None or isinstance(value, KEPT_TYPES):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if text.startswith(FORMULA_LEADS):
        return "'" + text
    return text


class XlsxWriter:
    """A workbook written row by row: memory stays flat however long the sheets are."""

    def __init__(self):
        self._workbook = Workbook(write_only=True)
        self._bold = Font(bold=True)

    def sheet(self, title, *, widths=()):
        """A new sheet (title cut to Excel's 31 characters); column widths must be set before the first row."""
        sheet = self._workbook.create_sheet(title=str(title)[:31])
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        return SheetWriter(sheet, self._bold)

    def save(self, target):
        self._workbook.save(target)

    def to_bytes(self):
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()


class SheetWriter:
    def __init__(self, sheet, bold):
        self._sheet = sheet
        self._bold = bold

    def append(self, values, *, bold=False):
        row = [safe_value(value) for value in values]
        if bold:
            row = [self._bold_cell(value) for value in row]
        self._sheet.append(row)

    def _bold_cell(self, value):
        cell = WriteOnlyCell(self._sheet, value=value)
        cell.font = self._bold
        return cell


def header_widths(headers):
    return [max(12, min(60, len(str(header)) + 18)) for header in headers]


def workbook_bytes(title, headers, rows, *, widths=None):
    """One sheet with a bold header row; returns the .xlsx as bytes."""
    writer = XlsxWriter()
    sheet = writer.sheet(title, widths=header_widths(headers) if widths is None else widths)
    sheet.append(headers, bold=True)
    for row in rows:
        sheet.append(row)
    return writer.to_bytes()


# ---------------------------------------------------------------- reading

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW_TAG = MAIN_NS + "row"
CELL_TAG = MAIN_NS + "c"
VALUE_TAG = MAIN_NS + "v"
SHEETS_PREFIX = "xl/worksheets/"
SHEET_RELS_PREFIX = "xl/worksheets/_rels/"
SHARED_STRINGS = "xl/sharedStrings.xml"
IMPORT_MAX_ENTRIES = 200  # a workbook of one sheet holds about ten parts


class UnreadableWorkbook(DomainError):
    """Not an .xlsx workbook at all (callers say so in their own words)."""


def import_limits():
    """What an imported workbook may declare: openpyxl parses most parts whole, so those stay small."""
    sheet = settings.IMPORT_MAX_SHEET_BYTES
    return archives.ArchiveLimits(
        max_entries=IMPORT_MAX_ENTRIES,
        max_total_bytes=4 * sheet,
        max_entry_bytes=settings.IMPORT_MAX_PART_BYTES,
        max_ratio=settings.ARCHIVE_MAX_RATIO,
        entry_bytes_by_prefix={
            SHARED_STRINGS: settings.IMPORT_MAX_SHARED_STRINGS_BYTES,
            SHEET_RELS_PREFIX: settings.IMPORT_MAX_PART_BYTES,
            SHEETS_PREFIX: sheet,  # streamed row by row, and scanned first
            "xl/media/": sheet,  # pictures: never parsed
        },
    )


def read_sheet(file, *, columns, max_rows=None):
    """The first sheet's rows as ``(line, values)``, line 1 being the header, each row cut or padded to ``columns``.

    Refuses with a DomainError (field "file"): UnreadableWorkbook when the file is no workbook; otherwise a message
    naming the limit passed (archive sizes, rows, cells per row) or the lines whose cells do not hold their type.
    """
    max_rows = settings.IMPORT_MAX_ROWS if max_rows is None else max_rows
    try:
        with archives.open_archive(file, import_limits()) as archive:
            copy = archives.bounded_copy(archive, inspect=_budget_scan)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, ET.ParseError) as error:
        raise UnreadableWorkbook(_("Tệp không đúng định dạng Excel (.xlsx)."), field="file") from error
    with copy:
        workbook = _load(copy)
        try:
            if not workbook.worksheets:
                raise DomainError(_("Tệp Excel không có trang tính nào."), field="file")
            sheet = workbook.worksheets[0]
            _scan_sheet(copy, sheet._worksheet_path, max_rows=max_rows)  # openpyxl 3.1 keeps the part's path here
            return _rows(sheet, columns=columns, max_line=max_rows + 1)
        finally:
            workbook.close()


def _load(copy):
    try:
        return load_workbook(copy, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any workbook openpyxl cannot open is the user's file problem
        raise UnreadableWorkbook(_("Tệp không đúng định dạng Excel (.xlsx)."), field="file") from error


def _rows(sheet, *, columns, max_line):
    rows = []
    try:
        for line, values in enumerate(
            sheet.iter_rows(min_row=1, max_row=max_line, max_col=columns, values_only=True), start=1
        ):
            rows.append((line, tuple(values)))
    except Exception as error:  # noqa: BLE001 - the scan catches the known cases; anything else is the file's
        raise DomainError(
            _("Tệp có nội dung không đọc được sau dòng %(line)s. Hãy sửa tệp rồi tải lên lại.") % {"line": len(rows)},
            field="file",
        ) from error
    return rows


def _budget_scan(name):
    """Every worksheet part is scanned while it is copied: openpyxl could be led to parse one whole."""
    if name.startswith(SHEETS_PREFIX) and not name.startswith(SHEET_RELS_PREFIX):
        return SheetScan(max_elements=settings.IMPORT_MAX_SHEET_ELEMENTS)
    return None


def _scan_sheet(copy, path, *, max_rows):
    scan = SheetScan(
        max_elements=settings.IMPORT_MAX_SHEET_ELEMENTS,
        max_line=max_rows + 1,
        max_cells=settings.IMPORT_MAX_CELLS_PER_ROW,
        check_cells=True,
    )
    try:
        with zipfile.ZipFile(copy) as archive, archive.open(path.lstrip("/")) as part:
            while chunk := part.read(archives.CHUNK):
                scan.feed(chunk)
        scan.close()
    except (KeyError, zipfile.BadZipFile, ET.ParseError) as error:
        raise UnreadableWorkbook(_("Tệp không đúng định dạng Excel (.xlsx)."), field="file") from error
    finally:
        copy.seek(0)
    if scan.errors:
        raise DomainError(" ".join(scan.errors[:10]), field="file")


class SheetScan:
    """Streams a worksheet's XML with bounded memory, before openpyxl reads it.

    Always: at most ``max_elements`` elements. For the sheet to be read (``check_cells``): no row beyond
    ``max_line`` (the reading stops at the first one), at most ``max_cells`` cells a row, and every cell holding
    what its type says (openpyxl raises on a number cell holding ``abc``); those become per-line errors.
    """

    def __init__(self, *, max_elements, max_line=None, max_cells=None, check_cells=False):
        self.parser = ET.XMLPullParser(events=("start", "end"))  # nosec B314
        self.max_elements = max_elements
        self.max_line = max_line
        self.max_cells = max_cells
        self.check_cells = check_cells
        self.elements = 0
        self.line = 0
        self.cells = 0
        self.errors = []

    def feed(self, chunk):
        self.parser.feed(chunk)
        self._drain()

    def close(self):
        self.parser.close()
        self._drain()

    def _drain(self):
        for event, element in self.parser.read_events():
            if event == "start":
                if element.tag == ROW_TAG:
                    self._start_row(element)
                continue
            self.elements += 1
            if self.elements > self.max_elements:
                raise DomainError(
                    _("Trang tính có quá nhiều ô và dòng (tối đa %(n)s phần tử).") % {"n": self.max_elements},
                    field="file",
                )
            if element.tag == CELL_TAG:
                self._end_cell(element)
            elif element.tag == ROW_TAG:
                element.clear()

    def _start_row(self, element):
        self.cells = 0
        try:
            self.line = int(element.get("r", self.line + 1))
        except ValueError:
            self.line += 1
            self._error(_("Dòng %(line)s: số thứ tự dòng không hợp lệ.") % {"line": self.line})
        if self.max_line is not None and self.line > self.max_line:
            raise DomainError(
                _("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": self.max_line - 1},
                field="file",
            )

    def _end_cell(self, element):
        self.cells += 1
        if self.max_cells is not None and self.cells > self.max_cells:
            raise DomainError(
                _("Dòng %(line)s có quá nhiều ô (tối đa %(n)s ô một dòng).") % {"line": self.line, "n": self.max_cells},
                field="file",
            )
        if self.check_cells and not _cell_is_readable(element):
            reference = element.get("r") or f"{get_column_letter(self.cells)}{self.line}"
            self._error(
                _("Dòng %(line)s, ô %(cell)s: giá trị không đúng kiểu dữ liệu của ô (ví dụ chữ trong ô số).")
                % {"line": self.line, "cell": reference[:12]}
            )

    def _error(self, message):
        if self.check_cells:
            self.errors.append(message)


def _cell_is_readable(element):
    """What openpyxl's reader would choke on: a bad reference or style, or a value unlike the cell's type."""
    kind = element.get("t", "n")
    value = element.findtext(VALUE_TAG) or None
    try:
        if element.get("r"):
            coordinate_to_tuple(element.get("r"))
        int(element.get("s") or 0)
        if value is None or kind in ("inlineStr", "str", "e"):
            return True
        if kind == "n":
            return math.isfinite(float(value))
        if kind in ("s", "b"):
            return int(value) >= 0
        if kind == "d":
            return from_ISO8601(value) is not None
    except (ValueError, TypeError, OverflowError):
        return False
    return True
