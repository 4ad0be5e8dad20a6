"""Drop-downs of people and units, whose options are written in Python.

A unit's people or the filing units make lists of hundreds of options; Django draws each option through its
template, which made the forms that list them (a unit's exemplar, initiative, nominee, the report request) several
times slower (measured in the markup commit). Short lists use Django's own Select and its templates.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


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
