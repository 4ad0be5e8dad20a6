"""How a result's scores are counted: per criterion up to its maximum, the report on a scale of 100.

One place for the arithmetic that the acceptance service stores and the result page shows, so the table a reader
adds up gives the figure the ranking reads.

- A criterion's recognized score is its maximum × the completion capped at 100%: never above its maximum.
- A criterion's weighted contribution is weight × score ÷ Σ(weight × maximum) of the criteria the unit pledged,
  on a scale of 100; the report's score is the sum of the contributions (rounded down each, so it never passes 100).
  With equal weights and maxima adding up to 100 (the plan's scoring table), a contribution is the score itself.
"""

from decimal import ROUND_DOWN, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# The plan's total: reports and rankings compare units and years on one scale.
SCALE = HUNDRED


def criterion_score(criterion, completion):
    """The score a criterion earns for a completion (%), capped at the criterion's maximum."""
    capped = min(max(completion, Decimal(0)), HUNDRED)
    return (criterion.max_score * capped / HUNDRED).quantize(CENT)


def weighted_max(criteria):
    """Σ weight × maximum of the criteria counted: what a full score is worth before the scale."""
    return sum((c.weight * c.max_score for c in criteria), Decimal(0))


def contribution(criterion, score, denominator):
    """What a criterion's score adds to the report's total out of SCALE."""
    if score is None or not denominator:
        return Decimal(0)
    return (criterion.weight * score * SCALE / denominator).quantize(CENT, rounding=ROUND_DOWN)


def weighted_total(scored):
    """The report's total out of SCALE from [(criterion, score or None)] of the criteria counted."""
    denominator = weighted_max(c for c, _score in scored)
    return sum((contribution(c, score, denominator) for c, score in scored), Decimal(0))
