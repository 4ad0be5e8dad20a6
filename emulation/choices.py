"""``get_FOO_display()`` without rebuilding the field's choices on every call.

Django flattens a field's choices and makes them hashable again each time ``get_FOO_display()`` runs, which on a
list page with labels in every row was a large share of the page's time. The labels are kept per field as the lazy
strings the choices hold, so each call still gives the active language.
"""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class ChoiceDisplayMixin:
    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_display_labels")
        if labels is None:
            labels = field._display_labels = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
