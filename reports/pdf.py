"""The report as a Party document (BÁO CÁO), rendered by WeasyPrint through the core's party layout."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from emulation.documents import party_document_context, render_pdf

from .charts import PHRASE_BREAK, bar_chart
from .enums import ReportKind
from .framing import framing_lines

TEMPLATE = "reports/report_document.html"
# A chart taller than a page cannot be printed (500 clusters drew a 14,000-pixel image; 20 bars fill two thirds
# of an A4 page at full width). Past this many bars the chart shows the lowest values, the ones the Standing
# Committee acts on, and its title says so.
CHART_MAX_BARS = 20


def chart_of(table):
    """The table's bar chart and its title."""
    items = table.chart
    if len(items) <= CHART_MAX_BARS:
        return bar_chart(items), table.chart_title
    lowest = sorted(items, key=lambda item: item[1] or 0)[:CHART_MAX_BARS]
    title = _("%(title)s – %(n)s mục thấp nhất trong tổng số %(total)s") % {
        "title": table.chart_title,
        "n": CHART_MAX_BARS,
        "total": len(items),
    }
    return bar_chart(lowest), title


SHORT_TOKEN = 20


def phrases(text):
    """A name as phrases the PDF keeps whole on a line (class "phrase", an inline block); a phrase wider than its
    column still wraps inside itself."""
    if " " not in text and len(text) <= SHORT_TOKEN:  # "Có/Không", "2025-2030": never cut at the slash or dash
        return format_html('<span class="whole">{}</span>', text)
    parts = PHRASE_BREAK.split(text)
    if len(parts) < 2:
        return text
    return format_html_join(" ", '<span class="phrase">{}</span>', ((part,) for part in parts))


def _cell(value):
    """(what the cell prints, whether it is a figure aligned right)."""
    if isinstance(value, str):
        return phrases(value), False
    return value, isinstance(value, int | float) and not isinstance(value, bool)


def subject_of(report):
    period = report.period_label
    if report.kind == ReportKind.SIX_MONTH:
        return _("Sơ kết phong trào thi đua %(period)s") % {"period": period}
    if report.kind in (ReportKind.ANNUAL, ReportKind.TERM):
        return _("Tổng kết phong trào thi đua %(period)s") % {"period": period}
    if report.kind == ReportKind.UNIT:
        return _("Kết quả thực hiện phong trào thi đua của %(unit)s %(period)s") % {
            "unit": report.unit,
            "period": period,
        }
    return _("Kết quả thực hiện phong trào thi đua %(period)s") % {"period": period}


def document_context(report, data):
    context = party_document_context(kind_code="BC", number=str(report.number or ""), date=report.document_date)
    sections = []
    for table in data.tables:
        rows, omitted = table.pdf_rows()
        chart, chart_title = chart_of(table) if table.chart else ("", "")
        cells = [[_cell(value) for value in row] for row in rows]
        sections.append({"table": table, "rows": cells, "omitted": omitted, "chart": chart, "chart_title": chart_title})
    context.update(
        {
            "report": report,
            "subject": subject_of(report),
            "framing": framing_lines(report.period_start, report.period_end, report.kind),
            "data": data,
            "overview": data.overview,
            "sections": sections,
        }
    )
    return context


def render_report_pdf(report, data):
    return render_pdf(TEMPLATE, document_context(report, data))
