from django import template

from emulation.formatting import dmy, dmy_hm, dmy_hms
from emulation.links import link

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with some parameters replaced, for pagination that keeps filters."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def has_perm(user, perm_and_obj):
    """{% if user|has_perm:"app.perm" %} – for showing links; the view checks again."""
    return user.has_perm(perm_and_obj)


# The Bootstrap colour of a state's badge (templates/partials/state_badge.html), for every app's states: a state
# that is done well is green, one that failed or was refused red, one waiting for a decision blue, one under way
# light blue; any other (a draft, a closed round) grey.
STATE_COLOURS = {
    "accepted": "success",
    "published": "success",
    "recognized": "success",
    "launched": "success",
    "decided": "success",
    "certified": "success",
    "done": "success",
    "returned": "danger",
    "rejected": "danger",
    "not_passed": "danger",
    "withdrawn": "danger",
    "failed": "danger",
    "submitted": "primary",
    "verified": "primary",
    "approved": "primary",
    "open": "primary",
    "running": "primary",
    "verifying": "info",
    "in_ballot": "info",
    "voted": "info",
    "public_notice": "info",
    "forwarded": "info",
}


@register.filter
def state_colour(state):
    """{{ state|state_colour }}: the badge colour of a state (see STATE_COLOURS)."""
    return STATE_COLOURS.get(state, "secondary")


# Dates as the lists print them (emulation/formatting.py): a fixed format, in the current time zone.
register.filter("dmy", dmy)
register.filter("dmy_hm", dmy_hm)
register.filter("dmy_hms", dmy_hms)


@register.filter
def link_to(name, pk):
    """{{ "awards:person_awards"|link_to:record.person_id }} = {% url "awards:person_awards" record.person_id %},
    for the links of list rows (emulation/links.py)."""
    return link(name, pk)


@register.inclusion_tag("partials/next_step.html")
def next_step(record):
    """{% next_step record %}: the record's state, who must act now and by when (emulation.workflow.next_step)."""
    from emulation.workflow import next_step as step_of

    return {"step": step_of(record)}
