"""Report periods: quarters, halves, years, terms, and the previous period of the same kind."""

import datetime

from django.utils.translation import gettext as _

from .enums import ReportKind

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_bounds(year, quarter):
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = _month_end(year, 3 * quarter)
    return start, end


def _month_end(year, month):
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def year_bounds(first_year, last_year=None):
    return datetime.date(first_year, 1, 1), datetime.date(last_year or first_year, 12, 31)


def default_period(kind, *, year, quarter=None, last_year=None):
    """The natural period of a kind in a year: the quarter, the first half, the year, or a span of years."""
    if kind == ReportKind.QUARTERLY:
        return quarter_bounds(year, quarter or 1)
    if kind == ReportKind.SIX_MONTH:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    if kind == ReportKind.TERM:
        return year_bounds(year, last_year or year + 4)
    return year_bounds(year)


def latest_period(kind, today, *, term=None):
    """The most recent period of a kind that ends on or before today (the one a schedule produces)."""
    if kind == ReportKind.QUARTERLY:
        quarter = (today.month - 1) // 3 + 1
        start, end = quarter_bounds(today.year, quarter)
        if end > today:
            year, quarter = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
            start, end = quarter_bounds(year, quarter)
        return start, end
    if kind == ReportKind.SIX_MONTH:
        year = today.year if today >= datetime.date(today.year, 6, 30) else today.year - 1
        return default_period(kind, year=year)
    if kind == ReportKind.TERM:
        if term is None:
            return None
        return year_bounds(term.start_year, term.end_year)
    year = today.year if today >= datetime.date(today.year, 12, 31) else today.year - 1
    return year_bounds(year)


def _shift_months(date, months):
    index = date.year * 12 + date.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(date.day, _month_end(year, month + 1).day))


def previous_period(kind, start, end):
    """The period of the same kind just before this one, for the comparison table."""
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if kind == ReportKind.SIX_MONTH:
        return _shift_months(start, 12), _shift_months(end, 12)
    if whole_months:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        new_end = _shift_months(start, 1)
        return _shift_months(start, months), _month_end(new_end.year, new_end.month)
    length = end - start + datetime.timedelta(days=1)
    return start - length, end - length


def describe_period(kind, start, end):
    """The period as the title says it: 'quý III năm 2026', 'sáu tháng đầu năm 2026', 'năm 2026'."""
    if kind == ReportKind.QUARTERLY and start.day == 1 and (start.month - 1) % 3 == 0:
        if (start, end) == quarter_bounds(start.year, (start.month - 1) // 3 + 1):
            return _("quý %(q)s năm %(year)s") % {"q": ROMAN[(start.month - 1) // 3 + 1], "year": start.year}
    if (start, end) == (datetime.date(start.year, 1, 1), datetime.date(start.year, 6, 30)):
        return _("sáu tháng đầu năm %(year)s") % {"year": start.year}
    if (start, end) == year_bounds(start.year):
        return _("năm %(year)s") % {"year": start.year}
    if start.month == 1 and start.day == 1 and (end.month, end.day) == (12, 31):
        if kind == ReportKind.TERM:
            return _("nhiệm kỳ %(a)s - %(b)s") % {"a": start.year, "b": end.year}
        return _("giai đoạn %(a)s - %(b)s") % {"a": start.year, "b": end.year}
    return _("từ ngày %(a)s đến ngày %(b)s") % {"a": start.strftime("%d/%m/%Y"), "b": end.strftime("%d/%m/%Y")}
