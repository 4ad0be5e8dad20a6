"""Factories for the awards app, on top of the core's; the catalog itself comes from the data migration."""

import datetime

import factory
from django.utils import timezone

from awards import upkeep as awards_upkeep
from awards.enums import RecordSource, RoundKind
from awards.models import Award, AwardRecord, DisciplineRecord, PersonRating, Proposal, Round, UnitRating
from campaigns import upkeep
from campaigns.enums import InitiativeState, RecognitionLevel
from campaigns.models import Initiative
from campaigns.tests.factories import Upkept
from emulation.tests.factories import PersonFactory, UnitFactory


def award(code):
    return Award.objects.get(code=code)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Đợt xét khen thưởng số {n}")
    kind = RoundKind.ANNUAL
    year = 2025
    submission_deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))

    @factory.post_generation
    def awards(self, create, extracted, **kwargs):
        codes = extracted or [
            "chien-si-thi-dua-cap-tinh",
            "chien-si-thi-dua-co-so",
            "tap-the-lao-dong-tien-tien",
            "tap-the-lao-dong-xuat-sac",
            "giay-khen-ca-nhan",
        ]
        self.awards.set(Award.objects.filter(code__in=codes))


class ProposalFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    keep_up = staticmethod(awards_upkeep.proposal_added)

    round = factory.SubFactory(RoundFactory)
    unit = factory.SubFactory(UnitFactory)


class AwardRecordFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    @staticmethod
    def keep_up(record):
        awards_upkeep.records_changed()

    person = factory.SubFactory(PersonFactory)
    award = factory.LazyFunction(lambda: award("lao-dong-tien-tien"))
    year = 2025
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-ĐV")
    source = RecordSource.IMPORTED


class PersonRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonRating

    person = factory.SubFactory(PersonFactory)
    year = 2025
    rating = 3
    months_worked = 12


class UnitRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitRating

    unit = factory.SubFactory(UnitFactory)
    year = 2025
    rating = 4


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplineRecord

    person = factory.SubFactory(PersonFactory)
    year = 2025
    level = 2


class InitiativeFactory(Upkept, factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    @staticmethod
    def keep_up(initiative):
        upkeep.queue_changed()

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
    description = "Cải tiến quy trình."
    state = InitiativeState.RECOGNIZED
    recognition_level = RecognitionLevel.PROVINCE
    recognized_on = datetime.date(2024, 6, 1)
    decision_number = "215/QĐ-HĐSK"

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for person in extracted or []:
            self.authors.add(person)


def give(person_or_unit, code, *years):
    """Award records for a person or a unit: give(person, "chien-si-thi-dua-co-so", 2023, 2024, 2025)."""
    key = "person" if hasattr(person_or_unit, "full_name") else "unit"
    other = "unit" if key == "person" else "person"
    return [AwardRecordFactory(**{key: person_or_unit, other: None}, award=award(code), year=year) for year in years]
