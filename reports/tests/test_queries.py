"""Gathering a report costs the same number of queries for 5 units as for 100."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.data import gather
from reports.enums import ReportKind

from .factories import add_units, build_world

pytestmark = pytest.mark.django_db
ANNUAL = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
MAX_QUERIES = 40


def _gather_everything(kind=ReportKind.ANNUAL):
    data = gather(kind=kind, start=ANNUAL[0], end=ANNUAL[1])
    rows = 0
    for table in data.tables:  # the streamed tables run their queries when read
        rows += sum(1 for _ in table.iter_rows())
        table.pdf_rows()
    return rows


@pytest.mark.parametrize("n_units", [5, 100])
def test_gathering_a_report_stays_under_a_fixed_query_budget(n_units, django_assert_max_num_queries):
    build_world(n_units=n_units)
    with django_assert_max_num_queries(MAX_QUERIES):
        rows = _gather_everything()
    assert rows > n_units  # the per-unit tables really were read


def test_the_query_count_does_not_grow_from_5_to_100_units():
    world = build_world(n_units=5)
    with CaptureQueriesContext(connection) as small:
        _gather_everything()
    add_units(world, 95)
    with CaptureQueriesContext(connection) as large:
        rows = _gather_everything()
    assert len(world.units) == 100 and rows > 100
    assert len(small) == len(large)
