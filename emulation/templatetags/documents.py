"""Filters for the printed documents (templates/documents/party_base.html and the documents that extend it)."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# The last space of a line of text, outside any tag: "năm 2025" at the end of a subject.
LAST_SPACE = re.compile(r" +(?=[^ <>]+\s*$)")


@register.filter(is_safe=True)
def no_widow(text):
    """Bind the last word to the one before it, so a title never ends with a word alone on its last line
    ("…có thành tích xuất sắc năm / 2025", "…VÀ DOANH NGHIỆP / TỈNH")."""
    # Escaped first (a safe string, markup such as <br>, stays as it is): only a space becomes a no-break space.
    return mark_safe(LAST_SPACE.sub("\u00a0", str(conditional_escape(text)).rstrip(), count=1))  # noqa: S308  # nosec B308, B703
