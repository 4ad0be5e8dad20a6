"""The report as a Party document (BÁO CÁO), rendered by WeasyPrint through the core's party layout."""

from django.utils.translation import gettext as _

from emulation.documents import party_document_context, render_pdf

from .charts import bar_chart
from .enums import ReportKind

TEMPLATE = "reports/report_document.html"


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
        chart = bar_chart(table.chart) if table.chart else ""
        cells = [
            [(value, isinstance(value, int | float) and not isinstance(value, bool)) for value in row] for row in rows
        ]
        sections.append({"table": table, "rows": cells, "omitted": omitted, "chart": chart})
    context.update(
        {
            "report": report,
            "subject": subject_of(report),
            "data": data,
            "overview": data.overview,
            "sections": sections,
        }
    )
    return context


def render_report_pdf(report, data):
    return render_pdf(TEMPLATE, document_context(report, data))
