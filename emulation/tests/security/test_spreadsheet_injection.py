"""Text typed by a user never becomes a live formula in a workbook the portal exports (issue #12, finding 5).

Every export goes through emulation.spreadsheets.XlsxWriter; the repository test below fails if a module builds a
workbook another way.
"""

import datetime
import io
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.catalog import load_catalog
from awards.models import Award
from awards.tests.factories import give
from campaigns.spreadsheets import registration_template, workbook_bytes
from emulation.spreadsheets import safe_value
from emulation.tests.factories import PersonFactory, UnitFactory, office_user
from reports.xlsx import write_workbook

ROOT = Path(__file__).resolve().parents[3]
IMPORTS_OPENPYXL = re.compile(r"^\s*(from|import)\s+openpyxl\b|import_module\([\"']openpyxl", re.M)
PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)", "\t=1+1", "＝1+1"]


def cells(data):
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(data, payloads=PAYLOADS):
    found = cells(data)
    formulas = [cell.coordinate for cell in found if cell.data_type == "f"]
    assert not formulas, formulas
    values = [cell.value for cell in found if isinstance(cell.value, str)]
    assert not [value for value in values if value.startswith(("=", "+", "-", "@", "\t", "＝"))]
    for payload in payloads:  # the text is kept, readable, behind the apostrophe that makes it text
        assert "'" + payload in values, payload


def test_the_writer_keeps_numbers_and_dates_and_quotes_formula_text():
    assert [safe_value(v) for v in PAYLOADS] == ["'" + v for v in PAYLOADS]
    kept = [7, -3, 2.5, Decimal("1.5"), datetime.date(2025, 1, 2), None, True]
    assert [safe_value(v) for v in kept] == kept
    assert safe_value("Nguyễn Văn A - Trưởng phòng") == "Nguyễn Văn A - Trưởng phòng"
    assert safe_value("a\x01b") == "ab"  # a control character openpyxl would refuse with an error


@pytest.mark.django_db
def test_the_award_history_export_writes_a_hostile_name_as_text(client):
    from django.apps import apps

    if not Award.objects.exists():
        load_catalog(apps.get_model)
    unit = UnitFactory(name="Sở Thử Nghiệm", code="so-thu")
    for name in PAYLOADS:
        give(PersonFactory(unit=unit, full_name=name), "lao-dong-tien-tien", 2024)
    client.force_login(office_user())
    response = client.get(reverse("awards:lookup"), {"format": "xlsx"})
    assert response.status_code == 200
    assert_no_formula(response.content)
    header = [cell.value for cell in load_workbook(io.BytesIO(response.content)).active[1]]
    assert header[1] == "Họ và tên / Tập thể" and load_workbook(io.BytesIO(response.content)).active["A1"].font.b
    years = {
        row[4] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
    }
    assert years == {2024}  # numbers stay numbers


@pytest.mark.django_db
def test_the_campaigns_exports_and_the_registration_template_write_hostile_text_as_text():
    assert_no_formula(workbook_bytes("Theo dõi thực hiện", ["Đơn vị", "Số"], [[name, 3] for name in PAYLOADS]))
    people = [SimpleNamespace(pk=n, full_name=name, position=name) for n, name in enumerate(PAYLOADS, start=1)]
    data = registration_template(SimpleNamespace(unit=UnitFactory()), people)  # its guide lists the unit's titles
    assert_no_formula(data)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Đăng ký cá nhân", "Hướng dẫn"] and book.active["A1"].font.b
    assert [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)] == list(range(1, len(PAYLOADS) + 1))


@pytest.mark.django_db
def test_the_reports_workbook_writes_hostile_text_as_text_while_streaming():
    table = SimpleNamespace(
        title=PAYLOADS[0],
        columns=["Đơn vị", "Điểm"],
        iter_rows=lambda: iter([[name, 9.5] for name in PAYLOADS]),
        note=PAYLOADS[3],
        note_in_workbook=True,
    )
    target = io.BytesIO()
    write_workbook(
        SimpleNamespace(
            title="Báo cáo quý",
            kind="quarterly",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
        ),
        SimpleNamespace(tables=[table]),
        target,
    )
    assert_no_formula(target.getvalue())
    sheet = load_workbook(io.BytesIO(target.getvalue())).worksheets[-1]  # after the opening sheet
    assert sheet["A1"].font.b and sheet["A2"].font.b and sheet["B3"].value == 9.5


def test_no_module_but_the_core_writer_builds_or_reads_a_workbook():
    """openpyxl is imported by emulation/spreadsheets.py alone: a new export cannot skip the safe writer."""
    tracked = subprocess.run(  # noqa: S603, S607 - git, on our own tree
        ["git", "ls-files", "-z", "*.py"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    offenders = [
        name
        for name in tracked.split("\0")
        if name
        and "/tests/" not in name
        and name != "emulation/spreadsheets.py"
        and (ROOT / name).is_file()
        and IMPORTS_OPENPYXL.search((ROOT / name).read_text(encoding="utf-8"))
    ]
    assert not offenders, f"build workbooks with emulation.spreadsheets.XlsxWriter: {offenders}"
