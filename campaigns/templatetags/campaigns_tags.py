"""Template filters of the campaigns pages."""

from django import template

from ..enums import ReviewState

register = template.Library()

REVIEW_LABELS = dict(ReviewState.choices)


@register.filter
def review_state_label(value):
    """The label of a pledge or result state held as a plain value (an annotation of the tracking page)."""
    return REVIEW_LABELS.get(value, "")
