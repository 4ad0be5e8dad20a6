"""Every report kind, produced through the real request → task path, passes the document checker and takes its
BC number from the register of the term that holds its date."""

import datetime

import pytest

from emulation.enums import DocumentKind
from emulation.models import DocumentNumber
from emulation.tests.document_checker import DocumentSpec, assert_party_document
from emulation.workflow import SYSTEM
from reports import services
from reports.enums import ReportKind, ReportState

from .factories import build_world, demo_profile

pytestmark = pytest.mark.django_db
YEAR = 2026
ANNUAL = (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
KINDS = {
    ReportKind.QUARTERLY: (datetime.date(YEAR, 7, 1), datetime.date(YEAR, 9, 30)),
    ReportKind.SIX_MONTH: (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 6, 30)),
    ReportKind.ANNUAL: ANNUAL,
    ReportKind.TERM: (datetime.date(YEAR - 4, 1, 1), datetime.date(YEAR, 12, 31)),
    ReportKind.UNIT: ANNUAL,
}


@pytest.fixture
def world():
    demo_profile()
    return build_world(n_units=3, year=YEAR)


def test_every_report_kind_passes_the_checker_with_a_number_of_its_term(world, django_capture_on_commit_callbacks):
    numbers = []
    for kind, period in KINDS.items():
        unit = world.units[0] if kind == ReportKind.UNIT else None
        with django_capture_on_commit_callbacks(execute=True):
            report, _created = services.request_report(
                kind=kind, period_start=period[0], period_end=period[1], unit=unit, by=SYSTEM
            )
        report.refresh_from_db()
        assert report.state == ReportState.DONE, report.error
        with report.pdf.open("rb") as handle:
            pdf = handle.read()
        assert_party_document(pdf, DocumentSpec(kind="BC", title="BÁO CÁO", signer_name="Nguyễn Đình Hải"))
        numbers.append((report.number_period, report.number))
    # One sequence in the term of the reports' date (the world's term runs 2022-2026), no number twice.
    assert len(set(numbers)) == len(numbers) == DocumentNumber.objects.filter(kind=DocumentKind.REPORT).count()
    assert {period for period, _n in numbers} == {world.term.name}
