from django.utils import translation

from emulation.enums import UnitLevel
from emulation.models import Unit


def test_choice_labels_follow_the_active_language():
    unit = Unit(level=UnitLevel.GRASSROOTS_CELL)
    with translation.override("vi"):
        assert unit.get_level_display() == "Chi bộ cơ sở"
    with translation.override("en"):
        assert unit.get_level_display() != "Chi bộ cơ sở"
        english = unit.get_level_display()
    with translation.override("vi"):
        assert unit.get_level_display() == "Chi bộ cơ sở"
    assert english


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Unit(level="unknown").get_level_display() == "unknown"
