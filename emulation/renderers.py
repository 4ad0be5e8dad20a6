"""How every form of the portal is drawn: Django's form templates in Bootstrap 5 markup.

``FORM_RENDERER`` names ``PortalFormRenderer``: a form is laid out by templates/forms/portal_form.html and each
field by templates/forms/portal_field.html, so ``{{ form }}`` and ``{{ form.field.as_field_group }}`` look the same
on every page and a designer changes them in one place. The Bootstrap classes of the controls come from
``PortalBoundField``, for every form alike, and so do two choices made once for every form: a date is drawn by the
portal's dd/mm/yyyy widget, and a required drop-down with a single valid option shows that option chosen.
"""

import copy

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property

from .widgets import DateInput


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

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        if type(widget) is forms.DateInput:  # Django's default for a DateField: the browser's own text box
            widget = DateInput(attrs={k: v for k, v in widget.attrs.items() if k != "type"})
        elif self._options is not None and widget is self.field.widget:
            # The options already read (one query for a model's), without the empty one when a single option is
            # valid: the widget draws them instead of asking the database again.
            widget = copy.copy(widget)
            widget.choices = self._options if self._lone_option is None else [self._lone_option]
        return super().as_widget(widget, attrs, only_initial)

    def value(self):
        value = super().value()
        if self._lone_option is not None and value in self.field.empty_values:
            return self._lone_option[0]
        return value

    @cached_property
    def _options(self):
        """The choices of a single-choice drop-down, read once; None for any other control."""
        widget = self.field.widget
        if not isinstance(self.field, forms.ChoiceField) or not isinstance(widget, forms.Select):
            return None
        if widget.allow_multiple_selected or widget.is_hidden:
            return None
        # Iterated, not list(): list() first asks a model field's choices for their length, a COUNT query.
        return [choice for choice in widget.choices]  # noqa: C416

    @cached_property
    def _lone_option(self):
        """(value, label) of the one valid option of a required drop-down; None if there are none, several, or
        groups (a user must then choose, and the empty "---------" stays)."""
        if not self.field.required or not self._options:
            return None
        if any(isinstance(label, list | tuple) for _value, label in self._options):
            return None
        valid = [(v, label) for v, label in self._options if v not in self.field.empty_values]
        return valid[0] if len(valid) == 1 else None


class PortalFormRenderer(TemplatesSetting):
    """Django's form rendering through the project's templates (the cached loader of settings.TEMPLATES)."""

    form_template_name = "forms/portal_form.html"
    field_template_name = "forms/portal_field.html"
    bound_field_class = PortalBoundField
