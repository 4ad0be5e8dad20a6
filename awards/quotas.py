"""Quotas: how many nominees of an award a unit may propose in a year, and how many its active nominations use."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .conditions import _pct
from .enums import QuotaBasis
from .models import AwardRecord


@dataclass
class Quota:
    award: object
    rule: object
    limit: int
    used: int
    explanation: str

    @property
    def remaining(self):
        return self.limit - self.used

    @property
    def exceeded(self):
        return self.used > self.limit


def quota_for(*, award, unit, year, rule=None, extra=0):
    """The unit's quota for an award in a year and how much of it active nominations use (plus `extra`)."""
    from .enums import ACTIVE_STATES, QUOTA_RESULTS
    from .models import Nominee

    rule = rule or award.quota_rules.select_related("base_award").first()
    if rule is None:
        return None
    active = Nominee.objects.filter(
        award=award,
        proposal__round__year=year,
        proposal__state__in=ACTIVE_STATES,
        result__in=QUOTA_RESULTS,
    )
    if rule.basis == QuotaBasis.SHARE_OF_TITLE_HOLDERS:
        base = AwardRecord.objects.filter(
            award=rule.base_award_id, year=year, person__unit__path__startswith=unit.path
        ).count()
        limit = int((Decimal(base) * (rule.percent or 0)) // 100)
        if base:
            limit = max(limit, rule.minimum)
        if rule.maximum is not None:
            limit = min(limit, rule.maximum)
        used = active.filter(proposal__unit=unit).count()
        explanation = _(
            "%(p)s%% của %(base)s người đạt %(title)s năm %(y)s của đơn vị (làm tròn xuống, tối thiểu %(min)s): %(limit)s"
        ) % {
            "p": _pct(rule.percent),
            "base": base,
            "title": rule.base_award.name if rule.base_award_id else "",
            "y": year,
            "min": rule.minimum,
            "limit": limit,
        }
    elif rule.basis == QuotaBasis.PER_CLUSTER:
        limit = rule.maximum or 0
        used = active.filter(proposal__unit__cluster_id=unit.cluster_id).count() if unit.cluster_id else 0
        explanation = _("Tối đa %(n)s mỗi cụm thi đua") % {"n": limit}
    else:
        limit = rule.maximum or 0
        used = active.filter(proposal__unit=unit).count()
        explanation = _("Tối đa %(n)s mỗi đơn vị") % {"n": limit}
    return Quota(award=award, rule=rule, limit=limit, used=used + extra, explanation=explanation)


def quotas_for_round(*, round, unit):
    """Every quota the unit faces in a round, for the proposal page."""
    from .models import QuotaRule

    rules = QuotaRule.objects.filter(award__in=round.awards.all()).select_related("award", "base_award")
    return [quota_for(award=rule.award, unit=unit, year=round.year, rule=rule) for rule in rules]
