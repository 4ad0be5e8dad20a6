"""Template tags of the campaigns pages: state badges, filter fields and the rows of long tables, built in Python
where the template language's per-row cost was a large part of a page's time at national scale."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from emulation.formatting import dmy, dmy_hm
from emulation.links import link
from emulation.templatetags.portal import filter_field as portal_filter_field

from ..enums import ReviewState

register = template.Library()


def _joined(rows):
    """Rows built by format_html() joined as one safe string (each keeps its escaping; nothing is marked safe)."""
    return format_html_join("", "{}", ((row,) for row in rows))


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
    """A filter form's field (the core's Python-built markup) in a grid column."""
    return format_html('<div class="{}">{}</div>', css, portal_filter_field(field))


TRACKING_CLUSTER_FIGURES = ("total", "pledged", "signed", "six_month", "year_end")


@register.simple_tag
def tracking_cluster_rows(clusters, no_cluster_label):
    """The tracking page's per-cluster rows (name, then the counts), built in Python.

    A national plan has 500 clusters: rendered through the template language the 3,000 cells cost ~20 ms a page.
    """
    cells = '<td class="text-end">{}</td>' * len(TRACKING_CLUSTER_FIGURES)
    return format_html_join(
        "",
        "<tr><td>{}</td>" + cells + "</tr>",
        (
            (cluster["cluster__name"] or no_cluster_label, *(int(cluster[name]) for name in TRACKING_CLUSTER_FIGURES))
            for cluster in clusters
        ),
    )


# List rows built in Python. Through the template language a row of the Office's lists costs ~11 variable lookups
# and filters, about 0.2 ms: 5 ms of a 25-row page, as much as all of its queries. Each value is escaped by
# format_html(); numbers and dates are localized as the template would.


def _day(value):
    return dmy(value) or "—"


def _or_dash(value):
    return localize(value) if value else "—"


def _unit_cell(url, unit):
    cluster = unit.cluster.name if unit.cluster_id else ""
    return format_html('<a href="{}">{}</a><div class="small text-body-secondary">{}</div>', url, unit.name, cluster)


@register.simple_tag
def pledge_rows(page):
    """The rows of the pledge list (see above)."""
    return format_html_join(
        "",
        '<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="text-end">{}</td>'
        '<td class="text-end">{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                _unit_cell(link("campaigns:pledge_detail", p.pk), p.unit),
                p.plan_year,
                p.revision,
                p.aimed_title or "—",
                p.target_count,
                p.registration_count,
                _day(p.submitted_at),
                state_badge(p.state, p.get_state_display(), p.is_late),
            )
            for p in page
        ),
    )


@register.simple_tag
def result_rows(page):
    """The rows of the result list (see above)."""
    return format_html_join(
        "",
        '<tr><td>{}</td><td>{}</td><td>{}</td><td class="text-end">{}</td><td class="text-end">{}</td>'
        '<td class="text-end">{}</td><td class="text-end">{}</td><td>{}</td></tr>',
        (
            (
                _unit_cell(link("campaigns:result_detail", r.pk), r.unit),
                r.plan_year,
                r.get_period_display(),
                _or_dash(r.self_score),
                _or_dash(r.score),
                "—" if r.completion is None else f"{localize(r.completion)}%",
                r.evidence_count,
                state_badge(r.state, r.get_state_display(), r.is_late),
            )
            for r in page
        ),
    )


@register.simple_tag
def ranking_rows(page):
    """The rows of a cluster ranking page, 100 a page (see above); a cluster's name heads its first row."""
    rows, previous = [], object()
    for r in page:
        cluster = format_html("<strong>{}</strong>", r.unit.cluster.name) if r.unit.cluster_id != previous else ""
        previous = r.unit.cluster_id
        rows.append(
            format_html(
                '<tr><td>{}</td><td class="text-end">{}</td><td><a href="{}">{}</a></td>'
                '<td class="text-end">{}</td><td class="text-end">{}%</td></tr>',
                cluster,
                r.rank,
                link("campaigns:result_detail", r.pk),
                r.unit.name,
                localize(r.score),
                localize(r.completion),
            )
        )
    return _joined(rows)


