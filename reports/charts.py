"""Bar charts drawn as inline SVG on the server: the PDF carries no script."""

import re
import textwrap

from django.utils.html import format_html, format_html_join

# Where a name may break: after a comma, colon or semicolon, before a dash. Vietnamese writes a word as several
# syllables, so a break at any other space can cut one in two ("văn / minh"), which reads as broken text.
PHRASE_BREAK = re.compile(r"(?<=[,:;])\s+|\s+(?=[-–]\s)")
WIDTH = 520
LABEL_WIDTH = 220
BAR_HEIGHT = 20
GAP = 8
LINE_HEIGHT = 14
# A label is written whole over as many lines as it needs (a cluster's name is never cut); this many characters of
# the 13-px serif fit in LABEL_WIDTH.
LABEL_CHARS = 32
FONT = "Liberation Serif, DejaVu Serif, serif"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
    'viewBox="0 0 {width} {height}" font-family="{font}" font-size="13">{bars}'
    '<line x1="{axis}" y1="0" x2="{axis}" y2="{height}" stroke="#000" stroke-width="0.8"/></svg>'
)
LABEL_LINE = '<tspan x="{}" y="{}">{}</tspan>'
BAR = (
    '<text text-anchor="end">{}</text>'
    '<rect x="{}" y="{}" width="{}" height="{}" fill="#a51c1c"/>'
    '<text x="{}" y="{}">{}{}</text>'
)


def label_lines(label):
    """A label's lines, broken between its phrases where it can ("Cụm thi đua số 1:" / "Các cơ quan…"), else
    between words; a single word longer than a line stays whole."""
    if len(label) <= LABEL_CHARS:
        return [label]
    lines = []
    for phrase in PHRASE_BREAK.split(label):
        lines.extend(textwrap.wrap(phrase, LABEL_CHARS, break_long_words=False, break_on_hyphens=False))
    return lines or [""]


def bar_chart(items, *, maximum=100, unit="%"):
    """A horizontal bar chart of (label, value) pairs, values between 0 and ``maximum``."""
    items = [(str(label), float(value or 0)) for label, value in items]
    if not items:
        return ""
    top = max([maximum, *[value for _, value in items]]) or 1
    plot = WIDTH - LABEL_WIDTH - 60
    bars = []
    y = GAP
    for label, value in items:
        lines = label_lines(label)
        row = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT + 4)
        bar_y = y + (row - BAR_HEIGHT) / 2
        first_line = y + (row - len(lines) * LINE_HEIGHT) / 2 + LINE_HEIGHT - 3
        label_svg = format_html_join(
            "",
            LABEL_LINE,
            ((LABEL_WIDTH - 6, f"{first_line + i * LINE_HEIGHT:.1f}", line) for i, line in enumerate(lines)),
        )
        length = max(plot * value / top, 0)
        shown = f"{value:g}".replace(".", ",")  # Vietnamese decimal comma
        bars.append(
            (
                label_svg,
                LABEL_WIDTH,
                f"{bar_y:.1f}",
                f"{length:.1f}",
                BAR_HEIGHT,
                f"{LABEL_WIDTH + length + 4:.1f}",
                f"{bar_y + BAR_HEIGHT - 5:.1f}",
                shown,
                unit,
            )
        )
        y += row + GAP
    # format_html escapes every value, labels and unit included: nothing typed by a user reaches the SVG raw.
    return format_html(
        SVG, width=WIDTH, height=int(y), font=FONT, bars=format_html_join("", BAR, bars), axis=LABEL_WIDTH
    )
