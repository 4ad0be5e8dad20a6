"""Drop-downs of people and units, whose options are written in Python.

A unit's people or the filing units make lists of hundreds of options; Django draws each option through its
template, which made the forms that list them (a unit's exemplar, initiative, nominee, the report request) several
times slower (measured in the markup commit). Short lists use Django's own Select and its templates.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class FastSelectMixin:
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        parts = [f"<select{flatatt(final_attrs)}>"]
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                parts.append(f'<optgroup label="{escape(option_value)}">')
                parts.extend(self._option(v, label, selected) for v, label in option_label)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, option_label, selected))
        parts.append("</select>")
        # Every value and label went through escape() in _option; format_html per option costs five times as
        # much, the cost this widget exists to avoid.
        # test_repository.py::test_fast_select_escapes_every_value_and_label proves the escaping.
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703

    @staticmethod
    def _option(value, label, selected):
        value = "" if value is None else str(value)
        mark = " selected" if value in selected else ""
        return f'<option value="{escape(value)}"{mark}>{escape(label)}</option>'


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy (or picked from the calendar of static/js/datepicker.js) in every language.

    Not ``<input type="date">``: a browser draws that in its own locale's order (mm/dd/yyyy in English). The
    languages' DATE_INPUT_FORMATS (emulation/formats/) read the same order back. Every DateField drawn with
    Django's plain DateInput is drawn with this one instead (renderers.PortalBoundField).
    """

    input_type = "text"
    FORMAT = "%d/%m/%Y"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's argument name
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
            "autocomplete": "off",
            # The calendar button's name for a screen reader (static/js/datepicker.js draws the button).
            "data-datepicker": _("Chọn ngày trên lịch"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or self.FORMAT)


class Switch(forms.CheckboxInput):
    """A yes/no answer drawn as a Bootstrap switch: the field's label says what is asked, ``state`` (“Đạt”, “Có”) is
    written beside the switch (templates/forms/portal_field.html)."""

    def __init__(self, *, state, attrs=None):
        super().__init__(attrs={"role": "switch", **(attrs or {})})
        self.state = state
