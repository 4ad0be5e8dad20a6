from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from emulation.context_processors import nav_templates
from emulation.formatting import dmy_hms
from emulation.links import link
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


# Widgets drawn as a list of choices (checkbox groups, radios) keep crispy's layout, which places each option.
CHOICE_LIST_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.filter
def filter_field(field):
    """A form field as Bootstrap markup, built in Python: label (with * when required), control, help, errors.

    ``as_crispy_field`` renders a dozen nested templates a field, about 2 ms each on a list page whose whole budget
    is 15 ms; a field needs only a label, the control, its help and its errors.
    """
    if isinstance(field.field.widget, CHOICE_LIST_WIDGETS):
        return as_crispy_field(field)
    checkbox = isinstance(field.field.widget, forms.CheckboxInput)
    if checkbox:
        css, wrapper, label_class = "form-check-input", "mb-3 form-check", "form-check-label"
    else:
        css = "form-select" if isinstance(field.field.widget, forms.Select) else "form-control"
        wrapper, label_class = "mb-3", "form-label"
    control = field.as_widget(attrs={"class": f"{css} is-invalid" if field.errors else css})
    required = format_html('<span class="asteriskField">{}</span>', "*") if field.field.required else ""
    label = format_html(
        '<label for="{}" class="{}">{}{}</label>', field.id_for_label, label_class, field.label, required
    )
    help_text = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    errors = ""
    if field.errors:  # under the id the widget's aria-describedby names
        messages = format_html_join("", "<div>{}</div>", ((e,) for e in field.errors))
        errors = format_html('<div id="{}_error" class="invalid-feedback d-block">{}</div>', field.auto_id, messages)
    first, second = (control, label) if checkbox else (label, control)
    return format_html(
        '<div id="div_{}" class="{}">{}{}{}{}</div>', field.auto_id, wrapper, first, second, help_text, errors
    )


@register.filter
def portal_form(form):
    """A whole form the way ``|crispy`` lays it out (errors of the form, then each field), built in Python."""
    errors = form.non_field_errors()
    parts = []
    if errors:
        items = format_html_join("", "<li>{}</li>", ((e,) for e in errors))
        parts.append(format_html('<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>', items))
    parts.extend(field if field.is_hidden else filter_field(field) for field in form)
    return format_html_join("", "{}", ((part,) for part in parts))


AUDIT_ROW = "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"


@register.simple_tag
def audit_rows(entries):
    """The audit log's rows, built in Python: fifty rows of six cells through the template language cost 6 ms."""
    return format_html_join(
        "",
        AUDIT_ROW,
        (
            (
                dmy_hms(entry.created_at),
                entry.actor.username if entry.actor_id else "—",
                entry.action_label,
                entry.object_repr,
                entry.unit.name if entry.unit_id else "",
                entry.ip_address or "",
            )
            for entry in entries
        ),
    )


UNIT_ROW = '<tr><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="text-end">{}</td></tr>'


@register.simple_tag
def unit_rows(page):
    """The unit list's rows, built in Python (see audit_rows)."""
    return format_html_join(
        "",
        UNIT_ROW,
        (
            (
                link("unit_detail", unit.pk),
                unit.name,
                format_html('<div class="small text-body-secondary">{}</div>', unit.parent.name)
                if unit.parent_id
                else "",
                unit.get_level_display(),
                unit.get_sector_display(),
                unit.cluster.name if unit.cluster_id else "—",
                localize(unit.people_count),
            )
            for unit in page
        ),
    )
