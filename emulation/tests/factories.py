"""Factories for the core's objects; the other apps' tests build on them."""

import factory
from django.contrib.auth.models import User

from emulation import upkeep
from emulation.enums import PersonType, Role, UnitLevel, UnitSector
from emulation.models import Cluster, Person, RoleAssignment, Unit
from emulation.services import save_cluster, save_unit


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    code = factory.Sequence(lambda n: f"cum-{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return save_cluster(cluster=model_class(*args, **kwargs))  # as the admin does: the apps follow


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đảng bộ Sở số {n}")
    code = factory.Sequence(lambda n: f"don-vi-{n}")
    level = UnitLevel.GRASSROOTS_COMMITTEE
    sector = UnitSector.AGENCY
    cluster = factory.SubFactory(ClusterFactory)
    parent = factory.LazyFunction(
        lambda: (
            Unit.objects.filter(level=UnitLevel.BLOC).first()
            or Unit.objects.create(name="Đảng bộ Khối", code="khoi", level=UnitLevel.BLOC, sector=UnitSector.PARTY)
        )
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return save_unit(unit=model_class(*args, **kwargs))  # as the admin does: the apps follow


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thứ {n}")
    unit = factory.SubFactory(UnitFactory)
    person_type = PersonType.CIVIL_SERVANT
    is_party_member = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        person = super()._create(model_class, *args, **kwargs)
        upkeep.person_changed()  # as save_person does: the core's cached counts follow
        return person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Hà"
    last_name = "Trần Thị"
    password = factory.PostGenerationMethodCall("set_password", "Mật-khẩu-2025")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        for role, unit in extracted or []:
            RoleAssignment.objects.create(user=self, role=role, unit=unit)


def office_user(**kwargs):
    return UserFactory(roles=[(Role.OFFICE, None)], **kwargs)


def secretary_of(unit, **kwargs):
    return UserFactory(roles=[(Role.SECRETARY, unit)], **kwargs)


def council_member(**kwargs):
    return UserFactory(roles=[(Role.COUNCIL, None)], **kwargs)


def standing_member(**kwargs):
    return UserFactory(roles=[(Role.STANDING, None)], **kwargs)


def propaganda_user(**kwargs):
    return UserFactory(roles=[(Role.PROPAGANDA, None)], **kwargs)
