"""Eligibility: each condition of an award → met, not met or unknown, with the record it rests on.

The facts (award history, ratings, discipline, initiatives, accepted results) are loaded for a whole batch of
nominees in a fixed number of queries, so a proposal's page costs the same for two nominees or two hundred.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from campaigns.enums import InitiativeState, ReportingPeriod, ReviewState
from campaigns.models import Initiative, ResultReport
from emulation.models import Person, Unit

from .conditions import CHECKS, describe
from .enums import Ruling
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
