"""The Office opening a round picks a movement by its name and its term: each term runs movements of one name."""

import pytest

from awards.forms import RoundForm
from campaigns.tests.factories import MovementFactory, TermFactory


@pytest.mark.django_db
def test_movements_of_two_terms_with_one_name_are_told_apart_by_their_term():
    old = MovementFactory(
        name="Phong trào thi đua “Dân vận khéo”", term=TermFactory(name="2020-2025", start_year=2020, end_year=2025)
    )
    new = MovementFactory(name=old.name, term=TermFactory(name="2025-2030", start_year=2025, end_year=2030))
    html = str(RoundForm()["movement"])
    assert html.count(old.name) == 2
    assert f"({old.term})" in html and f"({new.term})" in html
    assert html.index(f"({new.term})") < html.index(f"({old.term})")  # the current term first