def _covenant_cell(unit):
    if not unit.has_covenant:
        return format_html('<span class="text-body-secondary small">{}</span>', _("Chưa mở ký"))
    if unit.signed:
        return format_html('<span class="text-success">{}</span>', _("Đã ký"))
    return format_html('<span class="text-danger">{}</span>', _("Chưa ký"))


def _result_cell(state, score):
    badge = state_badge(state, REVIEW_LABELS.get(state, ""))
    return format_html("{} · {}", badge, floatformat(score, "-2")) if score is not None else badge


@register.simple_tag
def tracking_unit_rows(page):
    """The rows of the tracking page's units (see above)."""
    rows = []
    for u in page:
        pledge = state_badge(u.pledge_state, REVIEW_LABELS.get(u.pledge_state, ""), u.pledge_late)
        if u.pledge_id:
            pledge = format_html('<a href="{}">{}</a>', link("campaigns:pledge_detail", u.pledge_id), pledge)
        rows.append(
            format_html(
                '<tr><td>{}<div class="small text-body-secondary">{} · {}</div></td>'
                "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                u.name,
                u.cluster or "",
                u.get_sector_display(),
                pledge,
                _covenant_cell(u),
                _result_cell(u.six_month_state, u.six_month_score),
                _result_cell(u.year_end_state, u.year_end_score),
            )
        )
    return _joined(rows)


def _link(url_name, pk, text):
    return format_html('<a href="{}">{}</a>', link(url_name, pk), text)


@register.simple_tag
def exemplar_rows(page):
    """The rows of the exemplar list (see above)."""
    return format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                _link("campaigns:exemplar_detail", e.pk, e.title),
                e.get_kind_display(),
                e.unit.name,
                e.person.full_name if e.person_id else "—",
                _day(e.created_at),
                state_badge(e.state, e.get_state_display()),
            )
            for e in page
        ),
    )


@register.simple_tag
def initiative_rows(page):
    """The rows of the initiative list (see above), with their prefetched authors."""
    return format_html_join(
        "",
        '<tr><td>{}</td><td>{}</td><td class="small">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                _link("campaigns:initiative_detail", i.pk, i.title),
                i.unit.name,
                ", ".join(a.full_name for a in i.authors.all()),
                i.get_recognition_level_display() or "—",
                dmy(i.recognized_on) or "—",
                state_badge(i.state, i.get_state_display()),
            )
            for i in page
        ),
    )


@register.simple_tag
def covenant_rows(page):
    """The rows of the covenant list (see above)."""
    return format_html_join(
        "",
        '<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="text-end">{}/{}</td><td>{}</td></tr>',
        (
            (
                _link("campaigns:covenant_detail", c.pk, c.title),
                c.plan.year,
                c.cluster.name,
                c.lead_unit.name,
                c.signature_count,
                c.member_count,
                state_badge(c.state, c.get_state_display()),
            )
            for c in page
        ),
    )


@register.simple_tag
def covenant_member_rows(members):
    """The member units of a covenant and when each signed (a cluster has about a hundred)."""
    unsigned = format_html('<span class="text-body-secondary">{}</span>', _("Chưa ký"))
    signed = '<span class="text-success"><i class="bi bi-check-circle-fill" aria-hidden="true"></i> {}</span>'
    return format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td></tr>",
        (
            (
                m.name,
                format_html(signed, dmy_hm(m.signed_at)) if m.signed_at else unsigned,
            )
            for m in members
        ),
    )


@register.simple_tag
def plan_covenant_items(covenants):
    """The plan page's covenants with how many of their units signed (see above)."""
    return format_html_join(
        "",
        "<li>{} — {} · {}</li>",
        (
            (
                _link("campaigns:covenant_detail", c.pk, c.title),
                c.cluster.name,
                _("%(s)s/%(m)s đơn vị đã ký") % {"s": c.signature_count, "m": c.member_count},
            )
            for c in covenants
        ),
    )
