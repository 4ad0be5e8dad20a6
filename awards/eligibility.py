"""Eligibility: each condition of an award → met, not met or unknown, with the record it rests on.

The facts (award history, ratings, discipline, initiatives, accepted results) are loaded for a whole batch of
nominees in a fixed number of queries, so a proposal's page costs the same for two nominees or two hundred.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from campaigns.enums import InitiativeState, RecognitionLevel, ReportingPeriod, ReviewState
from campaigns.models import Initiative, ResultReport
from emulation.models import Person, Unit

from .enums import ConditionKind, QuotaBasis, Rating, Ruling
from .models import AwardRecord, ConditionSet, DisciplineRecord, PersonRating, UnitRating

HISTORY_YEARS = 10  # how far back the facts are loaded; conditions reach at most this many years


@dataclass
class Check:
    label: str
    ruling: str
    explanation: str
    evidence: list = field(default_factory=list)

    @property
    def ruling_label(self):
        return Ruling(self.ruling).label

    def as_dict(self):
        return {"label": self.label, "ruling": self.ruling, "explanation": self.explanation, "evidence": self.evidence}


@dataclass
class Eligibility:
    award: object
    year: int
    legal_basis: str
    checks: list

    @property
    def ruling(self):
        rulings = {check.ruling for check in self.checks}
        if Ruling.NOT_MET in rulings:
            return Ruling.NOT_MET
        if Ruling.UNKNOWN in rulings or not self.checks:
            return Ruling.UNKNOWN
        return Ruling.MET

    @property
    def ruling_label(self):
        return Ruling(self.ruling).label

    @property
    def is_met(self):
        return self.ruling == Ruling.MET

    def as_dict(self):
        return {
            "award": self.award.name,
            "year": self.year,
            "ruling": self.ruling,
            "legal_basis": self.legal_basis,
            "checks": [check.as_dict() for check in self.checks],
        }


def condition_set_for(award, year, condition_sets=None):
    """The condition set of the award in force for the year commended (the newest if several overlap)."""
    candidates = condition_sets if condition_sets is not None else award.condition_sets.all()
    in_force = [cs for cs in candidates if cs.in_force(year)]
    return max(in_force, key=lambda cs: cs.from_year) if in_force else None


def describe(condition):
    """A readable sentence for a condition, when the Office has not written its own label."""
    if condition.label:
        return condition.label
    title = condition.title.name if condition.title_id else ""
    kind = condition.kind
    if kind == ConditionKind.HOLDS_TITLE_CONSECUTIVE_YEARS:
        return _("Đạt danh hiệu %(title)s %(n)s năm liên tục") % {"title": title, "n": condition.years}
    if kind == ConditionKind.HOLDS_TITLE_IN_YEAR:
        return _("Đạt danh hiệu %(title)s trong năm") % {"title": title}
    if kind == ConditionKind.INITIATIVE_AT_LEVEL_WITHIN_PERIOD:
        level = RecognitionLevel(condition.level).label if condition.level else ""
        return _("Có sáng kiến được công nhận %(level)s trở lên trong %(n)s năm") % {
            "level": level.lower(),
            "n": condition.years,
        }
    if kind == ConditionKind.RATING_AT_LEAST:
        return _("Xếp loại từ “%(rating)s” trở lên, %(n)s năm") % {
            "rating": Rating(condition.rating).label if condition.rating else "",
            "n": condition.years,
        }
    if kind == ConditionKind.NOT_DISCIPLINED:
        return _("Không bị kỷ luật từ mức “%(level)s” trở lên (tập thể: không thành viên nào bị)") % {
            "level": condition.get_discipline_level_display()
        }
    if kind == ConditionKind.MEMBER_SHARE_WITH_TITLE:
        return _("Tối thiểu %(p)s%% thành viên đạt %(title)s") % {"p": _pct(condition.percent), "title": title}
    if kind == ConditionKind.MEMBER_COUNT_WITH_TITLE:
        return _("Có tối thiểu %(n)s thành viên đạt %(title)s") % {"n": condition.count, "title": title}
    if kind == ConditionKind.MEMBER_SHARE_WITH_RATING:
        return _("Tối thiểu %(p)s%% thành viên xếp loại từ “%(rating)s” trở lên") % {
            "p": _pct(condition.percent),
            "rating": Rating(condition.rating).label if condition.rating else "",
        }
    if kind == ConditionKind.MONTHS_WORKED:
        return _("Công tác tối thiểu %(m)s tháng trong năm") % {"m": condition.months}
    if kind == ConditionKind.ACCEPTED_RESULT_AT_LEAST:
        return _("Kết quả thi đua cả năm được chấp thuận đạt tối thiểu %(p)s%%") % {"p": _pct(condition.percent)}
    return condition.get_kind_display()


def _pct(value):
    if value is None:
        return "?"
    value = Decimal(value)
    return f"{value:.0f}" if value == value.to_integral() else f"{value:.2f}"


def _date(value):
    return date_format(value, "d/m/Y") if value else ""


class Facts:
    """Everything the checks read for a batch of people and units, loaded once."""

    def __init__(self, *, persons=(), units=(), year):
        self.year = year
        self.first_year = year - HISTORY_YEARS
        units = list(units)
        self.members = self._load_members(units)
        member_ids = {p.pk for people in self.members.values() for p in people}
        person_ids = {p.pk for p in persons} | member_ids
        unit_ids = {u.pk for u in units}
        years = Q(year__gte=self.first_year, year__lte=year + 1)

        self.person_titles = defaultdict(dict)  # (person, year) -> {award_id: record}
        self.unit_titles = defaultdict(dict)
        records = AwardRecord.objects.filter(years).filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids))
        for record in records.select_related("award"):
            if record.person_id:
                self.person_titles[(record.person_id, record.year)][record.award_id] = record
            else:
                self.unit_titles[(record.unit_id, record.year)][record.award_id] = record
        self.person_ratings = {
            (r.person_id, r.year): r for r in PersonRating.objects.filter(years, person_id__in=person_ids)
        }
        self.unit_ratings = {(r.unit_id, r.year): r for r in UnitRating.objects.filter(years, unit_id__in=unit_ids)}
        self.discipline = defaultdict(list)
        for record in DisciplineRecord.objects.filter(years, person_id__in=person_ids):
            self.discipline[record.person_id].append(record)
        self.person_initiatives, self.unit_initiatives = self._load_initiatives(person_ids, units)
        self.results = {
            (r.unit_id, r.plan.year): r
            for r in ResultReport.objects.filter(
                unit_id__in=unit_ids,
                state=ReviewState.ACCEPTED,
                period=ReportingPeriod.YEAR_END,
                plan__year__gte=self.first_year,
            ).select_related("plan")
        }

    @staticmethod
    def _load_members(units):
        if not units:
            return {}
        people = list(
            Person.objects.filter(is_active=True, unit__in=Unit.objects.subtree_of(units))
            .select_related("unit")
            .only("pk", "full_name", "unit__path")
        )
        return {unit.pk: [p for p in people if p.unit.path.startswith(unit.path)] for unit in units}

    def _load_initiatives(self, person_ids, units):
        recognized = Initiative.objects.filter(
            state=InitiativeState.RECOGNIZED, recognized_on__year__gte=self.first_year
        ).select_related("unit")
        by_person = defaultdict(list)
        through = Initiative.authors.through
        links = through.objects.filter(person_id__in=person_ids, initiative__in=recognized).select_related("initiative")
        for link in links:
            by_person[link.person_id].append(link.initiative)
        by_unit = defaultdict(list)
        if units:
            for initiative in recognized.filter(unit__in=Unit.objects.subtree_of(units)):
                for unit in units:
                    if initiative.unit.path.startswith(unit.path):
                        by_unit[unit.pk].append(initiative)
        return by_person, by_unit

    # -- per-subject lookups

    def titles(self, subject, year):
        key = (subject.pk, year)
        return self.person_titles.get(key, {}) if isinstance(subject, Person) else self.unit_titles.get(key, {})

    def year_known(self, subject, year):
        """A year counts as recorded when the subject has any award record or rating for it."""
        if isinstance(subject, Person):
            return (subject.pk, year) in self.person_titles or (subject.pk, year) in self.person_ratings
        return (subject.pk, year) in self.unit_titles or (subject.pk, year) in self.unit_ratings

    def rating(self, subject, year):
        if isinstance(subject, Person):
            return self.person_ratings.get((subject.pk, year))
        return self.unit_ratings.get((subject.pk, year))


def _years(condition, year):
    end = year + condition.year_offset
    return list(range(end - max(condition.years, 1) + 1, end + 1))


def _title_check(facts, subject, condition, year):
    held, gaps, missing, evidence = [], [], [], []
    for y in _years(condition, year):
        record = facts.titles(subject, y).get(condition.title_id)
        if record is not None:
            held.append(y)
            evidence.append(_record_text(record))
        elif facts.year_known(subject, y):
            gaps.append(y)
        else:
            missing.append(y)
    title = condition.title.name
    if gaps:
        return (
            Ruling.NOT_MET,
            _("Không đạt %(title)s năm %(years)s.") % {"title": title, "years": _join(gaps)},
            evidence,
        )
    if missing:
        return (
            Ruling.UNKNOWN,
            _("Chưa có dữ liệu khen thưởng, xếp loại năm %(years)s.") % {"years": _join(missing)},
            evidence,
        )
    return Ruling.MET, _("Đạt %(title)s các năm %(years)s.") % {"title": title, "years": _join(held)}, evidence


def _record_text(record):
    text = f"{record.award.name} {record.year}"
    if record.decision_number:
        text += " – " + _("QĐ số %(n)s") % {"n": record.decision_number}
        if record.decision_date:
            text += " " + _("ngày %(d)s") % {"d": _date(record.decision_date)}
    return text


def _join(years):
    return ", ".join(str(y) for y in years)


def _initiative_check(facts, subject, condition, year):
    years = _years(condition, year)
    level = condition.level or RecognitionLevel.UNIT
    if isinstance(subject, Person):
        initiatives = facts.person_initiatives.get(subject.pk, [])
    else:
        initiatives = facts.unit_initiatives.get(subject.pk, [])
    in_period = [i for i in initiatives if i.recognized_on and years[0] <= i.recognized_on.year <= years[-1]]
    good = [i for i in in_period if (i.recognition_level or 0) >= level]
    evidence = [
        _("Sáng kiến “%(title)s”, %(level)s, công nhận ngày %(date)s%(number)s")
        % {
            "title": i.title,
            "level": i.get_recognition_level_display().lower(),
            "date": _date(i.recognized_on),
            "number": (", " + _("QĐ số %(n)s") % {"n": i.decision_number}) if i.decision_number else "",
        }
        for i in (good or in_period)
    ]
    level_label = RecognitionLevel(level).label.lower()
    if good:
        return Ruling.MET, _("Có sáng kiến được công nhận %(level)s trở lên.") % {"level": level_label}, evidence
    if in_period:
        return (
            Ruling.NOT_MET,
            _("Có sáng kiến nhưng chưa được công nhận %(level)s trở lên trong %(from)s–%(to)s.")
            % {"level": level_label, "from": years[0], "to": years[-1]},
            evidence,
        )
    return (
        Ruling.NOT_MET,
        _("Không có sáng kiến được công nhận %(level)s trở lên trong %(from)s–%(to)s.")
        % {"level": level_label, "from": years[0], "to": years[-1]},
        evidence,
    )


def _rating_check(facts, subject, condition, year):
    needed = condition.rating or Rating.GOOD
    low, missing, evidence = [], [], []
    for y in _years(condition, year):
        rating = facts.rating(subject, y)
        if rating is None:
            missing.append(y)
            continue
        evidence.append(_("Năm %(y)s: %(r)s") % {"y": y, "r": rating.get_rating_display()})
        if rating.rating < needed:
            low.append(y)
    label = Rating(needed).label
    if low:
        return Ruling.NOT_MET, _("Xếp loại dưới “%(r)s” năm %(y)s.") % {"r": label, "y": _join(low)}, evidence
    if missing:
        return Ruling.UNKNOWN, _("Chưa có kết quả xếp loại năm %(y)s.") % {"y": _join(missing)}, evidence
    return Ruling.MET, _("Xếp loại từ “%(r)s” trở lên.") % {"r": label}, evidence


def _discipline_check(facts, subject, condition, year):
    years = set(_years(condition, year))
    level = condition.discipline_level or 1
    people = [subject] if isinstance(subject, Person) else facts.members.get(subject.pk, [])
    names = {p.pk: p.full_name for p in people}
    found = [
        record
        for person in people
        for record in facts.discipline.get(person.pk, [])
        if record.year in years and record.level >= level
    ]
    if found:
        evidence = [
            _("%(name)s: %(level)s năm %(y)s")
            % {"name": names[r.person_id], "level": r.get_level_display(), "y": r.year}
            for r in found
        ]
        return Ruling.NOT_MET, _("Có trường hợp bị kỷ luật trong năm xét."), evidence
    return (
        Ruling.MET,
        _("Không có trường hợp bị kỷ luật từ mức “%(l)s” trở lên.") % {"l": condition.get_discipline_level_display()},
        [],
    )


def _members_or_unknown(facts, subject):
    if isinstance(subject, Person):
        return None, (Ruling.UNKNOWN, _("Điều kiện này chỉ áp dụng cho tập thể."), [])
    members = facts.members.get(subject.pk, [])
    if not members:
        return None, (Ruling.UNKNOWN, _("Đơn vị chưa có danh sách cá nhân trên cổng."), [])
    return members, None


def _share_ruling(held, unknown, total, needed_share=None, needed_count=None):
    if needed_count is not None:
        if held >= needed_count:
            return Ruling.MET
        return Ruling.NOT_MET if held + unknown < needed_count else Ruling.UNKNOWN
    if held * 100 >= needed_share * total:
        return Ruling.MET
    return Ruling.NOT_MET if (held + unknown) * 100 < needed_share * total else Ruling.UNKNOWN


def _member_title_check(facts, subject, condition, year, *, by_count=False):
    members, refusal = _members_or_unknown(facts, subject)
    if refusal:
        return refusal
    y = year + condition.year_offset
    held = [p for p in members if condition.title_id in facts.titles(p, y)]
    unknown = [p for p in members if p not in held and not facts.year_known(p, y)]
    total = len(members)
    text = _("%(held)s/%(total)s thành viên (%(share)s%%) đạt %(title)s năm %(y)s") % {
        "held": len(held),
        "total": total,
        "share": _pct(Decimal(len(held) * 100) / total),
        "title": condition.title.name,
        "y": y,
    }
    if unknown:
        text += "; " + _("%(n)s thành viên chưa có dữ liệu") % {"n": len(unknown)}
    if by_count:
        ruling = _share_ruling(len(held), len(unknown), total, needed_count=condition.count or 1)
        text += "; " + _("cần tối thiểu %(n)s.") % {"n": condition.count or 1}
    else:
        ruling = _share_ruling(len(held), len(unknown), total, needed_share=Decimal(condition.percent or 0))
        text += "; " + _("cần tối thiểu %(p)s%%.") % {"p": _pct(condition.percent)}
    return ruling, text, [p.full_name for p in held[:20]]


def _member_rating_check(facts, subject, condition, year):
    members, refusal = _members_or_unknown(facts, subject)
    if refusal:
        return refusal
    y = year + condition.year_offset
    needed = condition.rating or Rating.COMPLETED
    ratings = {p.pk: facts.rating(p, y) for p in members}
    held = sum(1 for r in ratings.values() if r is not None and r.rating >= needed)
    unknown = sum(1 for r in ratings.values() if r is None)
    total = len(members)
    ruling = _share_ruling(held, unknown, total, needed_share=Decimal(condition.percent or 100))
    text = _("%(held)s/%(total)s thành viên xếp loại từ “%(r)s” trở lên năm %(y)s; cần tối thiểu %(p)s%%.") % {
        "held": held,
        "total": total,
        "r": Rating(needed).label,
        "y": y,
        "p": _pct(condition.percent or 100),
    }
    if unknown:
        text += " " + _("%(n)s thành viên chưa có kết quả xếp loại.") % {"n": unknown}
    return ruling, text, []


def _months_check(facts, subject, condition, year):
    if not isinstance(subject, Person):
        return Ruling.UNKNOWN, _("Điều kiện này chỉ áp dụng cho cá nhân."), []
    y = year + condition.year_offset
    rating = facts.rating(subject, y)
    if rating is None or rating.months_worked is None:
        return Ruling.UNKNOWN, _("Chưa có số tháng công tác năm %(y)s.") % {"y": y}, []
    evidence = [_("Năm %(y)s: %(m)s tháng công tác") % {"y": y, "m": rating.months_worked}]
    if rating.months_worked >= (condition.months or 0):
        return Ruling.MET, _("Đủ thời gian công tác trong năm."), evidence
    return Ruling.NOT_MET, _("Chưa đủ %(m)s tháng công tác trong năm.") % {"m": condition.months}, evidence


def _result_check(facts, subject, condition, year):
    if isinstance(subject, Person):
        return Ruling.UNKNOWN, _("Điều kiện này chỉ áp dụng cho tập thể."), []
    y = year + condition.year_offset
    report = facts.results.get((subject.pk, y))
    if report is None or report.completion is None:
        return Ruling.UNKNOWN, _("Chưa có báo cáo kết quả cả năm %(y)s được chấp thuận.") % {"y": y}, []
    evidence = [_("Báo cáo kết quả cả năm %(y)s: hoàn thành %(c)s%%") % {"y": y, "c": _pct(report.completion)}]
    if report.completion >= (condition.percent or 0):
        return Ruling.MET, _("Kết quả thi đua đạt yêu cầu."), evidence
    return Ruling.NOT_MET, _("Mức hoàn thành dưới %(p)s%%.") % {"p": _pct(condition.percent)}, evidence


CHECKS = {
    ConditionKind.HOLDS_TITLE_CONSECUTIVE_YEARS: _title_check,
    ConditionKind.HOLDS_TITLE_IN_YEAR: _title_check,
    ConditionKind.INITIATIVE_AT_LEVEL_WITHIN_PERIOD: _initiative_check,
    ConditionKind.RATING_AT_LEAST: _rating_check,
    ConditionKind.NOT_DISCIPLINED: _discipline_check,
    ConditionKind.MEMBER_SHARE_WITH_TITLE: _member_title_check,
    ConditionKind.MEMBER_COUNT_WITH_TITLE: lambda f, s, c, y: _member_title_check(f, s, c, y, by_count=True),
    ConditionKind.MEMBER_SHARE_WITH_RATING: _member_rating_check,
    ConditionKind.MONTHS_WORKED: _months_check,
    ConditionKind.ACCEPTED_RESULT_AT_LEAST: _result_check,
}


def evaluate(*, subject, award, year, facts, condition_sets=None):
    """Check one person or unit against an award for a year, under the condition set in force that year."""
    condition_set = condition_set_for(award, year, condition_sets)
    if condition_set is None:
        check = Check(
            _("Bộ điều kiện áp dụng"),
            Ruling.UNKNOWN,
            _("Chưa có bộ điều kiện của danh hiệu này áp dụng cho năm %(y)s.") % {"y": year},
        )
        return Eligibility(award=award, year=year, legal_basis="", checks=[check])
    checks = []
    for condition in condition_set.conditions.all():
        ruling, explanation, evidence = CHECKS[condition.kind](facts, subject, condition, year)
        checks.append(Check(describe(condition), ruling, explanation, evidence))
    return Eligibility(award=award, year=year, legal_basis=condition_set.legal_basis, checks=checks)


def prefetch_conditions(awards):
    """Condition sets with their conditions and titles, grouped by award, in two queries."""
    sets = defaultdict(list)
    queryset = ConditionSet.objects.filter(award__in=awards).prefetch_related("conditions__title")
    for condition_set in queryset:
        sets[condition_set.award_id].append(condition_set)
    return sets


def check_nominees(nominees, year):
    """Eligibility of every nominee of a batch, keyed by nominee id, in a bounded number of queries."""
    nominees = list(nominees)
    persons = [n.person for n in nominees if n.person_id]
    units = [n.unit for n in nominees if n.unit_id]
    facts = Facts(persons=persons, units=units, year=year)
    sets = prefetch_conditions({n.award_id for n in nominees})
    return {
        n.pk: evaluate(
            subject=n.person if n.person_id else n.unit,
            award=n.award,
            year=year,
            facts=facts,
            condition_sets=sets.get(n.award_id, []),
        )
        for n in nominees
    }


def check_one(*, subject, award, year):
    persons, units = ([subject], []) if isinstance(subject, Person) else ([], [subject])
    facts = Facts(persons=persons, units=units, year=year)
    return evaluate(subject=subject, award=award, year=year, facts=facts)


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
