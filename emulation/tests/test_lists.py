"""The organization lists an Office clerk filters: clusters with their unit counts, units by cluster."""

import pytest
from django.urls import reverse

from emulation.enums import Role
from emulation.tests.factories import ClusterFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    user = UserFactory(roles=[(Role.OFFICE, None)])
    client.force_login(user)
    return user


def test_each_cluster_shows_how_many_units_it_has(client, office):
    busy, empty = ClusterFactory(name="Cụm các sở"), ClusterFactory(name="Cụm trống")
    UnitFactory.create_batch(3, cluster=busy)

    rows = {row.name: row.unit_count for row in client.get(reverse("cluster_list")).context["page"]}

    assert rows[busy.name] == 3
    assert rows[empty.name] == 0


def test_a_renamed_or_new_cluster_shows_in_the_unit_filter_at_once(client, office):
    cluster = ClusterFactory(name="Cụm thi đua cũ")
    assert "Cụm thi đua cũ" in client.get(reverse("unit_list")).content.decode()

    cluster.name = "Cụm thi đua mới"
    cluster.save()
    ClusterFactory(name="Cụm doanh nghiệp")
    page = client.get(reverse("unit_list")).content.decode()

    assert "Cụm thi đua mới" in page
    assert "Cụm doanh nghiệp" in page
    assert "Cụm thi đua cũ" not in page


def test_a_wrong_filter_value_is_marked_on_its_field_and_the_list_is_not_filtered(client, office):
    UnitFactory(name="Đảng bộ Sở Xây dựng")

    page = client.get(reverse("unit_list"), {"sector": "khong-co"}).content.decode()

    assert 'class="form-select is-invalid"' in page
    assert "invalid-feedback" in page
    assert "Đảng bộ Sở Xây dựng" in page
