"""What the movement stands for, at the head of every report as the plan's own summaries open: the term's theme
and motto, and the theme of each year the period covers (data of the Term and the YearPlan, edited by the Office).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from campaigns.enums import PlanState
from campaigns.models import Term, YearPlan

from .data.scope import reported_term


def terms_and_plans(start, end, term=None):
    """The terms the period falls in, each with its plans (approved or later) of the period's years. Two queries.

    Terms meet at a boundary year (2020-2025, 2025-2030): a term holding none of the period's plans is left out when
    another holds them, so the 2025 report names the term its 2025 plan belongs to. A term's report names that term
    alone, with its own plans."""
    unapproved = [PlanState.DRAFT, PlanState.SUBMITTED]
    plans = YearPlan.objects.filter(year__gte=start.year, year__lte=end.year).exclude(state__in=unapproved)
    terms = Term.objects.filter(pk=term.pk) if term is not None else Term.objects.all()
    terms = list(
        terms.filter(start_year__lte=end.year, end_year__gte=start.year)
        .order_by("start_year")
        .prefetch_related(Prefetch("plans", queryset=plans.order_by("year"), to_attr="period_plans"))
    )
    return [term for term in terms if term.period_plans] or terms


def _quoted(text):
    return " ".join(text.split()).rstrip(" .;")


def framing_lines(start, end, kind=None):
    """The opening sentences of a report, the same in its PDF and its workbook."""
    lines = []
    for term in terms_and_plans(start, end, reported_term(kind, start, end)):
        values = {"a": term.start_year, "b": term.end_year, "theme": _quoted(term.theme), "motto": _quoted(term.motto)}
        if values["motto"]:
            lines.append(
                _("Phong trào thi đua nhiệm kỳ %(a)s - %(b)s với chủ đề “%(theme)s”, phương châm “%(motto)s”.") % values
            )
        else:
            lines.append(_("Phong trào thi đua nhiệm kỳ %(a)s - %(b)s với chủ đề “%(theme)s”.") % values)
        lines.extend(
            _("Chủ đề thi đua năm %(year)s: “%(theme)s”.") % {"year": plan.year, "theme": _quoted(plan.theme)}
            for plan in term.period_plans
        )
    return lines
