"""The organization lists an Office clerk filters: clusters with their unit counts, units by cluster."""

import pytest
from django.urls import reverse

from emulation.enums import PersonType, Role
from emulation.services import delete_cluster, save_person, save_unit
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


def test_a_unit_with_many_sub_units_shows_the_first_and_links_to_all_of_them(client, office):
    parent = UnitFactory(name="Đảng bộ Tập đoàn")
    UnitFactory.create_batch(35, parent=parent)
    UnitFactory(name="Chi bộ nơi khác")

    page = client.get(parent.get_absolute_url())
    assert len(page.context["children"]) == 30
    assert page.context["more_children"]
    link = f"{reverse('unit_list')}?parent={parent.pk}"
    assert link in page.content.decode()

    listed = client.get(link)
    assert {u.parent_id for u in listed.context["page"]} == {parent.pk}
    assert listed.context["page"].paginator.count == 35
    assert "Đảng bộ Tập đoàn" in listed.content.decode()


def test_a_secretary_cannot_learn_another_units_name_through_the_parent_filter(client):
    own, other = UnitFactory(), UnitFactory(name="Đảng bộ Sở Nội vụ")
    UnitFactory(parent=other)
    client.force_login(UserFactory(roles=[(Role.SECRETARY, own)]))

    page = client.get(reverse("unit_list"), {"parent": other.pk})

    assert page.status_code == 200
    assert "Đảng bộ Sở Nội vụ" not in page.content.decode()
    assert len(page.context["page"]) == 0


def test_list_counts_are_cached_until_the_organization_changes(client, office):
    from emulation.tests.factories import PersonFactory

    unit = UnitFactory()
    PersonFactory.create_batch(3, unit=unit)
    assert client.get(reverse("person_list")).context["page"].paginator.count == 3

    PersonFactory(unit=unit)
    assert client.get(reverse("person_list")).context["page"].paginator.count == 4

    person = unit.people.first()
    person.is_active = False  # people are deactivated, never deleted
    save_person(person=person, by=office)
    assert client.get(reverse("person_list")).context["page"].paginator.count == 3


def test_the_offices_overview_and_the_clusters_follow_the_services(client, office):
    from django.contrib import admin

    from emulation.models import Cluster, Person
    from emulation.selectors import cluster_choices, organization_overview

    unit = UnitFactory()
    assert organization_overview()["people"] == 0  # counted, then cached
    save_person(person=Person(unit=unit, full_name="Trần Văn Mới", person_type=PersonType.CIVIL_SERVANT), by=office)
    assert organization_overview()["people"] == 1
    person = Person.objects.get(full_name="Trần Văn Mới")
    person.is_active = False
    admin.site._registry[Person].save_model(None, person, None, True)  # the admin keeps it up too
    assert organization_overview()["people"] == 0
    clusters = organization_overview()["clusters"]
    assert [name for _pk, name in cluster_choices()] == list(
        Cluster.objects.order_by("name").values_list("name", flat=True)
    )
    cluster = ClusterFactory(name="Cụm thi đua mới")  # through save_cluster, as the admin
    assert organization_overview()["clusters"] == clusters + 1
    assert (cluster.pk, "Cụm thi đua mới") in cluster_choices()
    delete_cluster(cluster=cluster)
    assert organization_overview()["clusters"] == clusters
    assert (cluster.pk, "Cụm thi đua mới") not in cluster_choices()
    unit.is_active = False
    sector = unit.sector
    before = organization_overview()["by_sector"].get(sector, 0)
    save_unit(unit=unit)
    assert organization_overview()["by_sector"].get(sector, 0) == before - 1


def test_no_core_receiver_of_a_model_signal_is_connected():
    """The core's cached counts are kept by its writers (emulation.upkeep), not by receivers of model signals; the
    receivers of Django's login signals (the audit log) are not upkeep and stay."""
    import weakref

    from django.db.models import signals

    for signal in (signals.pre_save, signals.post_save, signals.pre_delete, signals.post_delete):
        # Each entry holds the receiver after its lookup key, weakly unless connected with weak=False.
        live = [r() if isinstance(r, weakref.ReferenceType) else r for _key, r, *_ in signal.receivers]
        assert not [r for r in live if r is not None and getattr(r, "__module__", "").startswith("emulation")]


