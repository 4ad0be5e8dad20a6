"""Bar charts drawn as inline SVG on the server: the PDF carries no script."""

from django.utils.html import format_html, format_html_join

WIDTH = 520
LABEL_WIDTH = 220
BAR_HEIGHT = 20
GAP = 8
FONT = "Liberation Serif, DejaVu Serif, serif"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
    'viewBox="0 0 {width} {height}" font-family="{font}" font-size="13">{bars}'
    '<line x1="{axis}" y1="0" x2="{axis}" y2="{height}" stroke="#000" stroke-width="0.8"/></svg>'
)
BAR = (
    '<text x="{}" y="{}" text-anchor="end">{}</text>'
    '<rect x="{}" y="{}" width="{}" height="{}" fill="#a51c1c"/>'
    '<text x="{}" y="{}">{}{}</text>'
)


def bar_chart(items, *, maximum=100, unit="%"):
    """A horizontal bar chart of (label, value) pairs, values between 0 and ``maximum``."""
    items = [(str(label), float(value or 0)) for label, value in items]
    if not items:
        return ""
    top = max([maximum, *[value for _, value in items]]) or 1
    plot = WIDTH - LABEL_WIDTH - 60
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    bars = []
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(plot * value / top, 0)
        shown = f"{value:g}".replace(".", ",")  # Vietnamese decimal comma
        short = label if len(label) <= 32 else label[:31] + "…"
        bars.append(
            (
                LABEL_WIDTH - 6,
                y + BAR_HEIGHT - 5,
                short,
                LABEL_WIDTH,
                y,
                f"{length:.1f}",
                BAR_HEIGHT,
                f"{LABEL_WIDTH + length + 4:.1f}",
                y + BAR_HEIGHT - 5,
                shown,
                unit,
            )
        )
    # format_html escapes every value, labels and unit included: nothing typed by a user reaches the SVG raw.
    return format_html(
        SVG, width=WIDTH, height=height, font=FONT, bars=format_html_join("", BAR, bars), axis=LABEL_WIDTH
    )
