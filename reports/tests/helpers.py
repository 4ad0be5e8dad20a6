import html
import io
import re
import unicodedata

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from campaigns.enums import FILED_STATES, ReportingPeriod, ReviewState
from reports.data.figures import PLAN_FIGURE_ORDER


def pdf_text(report):
    with report.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Line breaks fall wherever the layout wraps: compare words, not lines.
    return " ".join(unicodedata.normalize("NFC", text).split())


def workbook(report):
    with report.xlsx.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()), read_only=True)


def sheet_rows(book, title):
    return [row for row in book[title].iter_rows(values_only=True)]


# The tracking page's counters, in the order the page shows them.
COUNTERS = ("total", "pledged", "accepted", "late", "signed", "six_month", "year_end")
# The report's table of plan figures, column by column after the year: the names the tracking page's figures go by.
PLAN_COLUMNS = PLAN_FIGURE_ORDER


def tables(report):
    """{table title: its rows} read from the report's workbook (each sheet: a heading, the columns, the rows)."""
    return tables_of(workbook(report))


def tables_of(book):
    found = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if len(rows) >= 2 and rows[0][0] and ": " in str(rows[0][0]):
            found[str(rows[0][0]).rsplit(": ", 1)[1]] = [row for row in rows[2:] if any(v is not None for v in row)]
    return found


def overview(tables):
    labels = {
        "Số đơn vị cơ sở": "units_total",
        "Số đơn vị đã đăng ký thi đua": "pledged",
        "Số chữ ký giao ước": "signatures",
        "Số đơn vị đã gửi báo cáo kết quả": "results_filed",
        "Số báo cáo kết quả được chấp thuận": "results_accepted",
    }
    return {labels[row[0]]: row[1] for row in tables["Tổng hợp chung"] if row[0] in labels}


def plan_rows(tables):
    rows = tables["Theo dõi thực hiện kế hoạch thi đua"]
    return {row[0]: dict(zip(PLAN_COLUMNS, row[1:], strict=True)) for row in rows if isinstance(row[0], int)}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def tracking_counters(client, plan):
    """The counters at the head of the plan's tracking page, as its reader sees them."""
    text = page(client, reverse("campaigns:plan_tracking", args=[plan.pk]))
    numbers = re.findall(r'<div class="stat">([\d.]+)</div>', text)
    assert len(numbers) == len(COUNTERS)
    return dict(zip(COUNTERS, (int(n.replace(".", "")) for n in numbers), strict=True))


def ranked(client, plan, period):
    """How many results the plan's ranking page ranks for a period (one page: these plans rank a few units)."""
    text = page(client, reverse("campaigns:plan_ranking", args=[plan.pk]) + f"?period={period}")
    body = re.search(r"<tbody>(.*?)</tbody>", text, re.S).group(1)
    return len(re.findall(r"<tr><td>", body))


def page_figures(client, plan):
    figures = tracking_counters(client, plan)
    figures["ranked_six_month"] = ranked(client, plan, ReportingPeriod.SIX_MONTH)
    figures["ranked_year_end"] = ranked(client, plan, ReportingPeriod.YEAR_END)
    return figures


def unit_row(client, plan, unit):
    """The unit's row of the plan's tracking page: its pledge, covenant and result cells, as plain text."""
    text = page(client, reverse("campaigns:plan_tracking", args=[plan.pk]))
    row = re.search(r"<tr><td>" + re.escape(html.escape(unit.name)) + r"<div.*?</div></td>(.*?)</tr>", text, re.S)
    return [re.sub(r"<[^>]+>", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]


def filed(cell):
    labels = dict(ReviewState.choices)
    return any(str(labels[state]) in cell for state in FILED_STATES)


def lookup_count(client, year, award=None):
    """How many awards the award lookup page lists for a year, of one title or of all ("N mục" under the list)."""
    query = f"?year={year}" + (f"&award={award.pk}" if award is not None else "")
    text = page(client, reverse("awards:lookup") + query)
    found = re.search(r"([\d.]+) mục", text)
    return int(found.group(1).replace(".", "")) if found else 0
