"""How a result's scores are counted: per criterion up to its maximum, the report on a scale of 100.

One place for the arithmetic that the acceptance service stores and the result page shows, so the table a reader
adds up gives the figure the ranking reads.

- A criterion's recognized score is its maximum × the completion capped at 100%: never above its maximum.
- A criterion's weighted contribution is weight × score ÷ Σ(weight × maximum) of the criteria the unit pledged,
  on a scale of 100. The report's score is the exact sum of the contributions rounded to the cent, so a unit that
  earns every maximum scores 100, not 99.99 (six criteria of 16.666… each). The contributions the page prints are
  rounded so that they add up to that score exactly (largest remainders take the last cents), and never pass it.
  With equal weights and maxima adding up to 100 (the plan's scoring table), a contribution is the score itself.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

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


def _exact(criterion, score, denominator):
    if score is None or not denominator:
        return Decimal(0)
    return criterion.weight * score * SCALE / denominator


def _allocate(exact, caps=None):
    """``exact`` in cents adding up to their sum rounded to the cent (at most SCALE): each rounded down, then the
    lost cents given back to the largest remainders (ties to the earlier criterion), never above its cap."""
    floors = [value.quantize(CENT, rounding=ROUND_DOWN) for value in exact]
    target = min(sum(exact, Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP), SCALE)
    missing = int((target - sum(floors, Decimal(0))) / CENT)
    for i in sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i)):
        if missing <= 0:
            break
        if exact[i] > floors[i] and (caps is None or floors[i] + CENT <= caps[i]):
            floors[i] += CENT
            missing -= 1
    return floors


def shares(criteria):
    """What a full score of each criterion adds to the total out of SCALE (they add up to SCALE)."""
    denominator = weighted_max(criteria)
    return _allocate([_exact(c, c.max_score, denominator) for c in criteria])


def contributions(scored):
    """What each criterion of [(criterion, score or None)] adds to the report's total out of SCALE, in cents that
    add up to ``weighted_total(scored)``, none above the criterion's share: a full score earns exactly its share."""
    criteria = [c for c, _score in scored]
    denominator = weighted_max(criteria)
    return _allocate([_exact(c, score, denominator) for c, score in scored], caps=shares(criteria))


def weighted_total(scored):
    """The report's total out of SCALE from [(criterion, score or None)] of the criteria counted."""
    return sum(contributions(scored), Decimal(0))
