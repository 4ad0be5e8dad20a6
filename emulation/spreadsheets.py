"""The portal's one way to write and to read .xlsx files; no other module imports openpyxl.

Writing: every export goes through ``XlsxWriter`` (streaming, openpyxl's write-only mode), whose rows pass through
``safe_value``: text that a spreadsheet program would take for a formula (``=HYPERLINK(…)`` typed as a person's
name) is written as text with a leading apostrophe; numbers and dates stay numbers and dates.

Reading: ``read_sheet`` opens an upload through the archive guard (emulation.archives), finds the parts openpyxl
will read as openpyxl finds them, hands openpyxl a bounded copy of those parts alone, every one scanned as it is
copied, and reads at most the row cap: whatever the file holds, a refusal is a DomainError in Vietnamese naming the
limit or the line.
"""

import datetime
import io
import math
import re
import zipfile
from decimal import Decimal

# expat with DOCTYPE refused, fed only bytes MarkupBound has checked (PartScan).
from xml.parsers import expat  # nosec B407

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_rels_path
from openpyxl.reader.excel import _find_workbook_part
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_ISO8601
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS
from openpyxl.xml.functions import fromstring

from emulation import archives
from emulation.errors import DomainError

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


SHEET_NAME_MAX = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title, used):
    """A sheet name Excel accepts, cut between words (never inside one), different from the ``used`` ones.

    ``used`` holds the names already given in the workbook (lower case, as Excel compares them) and gains this one.
    """
    base = FORBIDDEN_IN_SHEET_NAMES.sub("-", " ".join(str(title).split())) or "-"
    name, n = _cut_between_words(base, SHEET_NAME_MAX), 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = _cut_between_words(base, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    used.add(name.lower())
    return name


def _cut_between_words(text, limit):
    if len(text) <= limit:
        return text
    words = text[: limit + 1].rsplit(" ", 1)[0]
    # A single word longer than the limit can only be cut inside itself.
    return (words if len(words) <= limit else text[:limit]).rstrip(" ,;:-–")


class XlsxWriter:
    """A workbook written row by row: memory stays flat however long the sheets are."""

    def __init__(self):
        self._workbook = Workbook(write_only=True)
        self._bold = Font(bold=True)
        self._names = set()

    def sheet(self, title, *, widths=(), header_rows=0):
        """A new sheet named from ``title`` (see sheet_name), its first ``header_rows`` rows frozen so the headers
        stay in view while scrolling; column widths are set here because a streamed sheet takes them before its
        first row."""
        sheet = self._workbook.create_sheet(title=sheet_name(title, self._names))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if header_rows:
            sheet.freeze_panes = f"A{header_rows + 1}"
        return SheetWriter(sheet, self._bold)

    def save(self, target):
        self._workbook.save(target)

    def to_bytes(self):
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()


# Dates read as Vietnamese readers write them, whatever the spreadsheet program's language.
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


class SheetWriter:
    def __init__(self, sheet, bold):
        self._sheet = sheet
        self._bold = bold

    def append(self, values, *, bold=False):
        self._sheet.append([self._cell(safe_value(value), bold) for value in values])

    def _cell(self, value, bold):
        if isinstance(value, datetime.date):
            cell = WriteOnlyCell(self._sheet, value=value)
            cell.number_format = DATETIME_FORMAT if isinstance(value, datetime.datetime) else DATE_FORMAT
        elif bold:
            cell = WriteOnlyCell(self._sheet, value=value)
        else:
            return value
        if bold:
            cell.font = self._bold
        return cell


def fitted_widths(headers, rows=(), *, least=10, most=60):
    """Column widths that show each column's header and its longest value among ``rows`` (a list, or a sample of a
    long table), between ``least`` and ``most`` characters; a streamed sheet needs them before its first row."""
    widths = [len(str(header)) for header in headers]
    for row in rows:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _shown_length(value))
    return [min(most, max(least, width + 2)) for width in widths]


def _shown_length(value):
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return len("dd/mm/yyyy hh:mm")
    if isinstance(value, datetime.date):
        return len("dd/mm/yyyy")
    return max((len(line) for line in str(value).splitlines()), default=0)


def workbook_bytes(title, headers, rows, *, widths=None):
    """One sheet with a bold header row, its columns fitted to what they hold; returns the .xlsx as bytes."""
    rows = list(rows)
    writer = XlsxWriter()
    sheet = writer.sheet(title, widths=fitted_widths(headers, rows) if widths is None else widths, header_rows=1)
    sheet.append(headers, bold=True)
    for row in rows:
        sheet.append(row)
    return writer.to_bytes()