def test_a_secretary_and_the_office_do_not_share_a_cached_count(client):
    from emulation.tests.factories import PersonFactory

    own, other = UnitFactory(), UnitFactory()
    PersonFactory.create_batch(2, unit=own)
    PersonFactory.create_batch(5, unit=other)
    client.force_login(UserFactory(roles=[(Role.OFFICE, None)]))
    assert client.get(reverse("person_list")).context["page"].paginator.count == 7

    client.force_login(UserFactory(roles=[(Role.SECRETARY, own)]))
    assert client.get(reverse("person_list")).context["page"].paginator.count == 2


def test_a_list_seen_again_without_changes_is_not_counted_again(client, office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    UnitFactory.create_batch(3)
    first = client.get(reverse("unit_list")).context["page"].paginator.count
    with CaptureQueriesContext(connection) as again:
        assert client.get(reverse("unit_list")).context["page"].paginator.count == first
    assert not [q for q in again.captured_queries if "COUNT(*) FROM (SELECT" in q["sql"]]


def test_a_secretarys_home_counts_his_units_people_and_sub_units_apart(client):
    from emulation.tests.factories import PersonFactory

    own = UnitFactory(name="Đảng bộ Sở Tài chính")
    UnitFactory.create_batch(3, parent=own)
    PersonFactory.create_batch(4, unit=own)
    PersonFactory(unit=own, is_active=False)
    client.force_login(UserFactory(roles=[(Role.SECRETARY, own)]))

    panel = next(p for p in client.get(reverse("home")).context["panels"] if "own_units" in p["context"])
    (unit,) = panel["context"]["own_units"]

    assert (unit.people_count, unit.child_count) == (4, 3)


def test_the_audit_log_shows_who_did_what_to_which_unit_when_in_local_time(client, office):
    import datetime

    from emulation.models import AuditEntry
    from emulation.services import log_action

    unit = UnitFactory(name="Đảng bộ Sở Y tế")
    log_action(actor=office, action="person.create", obj=unit, unit=unit, comment="<script>x</script>")
    AuditEntry.objects.filter(unit=unit).update(created_at=datetime.datetime(2026, 3, 1, 17, 30, tzinfo=datetime.UTC))

    page = client.get(reverse("audit_log")).content.decode()

    assert "02/03/2026 00:30:00" in page  # Asia/Ho_Chi_Minh is UTC+7
    assert office.username in page
    assert "Đảng bộ Sở Y tế" in page
    assert "<script>x" not in page


def test_a_fast_link_is_what_reverse_gives():
    from emulation.links import link

    for name in ("unit_detail", "person_detail", "cluster_detail"):
        assert link(name, 7) == reverse(name, args=[7])


def test_the_lists_have_one_paginator_class_in_the_core():
    """Bounded, known, cached counts and pages cut by ids are options of one paginator, not five subclasses."""
    import ast
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    found = []
    for app in ("emulation", "campaigns", "awards", "reports"):
        for path in (root / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef) and node.name.endswith("Paginator"):
                    found.append(f"{path.relative_to(root)}:{node.name}")
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Paginator":
                    found.append(f"{path.relative_to(root)}:{node.lineno}: Paginator(...)")
    assert found == ["emulation/views_mixins.py:ListPaginator"]


def test_the_paginator_bounds_a_count_takes_a_known_one_and_keeps_the_page_number_in_range(
    django_assert_num_queries,
):
    from emulation.models import Unit
    from emulation.views_mixins import COUNT_CAP, ListPaginator

    UnitFactory.create_batch(3)
    units = Unit.objects.order_by("pk")
    with django_assert_num_queries(0):
        known = ListPaginator(units, 2, count=COUNT_CAP + 5)
        assert known.count == COUNT_CAP + 5 and not known.capped
    counted = ListPaginator(units, 2)
    assert counted.count == units.count() and not counted.capped
    assert counted.shown_number("x") == 1 and counted.shown_number(99) == counted.num_pages
    by_ids = ListPaginator(units, 2, ids_first=True)
    assert list(by_ids.page(1)) == list(units[:2])
    assert list(ListPaginator(list(range(5)), 2).page_of_rows(["a"], 3)) == ["a"]
