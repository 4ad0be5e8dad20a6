"""The report's tables as an .xlsx workbook, one sheet per table, written in streaming mode."""

import itertools
import tempfile

from django.core.files import File
from django.utils.translation import gettext as _

from emulation.spreadsheets import XlsxWriter, fitted_widths

from .framing import framing_lines

WIDTH_SAMPLE_ROWS = 500


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
    write_opening(writer.sheet(_("Thông tin chung"), widths=[100]), report)
    for table in data.tables:
        # The table's title, then its column headers: both stay in view.
        # A long table's widths come from its first rows, read once more: streamed sheets take widths first.
        sample = list(itertools.islice(table.iter_rows(), WIDTH_SAMPLE_ROWS))
        sheet = writer.sheet(table.title, widths=fitted_widths(table.columns, sample), header_rows=2)
        sheet.append([f"{report.title}: {table.title}"], bold=True)
        sheet.append([str(column) for column in table.columns], bold=True)
        for row in table.iter_rows():
            sheet.append(row)  # numbers stay numbers and dates dates (the writer's safe_value)
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