MAIN_URI = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROW_TAG = MAIN_URI + "}row"  # names as the scan's parser gives them (namespace, "}", local name)
CELL_TAG = MAIN_URI + "}c"
VALUE_TAG = MAIN_URI + "}v"
STRING_ITEM_TAG = MAIN_URI + "}si"
IMPORT_MAX_ENTRIES = 200  # a workbook of one sheet holds about ten parts
# Within each part openpyxl parses: no tag longer than this (it bounds an element's attributes, which a parser
# gathers whole), at most this many distinct tag and attribute names (each is kept for the whole parse), and at most
# this many elements that openpyxl keeps until the end (those outside a row of a sheet or an item of the strings).
MARKUP_MAX_BYTES = 128 * 1024
PART_MAX_NAMES = 1000
PART_MAX_KEPT_ELEMENTS = 20_000


class UnreadableWorkbook(DomainError):
    """Not an .xlsx workbook at all (callers say so in their own words)."""


def _unreadable():
    return UnreadableWorkbook(_("Tệp không đúng định dạng Excel (.xlsx)."), field="file")


def import_limits():
    """What the directory of an imported workbook may hold; each part openpyxl reads is then bounded by its role."""
    return archives.ArchiveLimits(max_entries=IMPORT_MAX_ENTRIES)


def read_sheet(file, *, columns, max_rows=None):
    """The first sheet's rows as ``(line, values)``, line 1 being the header, each row cut or padded to ``columns``.

    openpyxl finds its parts through [Content_Types].xml and the workbook's relationships, whatever their paths, so
    the parts are first resolved the way openpyxl resolves them (``WorkbookParts``); the copy openpyxl opens holds
    only those, each bounded by its role's size limit and scanned (``PartScan``, the sheet by ``SheetScan``) as it is
    copied. Pictures, drawings, calcChain, pivot caches, external links are left out, never decompressed.

    Refuses with a DomainError (field "file"): UnreadableWorkbook when the file is no workbook; otherwise a message
    naming the limit passed (archive sizes, rows, cells per row) or the lines whose cells do not hold their type.
    """
    max_rows = settings.IMPORT_MAX_ROWS if max_rows is None else max_rows
    try:
        with archives.open_archive(file, import_limits()) as archive:
            parts = WorkbookParts(archive)
            sheet_scan = SheetScan(
                max_elements=settings.IMPORT_MAX_SHEET_ELEMENTS,
                max_line=max_rows + 1,
                max_cells=settings.IMPORT_MAX_CELLS_PER_ROW,
            )
            copy = archives.bounded_copy(archive, names=parts.roles, inspect=parts.scanner(sheet_scan))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, expat.ExpatError) as error:
        raise _unreadable() from error
    with copy:
        if sheet_scan.errors:
            raise DomainError(" ".join(sheet_scan.errors[:10]), field="file")
        workbook = _load(copy)
        try:
            if not workbook.worksheets or workbook.worksheets[0]._worksheet_path != parts.sheet:  # openpyxl 3.1
                raise _unreadable()
            return _rows(workbook.worksheets[0], columns=columns, max_line=max_rows + 1)
        finally:
            workbook.close()


