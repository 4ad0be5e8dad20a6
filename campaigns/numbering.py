"""Which numbering period a document belongs to: Party documents are numbered afresh each party term.

The period is the term whose years hold the document's date (the newer term in the year one term hands over to
the next: the congress that opens a term is held in its first year), else the calendar year when no term is
recorded. The label is stored in the core's register (emulation.numbering), which knows nothing of terms."""

from emulation import numbering

from .models import Term


def numbering_period(date):
    """The term's name ("2025-2030") holding `date`, else the year ("2026"). One query."""
    term = (
        Term.objects.filter(start_year__lte=date.year, end_year__gte=date.year)
        .order_by("-start_year")
        .values_list("name", flat=True)
        .first()
    )
    return term or str(date.year)


def issue_number(*, kind, date):
    """The next number of `kind` for a document dated `date`: (number, period)."""
    period = numbering_period(date)
    return numbering.next_number(kind=kind, period=period), period


def reserve_number(*, kind, date, number):
    """Record a number given by hand for a document dated `date`: (number, period); refused if already issued."""
    period = numbering_period(date)
    return numbering.reserve_number(kind=kind, period=period, number=number), period
