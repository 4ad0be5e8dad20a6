"""Factories for the campaigns' objects, built on the core's."""

import datetime
from decimal import Decimal

import factory

from campaigns import upkeep
from campaigns.enums import MeasureKind, PlanState, ReviewState
from campaigns.models import Criterion, Movement, Phase, Pledge, PledgeTarget, ResultReport, Term, YearPlan
from emulation.tests.factories import ClusterFactory, PersonFactory, UnitFactory, secretary_of  # noqa: F401


class Upkept:
    """A factory of rows written around the services: it calls what the services call after their writes
    (campaigns.upkeep), ``keep_up(obj)``, so the kept figures stay those of the rows."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        cls.keep_up(obj)
        return obj


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ["name"]

    name = "2020-2025"
    start_year = 2020
    end_year = 2100
    theme = "Đổi mới, sáng tạo"
    motto = "Đổi mới - Sáng tạo - Hiệu quả"


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    term = factory.SubFactory(TermFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Phong trào số {n + 1}")


def _year_end(year):
    """31 December of the plan's year, or of this year for a plan of a past year (its deadlines still ahead)."""
    return datetime.date(max(year, datetime.date.today().year), 12, 31)


class PlanFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = YearPlan

    @staticmethod
    def keep_up(plan):
        upkeep.plan_changed(plan, created=True)

    term = factory.SubFactory(TermFactory)
    # This year and the 19 before (a plan's year is unique and at least 2000; each test rolls back), so that every
    # reporting period has begun (a result may be sent and accepted), with every deadline still ahead: a test that
    # wants a late filing moves a deadline back, one that wants a period still to come names a later year.
    year = factory.Sequence(lambda n: datetime.date.today().year - n % 20)
    theme = "Thi đua hoàn thành thắng lợi nhiệm vụ chính trị"
    state = PlanState.LAUNCHED
    registration_deadline = factory.LazyAttribute(lambda o: _year_end(o.year))
    six_month_deadline = factory.LazyAttribute(lambda o: _year_end(o.year))
    year_end_deadline = factory.LazyAttribute(lambda o: _year_end(o.year))


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"TC{n}")
    name = factory.Sequence(lambda n: f"Tiêu chí {n}")
    measure = MeasureKind.NUMBER
    weight = Decimal(1)
    max_score = Decimal(10)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    plan = factory.SubFactory(PlanFactory)
    name = "Đợt thi đua chào mừng"
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.plan.year, 3, 1))
    end_date = factory.LazyAttribute(lambda o: datetime.date(o.plan.year, 5, 1))


def plan_with_criteria(**kwargs):
    """A launched plan with one criterion of each kind: yes/no, number, percent, score."""
    plan = PlanFactory(**kwargs)
    movement = MovementFactory(term=plan.term)
    plan.movements.add(movement)
    CriterionFactory(plan=plan, code="A", name="Quán triệt chỉ thị", measure=MeasureKind.YES_NO, movement=movement)
    CriterionFactory(plan=plan, code="B", name="Số mô hình mới", measure=MeasureKind.NUMBER, measure_unit="mô hình")
    CriterionFactory(plan=plan, code="C", name="Tỷ lệ đảng viên hoàn thành tốt", measure=MeasureKind.PERCENT, weight=2)
    CriterionFactory(plan=plan, code="D", name="Điểm văn hóa công sở", measure=MeasureKind.SCORE, max_score=10)
    return plan


TARGETS = {"A": "1", "B": "4", "C": "90", "D": "8"}


class PledgeFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    keep_up = staticmethod(upkeep.pledge_changed)

    plan = factory.SubFactory(PlanFactory)
    unit = factory.SubFactory(UnitFactory)
    state = ReviewState.DRAFT
    aimed_title = "Tập thể lao động xuất sắc"


def accepted_pledge(plan, unit):
    pledge = PledgeFactory(plan=plan, unit=unit, state=ReviewState.ACCEPTED)
    for criterion in plan.criteria.all():
        PledgeTarget.objects.create(pledge=pledge, criterion=criterion, value=Decimal(TARGETS.get(criterion.code, "1")))
    return pledge


class ResultFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = ResultReport

    keep_up = staticmethod(upkeep.result_changed)

    pledge = factory.SubFactory(PledgeFactory)
    plan = factory.LazyAttribute(lambda o: o.pledge.plan)
    unit = factory.LazyAttribute(lambda o: o.pledge.unit)
    period = "six_month"
    state = ReviewState.DRAFT
