"""Values typed for a criterion: anything a user types is either accepted within the kind's range or refused in Vietnamese."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaigns.enums import MeasureKind
from campaigns.models import Criterion
from campaigns.services.common import measured_value
from campaigns.services.results import criterion_completion
from emulation.errors import DomainError


def criterion(measure, max_score=10):
    return Criterion(code="X", name="Tiêu chí", measure=measure, max_score=Decimal(max_score))


@given(raw=st.one_of(st.text(max_size=30), st.floats(allow_nan=True), st.integers(), st.decimals()))
@pytest.mark.parametrize("measure", MeasureKind.values)
def test_any_input_is_accepted_in_range_or_refused_with_a_message(measure, raw):
    try:
        value = measured_value(criterion(measure), raw, what="target")
    except DomainError as error:
        assert "tiêu chí x" in error.message.lower()
        return
    assert value >= 0
    if measure == MeasureKind.YES_NO:
        assert value in (0, 1)
    if measure == MeasureKind.PERCENT:
        assert value <= 100
    if measure == MeasureKind.SCORE:
        assert value <= 10


@given(
    target=st.decimals(min_value=0, max_value=10**6, places=2),
    achieved=st.decimals(min_value=0, max_value=10**6, places=2),
)
def test_completion_is_never_negative_and_full_when_the_target_is_met(target, achieved):
    completion = criterion_completion(criterion(MeasureKind.NUMBER), target, achieved)
    assert completion >= 0
    if achieved >= target:
        assert completion >= 100
