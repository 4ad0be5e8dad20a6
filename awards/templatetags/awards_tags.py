"""Small markup the awards lists repeat on every row, built in Python rather than through an include a row."""

from django import template
from django.utils.html import format_html

register = template.Library()

BADGE_CLASSES = {
    "returned": "text-bg-danger",
    "not_passed": "text-bg-danger",
    "withdrawn": "text-bg-danger",
    "draft": "text-bg-secondary",
    "decided": "text-bg-success",
    "certified": "text-bg-success",
    "verified": "text-bg-success",
}


@register.filter
def state_badge(obj):
    """{{ proposal|state_badge }}: the state's label in a badge coloured by how the dossier stands."""
    return format_html(
        '<span class="badge {}">{}</span>', BADGE_CLASSES.get(obj.state, "text-bg-info"), obj.get_state_display()
    )
