"""Template filters of the awards pages: values the templates print, never markup."""

from django import template
from django.utils.translation import gettext_lazy

from emulation.formatting import dmy, dmy_hm

register = template.Library()

register.filter("dmy", dmy)
register.filter("dmy_hm", dmy_hm)


RULINGS = {"met": ("success", gettext_lazy("Đạt")), "not_met": ("danger", gettext_lazy("Không đạt"))}
UNKNOWN_RULING = ("warning", gettext_lazy("Chưa đủ dữ liệu"))


@register.filter
def ruling_colour(ruling):
    """{{ check.ruling|ruling_colour }}: the badge colour of an eligibility ruling (met, not met, unknown)."""
    return RULINGS.get(ruling, UNKNOWN_RULING)[0]


@register.filter
def ruling_label(ruling):
    """{{ check.ruling|ruling_label }}: what an eligibility ruling says."""
    return RULINGS.get(ruling, UNKNOWN_RULING)[1]
