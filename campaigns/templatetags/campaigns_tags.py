from django import template

from ..enums import ReviewState

register = template.Library()
REVIEW_LABELS = dict(ReviewState.choices)


@register.filter
def review_state_label(value):
    """The Vietnamese label of a pledge or result state held as a plain value (an annotation)."""
    return REVIEW_LABELS.get(value, "")
