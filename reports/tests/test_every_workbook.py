"""Every workbook the portal hands out opens as its reader expects: each sheet named whole, with its diacritics and
within Excel's 31 characters, the header frozen and bold, the columns wide enough for what they hold, numbers
stored as numbers and dates as dates (a figure typed as text cannot be summed; a date as text cannot be sorted).

The workbooks are downloaded the way a user gets them: the tracking exports and the registration template from
their pages, the award lookup's export, and every kind of periodic report produced through its task.
"""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.tests.factories import AwardRecordFactory, award
from emulation.spreadsheets import SHEET_NAME_MAX
from emulation.tests.factories import PersonFactory, office_user, secretary_of
from emulation.workflow import SYSTEM
from reports import services
from reports.enums import ReportKind, ReportState

from .factories import build_world, demo_profile

pytestmark = pytest.mark.django_db
YEAR = 2026
# A cell that holds a figure or a date written as text.
NUMBER_AS_TEXT = re.compile(r"^\s*-?\d+([.,]\d+)?\s*%?\s*$")
DATE_AS_TEXT = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*$")
# Titles the portal gives its sheets, as a reader expects them (Vietnamese, whole words).
VIETNAMESE = re.compile(r"[^\x00-\x7f]")
# Sheets that hold sentences, not a table: a report's opening, the template's instructions.
PROSE_SHEETS = {"Thông tin chung", "Hướng dẫn"}


@pytest.fixture
def world():
    demo_profile()
    world = build_world(n_units=5, year=YEAR)
    person = PersonFactory(unit=world.units[0], full_name="Nguyễn Thị Hương")
    AwardRecordFactory(
        person=person,
        award=award("chien-si-thi-dua-co-so"),
        year=YEAR - 1,
        decision_number="15-QĐ/ĐUK",
        decision_date=datetime.date(YEAR - 1, 12, 20),
    )
    return world


def _downloads(client, world, capture):
    """(what, workbook bytes) of every workbook an Office user can download about the world."""
    plan = world.plan
    pledge = next(iter(world.pledges.values()))
    for what, url in (
        ("tracking", reverse("campaigns:tracking_export", args=[plan.pk, "theo-doi"])),
        ("late units", reverse("campaigns:tracking_export", args=[plan.pk, "tre-han"])),
        ("award lookup", reverse("awards:lookup") + "?format=xlsx"),
    ):
        response = client.get(url)
        assert response.status_code == 200, what
        assert response["Content-Type"].startswith("application/vnd.openxmlformats"), what
        yield what, response.content
    # The registration template is the secretary's, pre-filled with the unit's people.
    client.force_login(secretary_of(pledge.unit))
    response = client.get(reverse("campaigns:registration_template", args=[pledge.pk]))
    assert response.status_code == 200
    yield "registration template", response.content
    # The quarterly and six-month reports hold the annual report's tables over a shorter period.
    year = (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    term = (datetime.date(world.term.start_year, 1, 1), year[1])
    for kind, period, unit in (
        (ReportKind.ANNUAL, year, None),
        (ReportKind.UNIT, year, world.units[0]),
        (ReportKind.TERM, term, None),
    ):
        with capture(execute=True):
            report, _created = services.request_report(
                kind=kind, period_start=period[0], period_end=period[1], unit=unit, by=SYSTEM
            )
        report.refresh_from_db()
        assert report.state == ReportState.DONE, report.error
        with report.xlsx.open("rb") as handle:
            yield f"report {kind}", handle.read()


def _header_rows(sheet):
    """The rows the sheet keeps in view (its frozen rows)."""
    return int(re.match(r"[A-Z]+(\d+)", sheet.freeze_panes).group(1)) - 1


def _is_table_row(row):
    """A row of the table, not the note written under it in its first cell."""
    return sum(cell.value is not None for cell in row) != 1 or row[0].value is None


def _shown_length(cell):
    if isinstance(cell.value, datetime.datetime):
        return len(cell.number_format)  # shown as DD/MM/YYYY, not as Python writes it
    return len(str(cell.value or ""))


def _problems(what, book):
    problems = []
    for sheet in book.worksheets:
        name = sheet.title
        if len(name) > SHEET_NAME_MAX or name != name.strip(" ,;:-–"):
            problems.append(f"{what}: sheet name {name!r}")
        if not VIETNAMESE.search(name):
            problems.append(f"{what}: sheet name without diacritics {name!r}")
        rows = list(sheet.iter_rows())
        if sheet.max_row <= 1 and not any(cell.value for row in rows for cell in row):
            continue
        if name in PROSE_SHEETS:
            continue
        if not sheet.freeze_panes:
            problems.append(f"{what}/{name}: header not frozen")
            continue
        headers = rows[: _header_rows(sheet)]
        header = headers[-1]
        if not all(cell.font.b for cell in header if cell.value is not None):
            problems.append(f"{what}/{name}: header not bold")
        for cell in header:
            if cell.value is None:
                continue
            width = sheet.column_dimensions[cell.column_letter].width
            longest = max(
                _shown_length(row[cell.column - 1])
                for row in rows[len(headers) - 1 :]
                if _is_table_row(row) and len(row) >= cell.column
            )
            if width < min(longest, 50) * 0.9 + 2:
                problems.append(f"{what}/{name}: column {cell.value!r} is {width} wide for text of {longest}")
        for row in rows[len(headers) :]:
            for cell in row:
                if isinstance(cell.value, str) and NUMBER_AS_TEXT.match(cell.value):
                    problems.append(f"{what}/{name}!{cell.coordinate}: figure as text {cell.value!r}")
                if isinstance(cell.value, str) and DATE_AS_TEXT.match(cell.value):
                    problems.append(f"{what}/{name}!{cell.coordinate}: date as text {cell.value!r}")
                if isinstance(cell.value, datetime.datetime) and "d" not in cell.number_format.lower():
                    problems.append(f"{what}/{name}!{cell.coordinate}: date shown as {cell.number_format}")
    return problems


def test_every_workbook_opens_with_whole_names_a_frozen_bold_header_and_typed_cells(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(office_user())
    problems, seen = [], []
    for what, data in _downloads(client, world, django_capture_on_commit_callbacks):
        book = load_workbook(io.BytesIO(data))
        seen.append(what)
        problems += _problems(what, book)
    assert len(seen) == 7
    assert problems == [], "\n".join(problems)


def test_a_date_in_a_workbook_reads_as_a_day_month_year_date(client, world):
    client.force_login(office_user())
    response = client.get(reverse("awards:lookup") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "Nguyễn Thị Hương")
    date_cell = row[6]
    assert date_cell.value == datetime.datetime(YEAR - 1, 12, 20)
    assert date_cell.number_format.lower() == "dd/mm/yyyy"
    assert row[4].value == YEAR - 1
