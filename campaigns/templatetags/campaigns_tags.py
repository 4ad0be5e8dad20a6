from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..enums import ReviewState

register = template.Library()
REVIEW_LABELS = dict(ReviewState.choices)

BADGE_COLOURS = {
    "accepted": "success",
    "published": "success",
    "recognized": "success",
    "launched": "success",
    "returned": "danger",
    "rejected": "danger",
    "submitted": "primary",
    "verified": "primary",
    "approved": "primary",
    "open": "primary",
}


@register.filter
def review_state_label(value):
    """The Vietnamese label of a pledge or result state held as a plain value (an annotation)."""
    return REVIEW_LABELS.get(value, "")


@register.simple_tag
def state_badge(state, label="", late=False):
    """A state as a coloured badge, with a "late" badge when filed late.

    A tag rather than an included template: list rows show it 25 to 100 times a page, and each include costs a
    template context and a node walk (several milliseconds a page at national scale).
    """
    if state:
        badge = format_html('<span class="badge text-bg-{}">{}</span>', BADGE_COLOURS.get(state, "secondary"), label)
    else:
        badge = format_html('<span class="badge text-bg-light border">{}</span>', _("Chưa có"))
    if late:
        return format_html('{} <span class="badge text-bg-warning">{}</span>', badge, _("Muộn"))
    return badge


@register.simple_tag
def filter_field(field, css="col-md-3"):
    """A filter form's field in a grid column: label and input in Bootstrap's markup, with its errors.

    Written here instead of crispy's field template, which costs a few milliseconds a field on every list page.
    """
    widget_class = "form-select" if field.widget_type in ("select", "fastselect") else "form-control"
    errors = ""
    if field.errors:  # the id the widget's aria-describedby names
        messages = format_html_join("", "<div>{}</div>", ((e,) for e in field.errors))
        errors = format_html('<div id="{}_error" class="invalid-feedback d-block">{}</div>', field.auto_id, messages)
    widget = field.as_widget(attrs={"class": widget_class + (" is-invalid" if field.errors else "")})
    return format_html(
        '<div class="{}"><div class="mb-3"><label for="{}" class="form-label">{}</label>{}{}</div></div>',
        css,
        field.id_for_label,
        field.label,
        widget,
        errors,
    )


TRACKING_CLUSTER_FIGURES = ("total", "pledged", "signed", "six_month", "year_end")


@register.simple_tag
def tracking_cluster_rows(clusters, no_cluster_label):
    """The tracking page's per-cluster rows (name, then the counts), built in Python.

    A national plan has 500 clusters: rendered through the template language the 3,000 cells cost ~20 ms a page.
    """
    rows = []
    for cluster in clusters:
        figures = "".join(f'<td class="text-end">{int(cluster[name])}</td>' for name in TRACKING_CLUSTER_FIGURES)
        rows.append(f"<tr><td>{escape(cluster['cluster__name'] or no_cluster_label)}</td>{figures}</tr>")
    # The name went through escape() and the figures are ints, so the markup is safe as built.
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308, B703
