"""The shapes a report is made of: tables (sheets of the workbook, tables of the PDF) and the whole report."""

import datetime
from dataclasses import dataclass, field

# The PDF is the summary the Standing Committee reads; at national scale a per-cluster table has 500 rows and the
# top five of every cluster 2,500, which made a 60-page PDF and took the task past 500 MB. Past this many rows a
# table continues in the workbook, and the PDF says how many rows are there.
PDF_MAX_ROWS = 150


@dataclass
class Table:
    """One table of the report: a sheet of the workbook, a table of the PDF.

    ``rows`` is a list, or for the long per-unit lists a function returning a fresh iterator, so the PDF and
    the workbook each stream it. The PDF keeps at most ``pdf_limit`` rows (per value of ``group_column``), and at
    most PDF_MAX_ROWS in all.
    """

    key: str
    title: str
    columns: list
    rows: object
    pdf_limit: int | None = None
    group_column: int | None = None
    note: str = ""
    note_in_workbook: bool = True
    chart: list | None = None  # [(label, value)] drawn as a bar chart in the PDF
    chart_title: str = ""

    def iter_rows(self):
        return iter(self.rows()) if callable(self.rows) else iter(self.rows)

    def pdf_rows(self):
        """The rows the PDF shows, and how many were left to the workbook."""
        kept, omitted, seen = [], 0, {}
        for row in self.iter_rows():
            group = row[self.group_column] if self.group_column is not None else None
            seen[group] = seen.get(group, 0) + 1
            if len(kept) < PDF_MAX_ROWS and (self.pdf_limit is None or seen[group] <= self.pdf_limit):
                kept.append(row)
            else:
                omitted += 1
        return kept, omitted


@dataclass
class ReportData:
    report_kind: str
    start: datetime.date
    end: datetime.date
    unit: object
    overview: dict
    previous: dict
    previous_period: tuple
    tables: list = field(default_factory=list)

    def table(self, key):
        return next(t for t in self.tables if t.key == key)
