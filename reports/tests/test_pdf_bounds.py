"""At national scale the PDF stays a summary: long tables continue in the workbook, charts fit on a page."""

from reports.data.tables import PDF_MAX_ROWS, Table
from reports.pdf import CHART_MAX_BARS, chart_of


def test_a_long_table_stops_in_the_pdf_and_says_how_many_rows_are_in_the_workbook():
    table = Table("clusters", "Theo cụm", ["Cụm", "Tỷ lệ"], [(f"Cụm {i}", i) for i in range(500)])

    kept, omitted = table.pdf_rows()

    assert len(kept) == PDF_MAX_ROWS
    assert omitted == 500 - PDF_MAX_ROWS
    assert len(list(table.iter_rows())) == 500  # the workbook still gets every row


def test_the_per_cluster_limit_and_the_overall_limit_both_hold():
    rows = [(f"Cụm {c:03}", rank, f"Đơn vị {c}-{rank}") for c in range(100) for rank in range(1, 9)]
    table = Table("rankings", "Xếp hạng", ["Cụm", "Hạng", "Đơn vị"], rows, pdf_limit=5, group_column=0)

    kept, omitted = table.pdf_rows()

    assert len(kept) == PDF_MAX_ROWS
    assert all(rank <= 5 for _, rank, _ in kept)
    assert omitted == len(rows) - PDF_MAX_ROWS


def test_a_short_table_is_printed_whole():
    table = Table("sectors", "Theo loại hình", ["Loại hình", "Số"], [("Doanh nghiệp", 3), ("Cơ quan", 5)])
    assert table.pdf_rows() == ([("Doanh nghiệp", 3), ("Cơ quan", 5)], 0)


def test_a_chart_of_hundreds_of_clusters_shows_the_lowest_and_says_so():
    items = [(f"Cụm {i}", (i * 37) % 101) for i in range(500)]
    table = Table("clusters", "Theo cụm", ["Cụm", "Tỷ lệ"], [], chart=items, chart_title="Tỷ lệ đăng ký theo cụm")

    svg, title = chart_of(table)

    assert svg.count("<rect") == CHART_MAX_BARS
    lowest = sorted(items, key=lambda item: item[1])[:CHART_MAX_BARS]
    assert all(f">{label}<" in svg for label, _ in lowest)
    assert str(CHART_MAX_BARS) in title and "500" in title and title.startswith("Tỷ lệ đăng ký theo cụm")


def test_a_chart_that_fits_is_drawn_whole_under_its_own_title():
    table = Table("clusters", "Theo cụm", ["Cụm", "Tỷ lệ"], [], chart=[("Cụm 1", 50), ("Cụm 2", 80)], chart_title="T")
    svg, title = chart_of(table)
    assert svg.count("<rect") == 2
    assert title == "T"
