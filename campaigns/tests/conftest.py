import pytest

from emulation.tests.factories import UnitFactory, office_user, secretary_of

from .factories import plan_with_criteria


@pytest.fixture
def plan(db):
    return plan_with_criteria()


@pytest.fixture
def unit(db):
    return UnitFactory(name="Đảng bộ Sở Tài chính")


@pytest.fixture
def other_unit(db):
    """A unit of another cluster, so nothing of the first unit's cluster is its business either."""
    return UnitFactory(name="Đảng bộ Sở Kế hoạch")


@pytest.fixture
def secretary(unit):
    return secretary_of(unit, username="bithu1")


@pytest.fixture
def other_secretary(other_unit):
    return secretary_of(other_unit, username="bithu2")


@pytest.fixture
def office(db):
    return office_user(username="vanphong")


def login(client, user):
    client.force_login(user)
    return client
