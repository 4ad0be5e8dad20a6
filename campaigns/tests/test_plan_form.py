"""The Office drafting a plan ticks movements by name and term: each term runs movements of the same names."""

import pytest

from campaigns.forms import PlanForm
from campaigns.tests.factories import MovementFactory, TermFactory


@pytest.mark.django_db
def test_movements_of_two_terms_with_one_name_are_told_apart_by_their_term():
    name = "Toàn dân đoàn kết xây dựng đời sống văn hóa"
    old = MovementFactory(name=name, term=TermFactory(name="2020-2025", start_year=2020, end_year=2025))
    new = MovementFactory(name=name, term=TermFactory(name="2025-2030", start_year=2025, end_year=2030))
    html = str(PlanForm()["movements"])
    assert f"{name} ({old.term})" in html and f"{name} ({new.term})" in html
    assert html.index(f"({new.term})") < html.index(f"({old.term})")  # the current term first
