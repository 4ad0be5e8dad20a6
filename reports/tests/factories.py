"""Factories for the campaigns records the reports read, and a small world of units that file them."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import factory
from django.utils import timezone

from campaigns import upkeep
from campaigns.enums import (
    CovenantState,
    ExemplarKind,
    ExemplarState,
    InitiativeState,
    MeasureKind,
    PlanState,
    RecognitionLevel,
    ReportingPeriod,
    ReviewState,
)
from campaigns.models import (
    Covenant,
    CovenantSignature,
    Criterion,
    Exemplar,
    Initiative,
    Movement,
    Pledge,
    PledgeTarget,
    ResultReport,
    ResultValue,
    Term,
    YearPlan,
)
from campaigns.tests.factories import Upkept
from emulation.enums import UnitLevel, UnitSector
from emulation.models import OrganizationProfile
from emulation.tests.factories import ClusterFactory, UnitFactory, UserFactory


def at(date, hour=9):
    return timezone.make_aware(datetime.datetime(date.year, date.month, date.day, hour))


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    name = factory.Sequence(lambda n: f"{2020 + n}-{2025 + n}")
    start_year = 2022
    end_year = 2026
    theme = "Đoàn kết, sáng tạo, thi đua hoàn thành xuất sắc nhiệm vụ"


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    term = factory.SubFactory(TermFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n + 1}: “Dân vận khéo”")


class YearPlanFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = YearPlan

    @staticmethod
    def keep_up(plan):
        upkeep.plan_changed(plan, created=True)

    term = factory.SubFactory(TermFactory)
    year = 2026
    theme = "Năm thi đua đổi mới, sáng tạo"
    registration_deadline = factory.LazyAttribute(lambda o: datetime.date(o.year, 3, 31))
    six_month_deadline = factory.LazyAttribute(lambda o: datetime.date(o.year, 7, 15))
    year_end_deadline = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 15))
    state = PlanState.LAUNCHED


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    plan = factory.SubFactory(YearPlanFactory)
    code = factory.Sequence(lambda n: f"TC{n + 1}")
    name = factory.Sequence(lambda n: f"Tiêu chí phát triển đảng viên mới số {n + 1}")
    measure = MeasureKind.NUMBER
    measure_unit = "người"


class PledgeFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    keep_up = staticmethod(upkeep.pledge_changed)

    plan = factory.SubFactory(YearPlanFactory)
    unit = factory.SubFactory(UnitFactory)
    state = ReviewState.ACCEPTED
    submitted_at = factory.LazyAttribute(lambda o: at(datetime.date(o.plan.year, 3, 1)))
    aimed_title = "Tập thể lao động xuất sắc"


class PledgeTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PledgeTarget

    pledge = factory.SubFactory(PledgeFactory)
    criterion = factory.SubFactory(CriterionFactory)
    value = Decimal("10")


class CovenantFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = Covenant

    keep_up = staticmethod(upkeep.covenant_changed)

    plan = factory.SubFactory(YearPlanFactory)
    cluster = factory.SubFactory(ClusterFactory)
    lead_unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Giao ước thi đua cụm số {n}")
    text = "Các đơn vị cam kết thi đua hoàn thành xuất sắc nhiệm vụ."
    state = CovenantState.OPEN


class CovenantSignatureFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = CovenantSignature

    @staticmethod
    def keep_up(signature):
        upkeep.covenant_changed(signature.covenant)

    covenant = factory.SubFactory(CovenantFactory)
    unit = factory.SubFactory(UnitFactory)
    signed_by = factory.SubFactory(UserFactory)


class ResultReportFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = ResultReport

    keep_up = staticmethod(upkeep.result_changed)

    pledge = factory.SubFactory(PledgeFactory)
    plan = factory.LazyAttribute(lambda o: o.pledge.plan)
    unit = factory.LazyAttribute(lambda o: o.pledge.unit)
    period = ReportingPeriod.YEAR_END
    state = ReviewState.ACCEPTED
    submitted_at = factory.LazyAttribute(
        lambda o: at(
            datetime.date(o.plan.year, 7, 10)
            if o.period == ReportingPeriod.SIX_MONTH
            else datetime.date(o.plan.year, 11, 20)
        )
    )
    completion = Decimal("100")
    score = Decimal("80")


class ResultValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultValue

    report = factory.SubFactory(ResultReportFactory)
    criterion = factory.SubFactory(CriterionFactory)
    achieved = Decimal("10")
    completion = Decimal("100")


class ExemplarFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = Exemplar

    @staticmethod
    def keep_up(exemplar):
        upkeep.queue_changed()

    unit = factory.SubFactory(UnitFactory)
    kind = ExemplarKind.EXEMPLAR
    title = factory.Sequence(lambda n: f"Gương điển hình số {n}")
    summary = "Tận tụy, sáng tạo trong công tác."
    state = ExemplarState.PROPOSED


class InitiativeFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    @staticmethod
    def keep_up(initiative):
        upkeep.queue_changed()

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Sáng kiến cải tiến quy trình số {n}")
    description = "Rút ngắn thời gian xử lý hồ sơ."
    state = InitiativeState.PROPOSED


def demo_profile():
    profile = OrganizationProfile.objects.order_by("pk").first() or OrganizationProfile()
    profile.superior_body = "ĐẢNG BỘ TỈNH HÀ TĨNH"
    profile.issuing_body = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH"
    profile.short_name = "Đảng ủy Khối"
    profile.place = "Hà Tĩnh"
    profile.number_suffix = "ĐUK"
    profile.signing_on_behalf = "T/M BAN THƯỜNG VỤ"
    profile.signer_position = "BÍ THƯ"
    profile.signer_name = "Nguyễn Đình Hải"
    profile.recipients = "Ban Tuyên giáo Tỉnh ủy (để b/c),\nCác đảng ủy, chi ủy cơ sở,\nLưu VP Đảng ủy Khối."
    profile.save()
    return profile


SECTORS = [UnitSector.AGENCY, UnitSector.PUBLIC_SERVICE, UnitSector.ENTERPRISE]
LEVELS = [UnitLevel.GRASSROOTS_COMMITTEE, UnitLevel.GRASSROOTS_CELL]


@dataclass
class World:
    year: int
    units: list
    clusters: list
    term: object
    plan: object
    previous_plan: object
    movements: list
    criteria: list
    pledges: dict = field(default_factory=dict)  # unit pk -> pledge of the year
    previous_pledges: dict = field(default_factory=dict)
    results: list = field(default_factory=list)  # ResultReport of the year and the previous year
    values: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    signatures: list = field(default_factory=list)
    exemplars: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    other_units: list = field(default_factory=list)  # sub-cells and inactive units: never counted as filers
    covenants: list = field(default_factory=list)
    signer: object = None


def build_world(n_units=6, year=2026):
    """A Bloc of ``n_units`` grassroots units in two clusters, with pledges, covenants, results and more.

    The pattern is deterministic from the unit's index, so a test can count what it expects by hand.
    """
    clusters = [ClusterFactory(name=f"Cụm thi đua số {k} – Khối Nội chính") for k in (1, 2)]
    inactive = UnitFactory(name="Đảng bộ đã giải thể", is_active=False, cluster=clusters[1])
    term = TermFactory(name="2022-2026", start_year=year - 4, end_year=year)
    movements = [
        MovementFactory(term=term, number=k, name=f"Phong trào số {k}: “Học tập và làm theo”") for k in (1, 2, 3)
    ]
    plan = YearPlanFactory(term=term, year=year)
    previous_plan = YearPlanFactory(term=term, year=year - 1)
    plan.movements.set(movements)
    previous_plan.movements.set(movements[:2])
    criteria = [
        CriterionFactory(plan=plan, code="TC1", name="Kết nạp đảng viên mới", order=1),
        CriterionFactory(plan=plan, code="TC2", name="Mô hình “Dân vận khéo”", order=2),
    ]
    world = World(year, [], clusters, term, plan, previous_plan, movements, criteria, other_units=[inactive])
    add_units(world, n_units)
    sub_cell = UnitFactory(
        name="Chi bộ Phòng Ngân sách", parent=world.units[0], level=UnitLevel.SUB_CELL, cluster=clusters[0]
    )
    world.other_units.insert(0, sub_cell)
    # Exemplars and initiatives of the sub-cell count for the Bloc (they are not filers, but they act).
    world.exemplars.append(ExemplarFactory(unit=sub_cell, kind=ExemplarKind.GOOD_DEED, state=ExemplarState.PUBLISHED))
    _set_created(world.exemplars[-1], datetime.date(year, 5, 5))
    return world


def add_units(world, n_units):
    """Add grassroots units, each with the records its index calls for (the first two lead the clusters)."""
    if world.signer is None:
        world.signer = UserFactory()
    for _ in range(n_units):
        i = len(world.units)
        unit = UnitFactory(
            name=f"Đảng bộ Sở Tài chính số {i}",
            cluster=world.clusters[i % 2],
            sector=SECTORS[i % 3],
            level=LEVELS[i % 2],
        )
        world.units.append(unit)
        if len(world.covenants) < len(world.clusters):
            cluster = world.clusters[len(world.covenants)]
            world.covenants.append(CovenantFactory(plan=world.plan, cluster=cluster, lead_unit=unit))
        _unit_records(world, i, unit, world.covenants, world.signer)


def _set_created(obj, date):
    type(obj).objects.filter(pk=obj.pk).update(created_at=at(date))
    obj.refresh_from_db()


def _unit_records(world, i, unit, covenants, signer):
    year = world.year
    if i % 4 != 3:  # every fourth unit never pledges
        pledge = PledgeFactory(
            plan=world.plan,
            unit=unit,
            state=ReviewState.ACCEPTED if i % 2 == 0 else ReviewState.SUBMITTED,
            submitted_at=at(datetime.date(year, 3, 1 + i % 28)),
            is_late=i == 2,
        )
        pledge.movements.set(world.movements[: 1 + i % 3])
        world.pledges[unit.pk] = pledge
        for k, criterion in enumerate(world.criteria):
            world.targets.append(
                PledgeTargetFactory(pledge=pledge, criterion=criterion, value=Decimal(10 * (i + 1) + k))
            )
        if i % 4 != 2:  # every fourth (offset 2) unit pledged but never reports
            for period, completion in ((ReportingPeriod.SIX_MONTH, 40 + i), (ReportingPeriod.YEAR_END, 60 + 7 * i)):
                result = ResultReportFactory(
                    pledge=pledge,
                    period=period,
                    state=ReviewState.ACCEPTED if i % 5 != 4 else ReviewState.SUBMITTED,
                    completion=Decimal(completion),
                    score=Decimal(50 + (i * 13) % 47),
                    is_late=period == ReportingPeriod.YEAR_END and i == 5,
                )
                world.results.append(result)
                for k, criterion in enumerate(world.criteria):
                    world.values.append(
                        ResultValueFactory(
                            report=result,
                            criterion=criterion,
                            achieved=Decimal(5 * (i + 1) + k),
                            completion=Decimal(70 + 11 * i + 20 * k),
                        )
                    )
    if i % 3 != 1:
        signature = CovenantSignatureFactory(covenant=covenants[i % 2], unit=unit, signed_by=signer)
        CovenantSignature.objects.filter(pk=signature.pk).update(signed_at=at(datetime.date(year, 4, 15)))
        signature.refresh_from_db()
        world.signatures.append(signature)
    if i % 2 == 0:  # the previous year: every other unit pledged and reported
        previous = PledgeFactory(plan=world.previous_plan, unit=unit, submitted_at=at(datetime.date(year - 1, 3, 2)))
        world.previous_pledges[unit.pk] = previous
        world.results.append(ResultReportFactory(pledge=previous, completion=Decimal(45), score=Decimal(40)))
    exemplar = ExemplarFactory(
        unit=unit, kind=list(ExemplarKind.values)[i % 5], state=list(ExemplarState.values)[i % 4]
    )
    _set_created(exemplar, datetime.date(year, 1 + i % 12, 10))
    world.exemplars.append(exemplar)
    if i % 3 == 0:
        world.initiatives.append(
            InitiativeFactory(
                unit=unit,
                state=InitiativeState.RECOGNIZED,
                recognition_level=list(RecognitionLevel.values)[i % 4],
                recognized_on=datetime.date(year, 2 + i % 10, 1),
            )
        )
    elif i % 3 == 1:
        world.initiatives.append(InitiativeFactory(unit=unit))
