"""Cluster covenants: the lead unit drafts and opens, every member unit signs, the Office sees who has signed."""

import pytest
from django.urls import reverse

from campaigns import upkeep
from campaigns.enums import CovenantState
from campaigns.models import Covenant, CovenantSignature
from emulation.services import save_cluster
from emulation.tests.factories import UnitFactory, secretary_of

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_units(unit):
    unit.cluster.lead_unit = unit
    unit.cluster.save()
    return [unit, UnitFactory(cluster=unit.cluster, name="Đảng bộ Sở Nội vụ")]


def test_lead_unit_drafts_opens_members_sign_and_office_sees_signatures(client, plan, cluster_units, secretary, office):
    lead, member = cluster_units
    member_secretary = secretary_of(member)
    login(client, secretary)
    url = reverse("campaigns:covenant_create", args=[plan.pk, lead.cluster.pk])
    criterion = plan.criteria.first()
    response = client.post(
        url, {"title": "Giao ước thi đua cụm 1", "text": "Cùng thi đua.", "criteria": [criterion.pk]}
    )
    covenant = Covenant.objects.get()
    assert response.status_code == 302 and covenant.lead_unit == lead and list(covenant.criteria.all()) == [criterion]

    login(client, member_secretary)
    assert client.post(reverse("campaigns:covenant_open", args=[covenant.pk])).status_code == 403
    login(client, secretary)
    client.post(reverse("campaigns:covenant_open", args=[covenant.pk]))
    covenant.refresh_from_db()
    assert covenant.state == CovenantState.OPEN

    client.post(reverse("campaigns:covenant_sign", args=[covenant.pk]), {"unit": lead.pk})
    login(client, member_secretary)
    client.post(reverse("campaigns:covenant_sign", args=[covenant.pk]), {"unit": member.pk})
    assert set(CovenantSignature.objects.values_list("unit", flat=True)) == {lead.pk, member.pk}
    covenant.refresh_from_db()
    assert covenant.state == CovenantState.CLOSED

    login(client, office)
    page = client.get(covenant.get_absolute_url()).content.decode()
    assert "Đảng bộ Sở Nội vụ" in page and "Chưa ký" not in page
    for label in ("Soạn dự thảo giao ước", "Mở ký giao ước", "Đơn vị ký giao ước", "Các đơn vị đã ký đủ"):
        assert label in page
    page = client.get(reverse("campaigns:plan_tracking", args=[plan.pk])).content.decode()
    assert "Đã ký" in page


def test_a_member_that_is_not_the_lead_cannot_draft(client, plan, cluster_units):
    _lead, member = cluster_units
    login(client, secretary_of(member))
    response = client.post(
        reverse("campaigns:covenant_create", args=[plan.pk, member.cluster.pk]), {"title": "x", "text": "y"}
    )
    assert response.status_code == 403
    assert not Covenant.objects.exists()


def test_a_unit_signs_only_once_and_only_its_own_cluster(client, plan, cluster_units, secretary, other_secretary):
    lead, _member = cluster_units
    covenant = Covenant.objects.create(
        plan=plan, cluster=lead.cluster, lead_unit=lead, title="G", text="T", state="open"
    )
    login(client, secretary)
    client.post(reverse("campaigns:covenant_sign", args=[covenant.pk]), {"unit": lead.pk})
    client.post(reverse("campaigns:covenant_sign", args=[covenant.pk]), {"unit": lead.pk})
    assert CovenantSignature.objects.count() == 1
    login(client, other_secretary)
    assert client.post(reverse("campaigns:covenant_sign", args=[covenant.pk]), {"unit": lead.pk}).status_code == 403
    assert client.get(covenant.get_absolute_url()).status_code == 403


def test_plan_page_shows_the_first_covenants_and_links_to_all_of_the_plan(client, plan, office):
    from campaigns.views.plans import COVENANTS_SHOWN

    from .factories import PlanFactory

    other_plan = PlanFactory()
    units = [UnitFactory(name=f"Đảng bộ số {i:02d}") for i in range(COVENANTS_SHOWN + 3)]
    for i, unit in enumerate(units):
        Covenant.objects.create(plan=plan, cluster=unit.cluster, lead_unit=unit, title=f"Giao ước {i:02d}", text="…")
    Covenant.objects.create(plan=other_plan, cluster=units[0].cluster, lead_unit=units[0], title="Năm khác", text="…")
    login(client, office)

    response = client.get(reverse("campaigns:plan_detail", args=[plan.pk]))

    assert len(response.context["covenants"]) == COVENANTS_SHOWN and response.context["covenant_total"] == 23
    link = f"{reverse('campaigns:covenant_list')}?plan={plan.pk}"
    assert (
        f"Xem tất cả {COVENANTS_SHOWN + 3} giao ước" in response.content.decode() and link in response.content.decode()
    )
    listed = client.get(link).context["page"]
    assert listed.paginator.count == COVENANTS_SHOWN + 3 and "Năm khác" not in [c.title for c in listed]


def test_covenant_list_pages_keep_the_year_then_cluster_order_and_follow_changes(client, plan, office):
    from emulation.tests.factories import ClusterFactory

    from .factories import PlanFactory

    later = PlanFactory(year=plan.year + 1)
    for i, name in enumerate(["Cụm C", "Cụm A", "Cụm B"] * 10):
        unit = UnitFactory(cluster=ClusterFactory(name=f"{name} {i:02d}"))
        Covenant.objects.create(
            plan=plan if i % 2 else later, cluster=unit.cluster, lead_unit=unit, title=f"G{i}", text="…"
        )
    login(client, office)
    url = reverse("campaigns:covenant_list")

    rows = [c for n in (1, 2) for c in client.get(url, {"page": n}).context["page"]]

    assert [(c.plan.year, c.cluster.name) for c in rows] == sorted(
        ((c.plan.year, c.cluster.name) for c in rows), key=lambda r: (-r[0], r[1])
    )
    assert len(rows) == 30 and rows[0].plan == later
    renamed = rows[-1].cluster
    renamed.name = "Cụm 0 đầu tiên"
    save_cluster(cluster=renamed)  # as the admin does
    assert client.get(url, {"page": 1}).context["page"][15].cluster.name == "Cụm 0 đầu tiên"


def test_plan_page_covenant_counts_follow_a_new_signature(client, plan, office):
    unit = UnitFactory()
    covenant = Covenant.objects.create(plan=plan, cluster=unit.cluster, lead_unit=unit, title="G", text="…")
    login(client, office)
    url = reverse("campaigns:plan_detail", args=[plan.pk])
    assert "0/1 đơn vị đã ký" in client.get(url).content.decode()

    CovenantSignature.objects.create(covenant=covenant, unit=unit, signed_by=office)
    upkeep.covenant_changed(covenant)  # what every writer calls after its write

    assert "1/1 đơn vị đã ký" in client.get(url).content.decode()


def test_covenant_member_table_is_cached_yet_shows_a_new_signature(client, plan, office):
    unit = UnitFactory(name="Đảng bộ Ký sau")
    covenant = Covenant.objects.create(plan=plan, cluster=unit.cluster, lead_unit=unit, title="G", text="…")
    login(client, office)
    assert "Chưa ký" in client.get(covenant.get_absolute_url()).content.decode()

    CovenantSignature.objects.create(covenant=covenant, unit=unit, signed_by=office)
    upkeep.covenant_changed(covenant)  # what every writer calls after its write

    assert "Chưa ký" not in client.get(covenant.get_absolute_url()).content.decode()
