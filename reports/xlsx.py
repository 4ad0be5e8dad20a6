"""The report's tables as an .xlsx workbook, one sheet per table, written in streaming mode."""

import re
import tempfile

from django.core.files import File
from django.utils.translation import gettext as _

from emulation.spreadsheets import XlsxWriter

from .framing import framing_lines

FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title, used):
    """Excel allows 31 characters and no []:*?/\\ in a sheet name, and names must differ."""
    base = FORBIDDEN.sub("-", str(title))[:31]
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def write_opening(sheet, report):
    """The first sheet opens as the PDF does: the report's title, then the term's theme and motto and the year's."""
    sheet.append([str(report.title)], bold=True)
    sheet.append([])
    for line in framing_lines(report.period_start, report.period_end, report.kind):
        sheet.append([line])


def write_workbook(report, data, target):
    """Write every table into ``target`` (a binary file); long tables stream from the database.

    Through the core's one writer: streaming, and text that would read as a formula is written as text."""
    writer = XlsxWriter()
    used = set()
    write_opening(writer.sheet(sheet_title(_("Thông tin chung"), used)), report)
    for table in data.tables:
        sheet = writer.sheet(sheet_title(table.title, used))
        sheet.append([f"{report.title}: {table.title}"], bold=True)
        sheet.append([str(column) for column in table.columns], bold=True)
        for row in table.iter_rows():
            sheet.append([str(v) if v is not None and not isinstance(v, int | float | str) else v for v in row])
        if table.note and table.note_in_workbook:
            sheet.append([])
            sheet.append([str(table.note)])
    writer.save(target)


def workbook_file(report, data):
    """The workbook in a temporary file, wrapped for Django's storage (the caller closes it)."""
    handle = tempfile.TemporaryFile()
    write_workbook(report, data, handle)
    handle.seek(0)
    return File(handle, name="report.xlsx")