def _load(copy):
    try:
        # keep_links=False: external links are not in the copy, and openpyxl would read them whole.
        return load_workbook(copy, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # noqa: BLE001 - any workbook openpyxl cannot open is the user's file problem
        raise _unreadable() from error


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


class WorkbookParts:
    """The parts openpyxl 3.1's read-only mode opens, found as it finds them, each with its role's size limit.

    openpyxl reads [Content_Types].xml; the workbook and the shared strings are the parts the content types name;
    the styles are xl/styles.xml; the sheets are the targets of the workbook's relationships. The three small parts
    that lead to the others are read here (bounded and scanned) and handed to openpyxl's own parsers, so the paths
    found are openpyxl's. docProps and the theme are left out: read-only reading does not need them.
    """

    def __init__(self, archive):
        self.archive = archive
        self.names = set(archive.namelist())
        self.read_parts = {}
        self.roles = {}  # path -> role ("part", "strings" or "sheet"), in the order openpyxl reads them
        try:
            package = Manifest.from_tree(fromstring(self.read(ARC_CONTENT_TYPES)))
            self._add(ARC_CONTENT_TYPES, "part")
            strings = package.find(SHARED_STRINGS)
            if strings is not None:
                self._add(strings.PartName[1:], "strings")
            workbook_path = _find_workbook_part(package).PartName[1:]
            parser = WorkbookParser(self, workbook_path, keep_links=False)
            parser.parse()
            self._add(workbook_path, "part")
            if ARC_STYLE in self.names:
                self._add(ARC_STYLE, "part")
            self.sheet = self._first_sheet(parser)
        except DomainError:
            raise
        except Exception as error:  # noqa: BLE001 - whatever openpyxl's parsers refuse, openpyxl would refuse too
            raise _unreadable() from error
        if self.sheet is None:
            raise DomainError(_("Tệp Excel không có trang tính nào."), field="file")
        self._add(self.sheet, "sheet")

    def read(self, name):
        """A small part whole (what openpyxl's parsers ask of their archive), bounded and scanned before it is read."""
        if name not in self.read_parts:
            info = self.archive.getinfo(name)  # KeyError, as zipfile's read
            archives.check_entry_size(info, settings.IMPORT_MAX_PART_BYTES)
            scan = PartScan(max_kept=PART_MAX_KEPT_ELEMENTS)
            data = bytearray()
            with self.archive.open(info) as source:
                while chunk := source.read(archives.CHUNK):
                    scan.feed(chunk)
                    data += chunk
            scan.close()
            self.read_parts[name] = bytes(data)
        return self.read_parts[name]

    def _first_sheet(self, parser):
        for _sheet, relation in parser.find_sheets():  # reads the workbook's relationships through self.read
            self._add(get_rels_path(parser.workbook_part_name), "part")
            if relation.target in self.names and "chartsheet" not in relation.Type:
                return relation.target
        return None

    def _add(self, name, role):
        if name in self.roles:
            if self.roles[name] == role == "part":
                return  # the workbook's relationships, met once per sheet
            raise _unreadable()  # one part in two roles: no writer does that
        if name not in self.names:
            raise _unreadable()
        limits = {
            "part": settings.IMPORT_MAX_PART_BYTES,
            "strings": settings.IMPORT_MAX_SHARED_STRINGS_BYTES,
            "sheet": settings.IMPORT_MAX_SHEET_BYTES,
        }
        archives.check_entry_size(self.archive.getinfo(name), limits[role])
        self.roles[name] = role

    def scanner(self, sheet_scan):
        """The ``inspect`` of bounded_copy: the sheet gets ``sheet_scan``, each part not yet scanned its PartScan."""

        def inspect(name):
            if name == self.sheet:
                return sheet_scan
            if name in self.read_parts:
                return None  # scanned when it was read
            if self.roles[name] == "strings":
                return PartScan(max_kept=PART_MAX_KEPT_ELEMENTS, cleared=STRING_ITEM_TAG)
            return PartScan(max_kept=PART_MAX_KEPT_ELEMENTS)

        return inspect


# One markup token: a comment, CDATA, a processing instruction, a declaration, or a tag whose quoted attribute
# values may hold ">"; each may stop at the end of the data (then it is carried over to the next chunk).
# Possessive quantifiers: no backtracking, linear time.
MARKUP_TOKEN = re.compile(
    rb"<(?:!--(?:[^-]++|-(?!->))*+(?:-->|\Z)"
    rb"|!\[CDATA\[(?:[^\]]++|\](?!\]>))*+(?:\]\]>|\Z)"
    rb"|\?(?:[^?]++|\?(?!>))*+(?:\?>|\Z)"
    rb"|![^>]*+(?:>|\Z)"
    rb"|(?:[^>\"']++|\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z))*+(?:>|\Z))"
)


class MarkupBound:
    """Bytes streamed before any parser sees them: no markup token (``<`` to its ``>``) longer than ``limit``.

    A parser gathers a start tag whole, attributes and all, before anyone can count them: 760 000 attributes in
    one 8 MB tag cost hundreds of megabytes. Only UTF-8 parts are read (PartScan forces it), so ``<``, ``>`` and the
    quotes are the bytes seen here.
    """

    def __init__(self, limit=MARKUP_MAX_BYTES):
        self.limit = limit
        self.pending = b""

    def feed(self, chunk):
        data = self.pending + chunk
        tokens = MARKUP_TOKEN.findall(data)
        # Every "<" starts a token, so a token that ends where the data ends is the last one: maybe unfinished.
        self.pending = tokens.pop() if tokens and data.endswith(tokens[-1]) else b""
        if max(len(self.pending), max(map(len, tokens), default=0)) > self.limit:
            raise DomainError(
                _("Tệp Excel có một thẻ XML dài hơn %(n)s KB, có dấu hiệu là tệp độc hại.") % {"n": self.limit // 1024},
                field="file",
            )


class PartScan:
    """Streams one XML part with bounded memory, before openpyxl parses it.

    The bytes pass ``MarkupBound`` before the parser sees them; the parser is expat with nothing kept (no tree), the
    encoding forced to UTF-8 and no DOCTYPE (so no entities). Refused: more than PART_MAX_NAMES distinct names,
    more than ``max_kept`` elements outside the ``cleared`` elements (those openpyxl clears once read; every
    element when None), more than ``max_elements`` elements in all.
    """

    def __init__(self, *, max_kept, cleared=None, max_elements=None):
        self.parser = expat.ParserCreate(encoding="utf-8", namespace_separator="}")
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self._start_element
        self.parser.EndElementHandler = self._end_element
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartNamespaceDeclHandler = self._namespace
        self.markup = MarkupBound()
        self.max_kept = max_kept
        self.cleared = cleared
        self.max_elements = max_elements
        self.names = set()
        self.elements = 0
        self.kept = 0
        self.cleared_depth = 0

    def feed(self, chunk):
        self.markup.feed(chunk)
        self.parser.Parse(chunk, False)

    def close(self):
        self.parser.Parse(b"", True)

    def _doctype(self, *_args):
        raise _unreadable()

    def _namespace(self, prefix, uri):
        self._name(f"{prefix}={uri}")

    def _name(self, name):
        self.names.add(name)
        if len(self.names) > PART_MAX_NAMES:
            self._too_complex()

    def _too_complex(self):
        raise DomainError(
            _(
                "Tệp Excel có cấu trúc bất thường (quá nhiều phần tử hoặc tên thẻ khác nhau), có dấu hiệu là tệp độc hại."
            ),
            field="file",
        )

    def _start_element(self, name, attributes):
        self.elements += 1
        if self.max_elements is not None and self.elements > self.max_elements:
            self.too_many_elements()
        if self.cleared_depth:
            self.cleared_depth += 1
        elif name == self.cleared:
            self.cleared_depth = 1
        else:
            self.kept += 1
            if self.kept > self.max_kept:
                self._too_complex()
        self._name(name)
        for attribute in attributes:
            self._name(attribute)
        self.start(name, attributes)

    def _end_element(self, name):
        if self.cleared_depth:
            self.cleared_depth -= 1
        self.end(name)

    def too_many_elements(self):
        self._too_complex()

    def start(self, name, attributes):
        """Hook: an element starts."""

    def end(self, name):
        """Hook: an element ends."""

    def text(self, text):
        """Hook: character data."""


class SheetScan(PartScan):
    """The first sheet's scan, while it is copied: a PartScan, and for the rows openpyxl will read…

    no row beyond ``max_line`` (the reading stops at the first one), at most ``max_cells`` cells a row, and every cell
    holding what its type says (openpyxl raises on a number cell holding ``abc``); those become per-line errors.
    """

    def __init__(self, *, max_elements, max_line, max_cells):
        super().__init__(max_kept=PART_MAX_KEPT_ELEMENTS, cleared=ROW_TAG, max_elements=max_elements)
        self.max_line = max_line
        self.max_cells = max_cells
        self.line = 0
        self.cells = 0
        self.cell = None  # the open cell's attributes
        self.cell_value = None
        self.value = None  # the text of its <v>, while it is open
        self.errors = []

    def too_many_elements(self):
        raise DomainError(
            _("Trang tính có quá nhiều ô và dòng (tối đa %(n)s phần tử).") % {"n": self.max_elements},
            field="file",
        )

    def start(self, name, attributes):
        if name == ROW_TAG:
            self._start_row(attributes)
        elif name == CELL_TAG:
            self.cell, self.cell_value = attributes, None
        elif name == VALUE_TAG and self.cell is not None and self.cell_value is None:
            self.value = []

    def text(self, text):
        if self.value is not None:
            self.value.append(text)

    def end(self, name):
        if name == VALUE_TAG and self.value is not None:
            self.cell_value, self.value = "".join(self.value), None
        elif name == CELL_TAG and self.cell is not None:
            self._end_cell(self.cell, self.cell_value or None)
            self.cell = None

    def _start_row(self, attributes):
        self.cells = 0
        try:
            self.line = int(attributes.get("r", self.line + 1))
        except ValueError:
            self.line += 1
            self.errors.append(_("Dòng %(line)s: số thứ tự dòng không hợp lệ.") % {"line": self.line})
        if self.line > self.max_line:
            raise DomainError(
                _("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": self.max_line - 1},
                field="file",
            )

    def _end_cell(self, attributes, value):
        self.cells += 1
        if self.cells > self.max_cells:
            raise DomainError(
                _("Dòng %(line)s có quá nhiều ô (tối đa %(n)s ô một dòng).") % {"line": self.line, "n": self.max_cells},
                field="file",
            )
        if not _cell_is_readable(attributes, value):
            reference = attributes.get("r") or f"{get_column_letter(self.cells)}{self.line}"
            self.errors.append(
                _("Dòng %(line)s, ô %(cell)s: giá trị không đúng kiểu dữ liệu của ô (ví dụ chữ trong ô số).")
                % {"line": self.line, "cell": reference[:12]}
            )


def _cell_is_readable(attributes, value):
    """What openpyxl's reader would choke on: a bad reference or style, or a value unlike the cell's type."""
    kind = attributes.get("t", "n")
    try:
        if attributes.get("r"):
            coordinate_to_tuple(attributes["r"])
        int(attributes.get("s") or 0)
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
