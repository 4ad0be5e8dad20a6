"""Small markup the awards lists repeat on every row, built in Python rather than through an include a row."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.formatting import dmy, dmy_hm
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


register.filter("dmy", dmy)
register.filter("dmy_hm", dmy_hm)


@register.filter
def link_to(name, pk):
    """{{ "awards:person_awards"|link_to:record.person_id }} = {% url "awards:person_awards" record.person_id %}."""
    return link(name, pk)


RULING_BADGES = {"met": ("success", gettext_lazy("Đạt")), "not_met": ("danger", gettext_lazy("Không đạt"))}
UNKNOWN_RULING = ("warning", gettext_lazy("Chưa đủ dữ liệu"))


def _field(obj, name):
    """An eligibility result is a dict when stored on the nominee and an object when just computed."""
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def ruling_badge(ruling):
    css, label = RULING_BADGES.get(ruling, UNKNOWN_RULING)
    return format_html('<span class="badge text-bg-{}">{}</span>', css, label)


@register.simple_tag
def eligibility(result, open=False):
    """A nominee's eligibility check as a <details>: the ruling and legal basis, then each condition's ruling,
    explanation and evidence. Built in Python: through two nested includes a check it cost ~1 ms a nominee, 25
    nominees a ballot page."""
    basis = _field(result, "legal_basis")
    checks = format_html_join(
        "",
        '<li class="mb-1">{} <strong>{}</strong> – {}{}</li>',
        (
            (
                ruling_badge(_field(check, "ruling")),
                _field(check, "label"),
                _field(check, "explanation"),
                format_html(
                    '<ul class="text-body-secondary">{}</ul>',
                    format_html_join("", "<li>{}</li>", ((line,) for line in _field(check, "evidence"))),
                )
                if _field(check, "evidence")
                else "",
            )
            for check in _field(result, "checks") or ()
        ),
    )
    return format_html(
        '<details class="small"{}><summary>{}{}</summary><ul class="list-unstyled mt-1 mb-0">{}</ul></details>',
        " open" if open else "",
        ruling_badge(_field(result, "ruling")),
        format_html(' <span class="text-body-secondary">{}: {}</span>', _("Căn cứ"), basis) if basis else "",
        checks,
    )
