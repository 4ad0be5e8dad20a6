"""Template filters of the campaigns pages."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext

from ..enums import MeasureKind, ReviewState

register = template.Library()

REVIEW_LABELS = dict(ReviewState.choices)


@register.filter
def review_state_label(value):
    """The label of a pledge or result state held as a plain value (an annotation of the tracking page)."""
    return REVIEW_LABELS.get(value, "")


@register.filter
def measured(value, criterion):
    """A target's or a result's value as a page writes it: “Có”/“Không” for a yes/no criterion (stored 1 or 0),
    the number otherwise; “—” for none."""
    if value is None or value == "":
        return "—"
    if criterion.measure == MeasureKind.YES_NO:
        return gettext("Có") if value else gettext("Không")
    return floatformat(value, "-2")
