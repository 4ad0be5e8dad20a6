"""Filters for the printed documents (templates/documents/party_base.html and the documents that extend it)."""

import re

from django import template

register = template.Library()

# The last space of a line of text, outside any tag: "năm 2025" at the end of a subject.
LAST_SPACE = re.compile(r" +(?=[^ <>]+\s*$)")


@register.filter(is_safe=True)
def no_widow(text):
    """Bind the last word to the one before it, so a title never ends with a word alone on its last line
    ("…có thành tích xuất sắc năm / 2025", "…VÀ DOANH NGHIỆP / TỈNH")."""
    # is_safe: Django marks the result safe when the text was (markup such as <br> stays as it is) and escapes it
    # otherwise; only a space becomes a no-break space, which escaping leaves as it is.
    return LAST_SPACE.sub("\u00a0", str(text).rstrip(), count=1)
