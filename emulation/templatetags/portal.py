from django import forms, template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from emulation.context_processors import nav_templates
from emulation.rules import roles_of

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


# Rendered menus by (roles, superuser, active, language). Every permission the apps' menus test is decided by
# the user's roles alone, so a combination renders the same markup for everyone who has it; rendering it once
# per process saves about 2.5 ms on every page (a dozen permission checks, twenty URLs, thirty translations).
_MENUS = {}
_MENUS_MAX = 256


@register.simple_tag(takes_context=True)
def portal_menu(context):
    """The navigation menus every app contributes (AppConfig.nav_template), for the signed-in user."""
    user = context["user"]
    key = (frozenset(roles_of(user)), user.is_superuser, user.is_active, get_language())
    menu = _MENUS.get(key)
    if menu is None:
        menu = render_to_string("partials/menu.html", {"user": user, "nav_templates": nav_templates()})
        if len(_MENUS) < _MENUS_MAX:
            _MENUS[key] = menu
    return menu


@register.filter
def filter_field(field):
    """A search or filter field as Bootstrap markup, built in Python.

    ``as_crispy_field`` renders a dozen nested templates a field, about 2 ms each on a list page whose whole budget
    is 15 ms; the filters above the lists need only a label, the control and its errors.
    """
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css, wrapper = "form-check-input", "mb-3 form-check"
    else:
        css, wrapper = ("form-select" if isinstance(widget, forms.Select) else "form-control"), "mb-3"
    attrs = {"class": f"{css} is-invalid" if field.errors else css}
    errors = format_html_join(
        "",
        '<div class="invalid-feedback d-block" id="error_{}_{}">{}</div>',
        ((field.auto_id, i, e) for i, e in enumerate(field.errors, 1)),
    )
    help_text = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    label_class = "form-check-label" if css == "form-check-input" else "form-label"
    label = field.label_tag(attrs={"class": label_class}, label_suffix="")
    control = field.as_widget(attrs=attrs)
    if css == "form-check-input":
        return format_html(
            '<div id="div_{}" class="{}">{}{}{}{}</div>', field.auto_id, wrapper, control, label, help_text, errors
        )
    return format_html(
        '<div id="div_{}" class="{}">{}{}{}{}</div>', field.auto_id, wrapper, label, control, help_text, errors
    )
