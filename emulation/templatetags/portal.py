from django import template

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
