"""Bar charts drawn as inline SVG on the server: the PDF carries no script."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 520
LABEL_WIDTH = 220
BAR_HEIGHT = 20
GAP = 8
FONT = "Liberation Serif, DejaVu Serif, serif"


def bar_chart(items, *, maximum=100, unit="%"):
    """A horizontal bar chart of (label, value) pairs, values between 0 and ``maximum``."""
    items = [(str(label), float(value or 0)) for label, value in items]
    if not items:
        return ""
    top = max([maximum, *[value for _, value in items]]) or 1
    plot = WIDTH - LABEL_WIDTH - 60
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="13">'
    ]
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(plot * value / top, 0)
        shown = f"{value:g}".replace(".", ",")  # Vietnamese decimal comma
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="#a51c1c"/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + BAR_HEIGHT - 5}">{shown}{escape(unit)}</text>'
        )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}" stroke="#000" stroke-width="0.8"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above
