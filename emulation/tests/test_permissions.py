"""The core's permission matrix: each role against its own unit's data and another unit's."""

import pytest

from emulation.enums import Role
from emulation.selectors import visible_units
from emulation.tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES_READING_EVERY_UNIT = [
    Role.OFFICE,
    Role.STANDING,
    Role.COUNCIL,
    Role.PROPAGANDA,
    Role.ORGANIZATION,
    Role.INSPECTION,
]


@pytest.fixture
def units():
    own = UnitFactory(name="Đảng bộ Sở Tài chính")
    sub = UnitFactory(name="Chi bộ Phòng Ngân sách", parent=own, cluster=own.cluster)
    other = UnitFactory(name="Đảng bộ Sở Kế hoạch và Đầu tư")
    return own, sub, other


@pytest.mark.parametrize("role", ROLES_READING_EVERY_UNIT)
def test_bloc_wide_roles_read_every_unit_and_person(units, role):
    own, sub, other = units
    user = UserFactory(roles=[(role, None)])
    for unit in units:
        assert user.has_perm("emulation.view_unit", unit)
        assert user.has_perm("emulation.view_person", PersonFactory(unit=unit))
    assert set(visible_units(user)) >= set(units)


@pytest.mark.parametrize("role", [Role.STANDING, Role.COUNCIL, Role.PROPAGANDA, Role.ORGANIZATION, Role.INSPECTION])
def test_only_the_office_configures_and_reads_the_audit_log(units, role):
    user = UserFactory(roles=[(role, None)])
    office = UserFactory(roles=[(Role.OFFICE, None)])
    assert not user.has_perm("emulation.configure")
    assert not user.has_perm("emulation.view_audit")
    assert not user.has_perm("emulation.manage_people", units[0])
    assert office.has_perm("emulation.configure")
    assert office.has_perm("emulation.view_audit")
    assert office.has_perm("emulation.manage_people", units[2])


def test_secretary_reaches_own_unit_and_sub_units_only(units):
    own, sub, other = units
    secretary = UserFactory(roles=[(Role.SECRETARY, own)])
    assert secretary.has_perm("emulation.view_unit", own)
    assert secretary.has_perm("emulation.view_unit", sub)
    assert secretary.has_perm("emulation.manage_people", sub)
    assert not secretary.has_perm("emulation.view_unit", other)
    assert not secretary.has_perm("emulation.view_person", PersonFactory(unit=other))
    assert not secretary.has_perm("emulation.manage_people", other)
    assert not secretary.has_perm("emulation.configure")
    assert set(visible_units(secretary)) == {own, sub}


def test_secretary_of_a_sub_unit_does_not_reach_the_parent(units):
    own, sub, other = units
    secretary = UserFactory(roles=[(Role.SECRETARY, sub)])
    assert not secretary.has_perm("emulation.view_unit", own)
    assert set(visible_units(secretary)) == {sub}


def test_a_user_may_hold_several_roles(units):
    own, sub, other = units
    user = UserFactory(roles=[(Role.SECRETARY, own), (Role.COUNCIL, None)])
    assert user.has_perm("emulation.manage_people", own)
    assert not user.has_perm("emulation.manage_people", other)
    assert user.has_perm("emulation.view_unit", other)  # as a council member


def test_user_without_role_sees_nothing(units):
    user = UserFactory()
    assert not visible_units(user).exists()
    assert not user.has_perm("emulation.view_unit", units[0])
    assert not user.has_perm("emulation.list_units")


def test_inactive_user_loses_every_right(units):
    user = UserFactory(roles=[(Role.OFFICE, None)], is_active=False)
    assert not user.has_perm("emulation.configure")


class TestPagesOfAnotherUnit:
    """A secretary who opens another unit's object by URL gets 403, never the data."""

    def test_unit_and_person_pages_refuse_other_units_secretary(self, client, units):
        own, sub, other = units
        stranger = PersonFactory(unit=other, full_name="Trần Văn Bí Mật")
        client.force_login(UserFactory(roles=[(Role.SECRETARY, own)]))
        for url in [
            other.get_absolute_url(),
            stranger.get_absolute_url(),
            f"/ca-nhan/{stranger.pk}/sua/",
            f"/don-vi/{other.pk}/them-ca-nhan/",
        ]:
            response = client.get(url)
            assert response.status_code == 403, url
            assert "Trần Văn Bí Mật" not in response.content.decode()
        response = client.post(f"/ca-nhan/{stranger.pk}/sua/", {"full_name": "Đổi tên"})
        assert response.status_code == 403
        stranger.refresh_from_db()
        assert stranger.full_name == "Trần Văn Bí Mật"

    def test_lists_show_only_own_units_to_a_secretary(self, client, units):
        own, sub, other = units
        PersonFactory(unit=other, full_name="Trần Văn Bí Mật")
        PersonFactory(unit=sub, full_name="Lê Thị Của Mình")
        client.force_login(UserFactory(roles=[(Role.SECRETARY, own)]))
        units_page = client.get("/don-vi/").content.decode()
        assert own.name in units_page and sub.name in units_page
        assert other.name not in units_page
        people_page = client.get("/ca-nhan/").content.decode()
        assert "Lê Thị Của Mình" in people_page
        assert "Trần Văn Bí Mật" not in people_page

    def test_cluster_page_lists_only_visible_units(self, client, units):
        own, sub, other = units
        other.cluster = own.cluster
        other.save()
        client.force_login(UserFactory(roles=[(Role.SECRETARY, own)]))
        page = client.get(own.cluster.get_absolute_url()).content.decode()
        assert own.name in page
        assert other.name not in page

    def test_audit_log_is_for_the_office_only(self, client, units):
        client.force_login(UserFactory(roles=[(Role.SECRETARY, units[0])]))
        assert client.get("/nhat-ky/").status_code == 403
        client.force_login(UserFactory(roles=[(Role.OFFICE, None)]))
        assert client.get("/nhat-ky/").status_code == 200


def test_a_unit_page_links_its_parent_only_for_those_who_may_open_it(units, client):
    own, sub, other = units
    client.force_login(UserFactory(roles=[(Role.SECRETARY, sub)]))
    page = client.get(sub.get_absolute_url()).content.decode()
    assert own.name in page and own.get_absolute_url() not in page  # named, not a link to a 403
    assert client.get(own.get_absolute_url()).status_code == 403

    client.force_login(UserFactory(roles=[(Role.OFFICE, None)]))
    assert own.get_absolute_url() in client.get(sub.get_absolute_url()).content.decode()
