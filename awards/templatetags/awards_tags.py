"""Small markup the awards lists repeat on every row, built in Python rather than through an include a row."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from emulation.links import link

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


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


# |date goes through the localized formatter letter by letter (about 40 µs a call); the lists print the same fixed
# Vietnamese format on every row.
@register.filter
def dmy(value):
    """{{ value|dmy }} = {{ value|date:"d/m/Y" }} (in the current time zone for a datetime)."""
    return _local(value).strftime("%d/%m/%Y") if value else ""


@register.filter
def dmy_hm(value):
    """{{ value|dmy_hm }} = {{ value|date:"d/m/Y H:i" }} (in the current time zone)."""
    return _local(value).strftime("%d/%m/%Y %H:%M") if value else ""


@register.filter
def link_to(name, pk):
    """{{ "awards:person_awards"|link_to:record.person_id }} = {% url "awards:person_awards" record.person_id %}."""
    return link(name, pk)
