"""How every form of the portal is drawn: Django's form templates in Bootstrap 5 markup.

``FORM_RENDERER`` names ``PortalFormRenderer``: a form is laid out by templates/forms/portal_form.html and each
field by templates/forms/portal_field.html, so ``{{ form }}`` and ``{{ form.field.as_field_group }}`` look the same
on every page and a designer changes them in one place. The Bootstrap classes of the controls come from
``PortalBoundField``, for every form alike.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


def control_class(widget):
    """The Bootstrap class of a widget's control: check boxes and radios, drop-downs, the other inputs."""
    if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):  # CheckboxSelectMultiple is a RadioSelect
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class PortalBoundField(BoundField):
    """A form field whose control carries its Bootstrap class, and ``is-invalid`` when the field has errors."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        css = control_class(widget)
        if self.errors:
            css = f"{css} is-invalid"
        own = attrs.get("class") or widget.attrs.get("class")
        attrs["class"] = f"{own} {css}" if own else css
        return attrs


class PortalFormRenderer(TemplatesSetting):
    """Django's form rendering through the project's templates (the cached loader of settings.TEMPLATES)."""

    form_template_name = "forms/portal_form.html"
    field_template_name = "forms/portal_field.html"
    bound_field_class = PortalBoundField
