"""The Office's pledge and result lists: newest plan first, then the unit tree, read from the rows' own sort keys."""

import re

import pytest
from django.urls import reverse

from campaigns import upkeep
from campaigns.enums import ReviewState
from campaigns.models import Pledge, ResultReport
from emulation.services import save_unit
from emulation.tests.factories import UnitFactory

from .conftest import login
from .factories import PledgeFactory, ResultFactory, plan_with_criteria

pytestmark = pytest.mark.django_db


def listed_names(client, url_name, **params):
    page = client.get(reverse(url_name), params).content.decode()
    return re.findall(r'<a href="/[^"]+/\d+/">([^<]+)</a>', page)


@pytest.fixture
def tree(db):
    """Two branches, created so that creation order, names and tree order all differ."""
    branch_b = UnitFactory(name="B Đảng bộ")
    branch_a = UnitFactory(name="A Đảng bộ")
    cell_b = UnitFactory(name="Z Chi bộ của B", parent=branch_b, level="cell")
    return {"a": branch_a, "b": branch_b, "cell_b": cell_b}


def test_office_lists_newest_plan_first_then_the_unit_tree(client, office, tree):
    old_plan = plan_with_criteria(year=2030)
    new_plan = plan_with_criteria(year=2031)
    # Sent pledges: the Office does not read drafts (campaigns.view_unit_record).
    for unit in (tree["cell_b"], tree["a"], tree["b"]):
        PledgeFactory(plan=old_plan, unit=unit, state=ReviewState.SUBMITTED)
    # bulk_create skips save(): the manager fills the keys all the same.
    Pledge.objects.bulk_create(
        Pledge(plan=new_plan, unit=unit, state=ReviewState.SUBMITTED) for unit in (tree["a"], tree["b"])
    )
    login(client, office)

    names = listed_names(client, "campaigns:pledge_list")

    # 2031 first; in each plan, B's subtree after the bloc's... by tree path: B (created first) then its cell, then A.
    assert names == ["B Đảng bộ", "A Đảng bộ", "B Đảng bộ", "Z Chi bộ của B", "A Đảng bộ"]
    assert listed_names(client, "campaigns:pledge_list", plan=old_plan.pk) == names[2:]


def test_moving_a_unit_carries_its_subtree_rows_to_the_new_place_in_the_lists(client, office, tree):
    plan = plan_with_criteria(year=2030)
    pledges = {key: PledgeFactory(plan=plan, unit=unit, state=ReviewState.ACCEPTED) for key, unit in tree.items()}
    result = ResultFactory(pledge=pledges["cell_b"])
    login(client, office)
    assert listed_names(client, "campaigns:pledge_list") == ["B Đảng bộ", "Z Chi bộ của B", "A Đảng bộ"]

    branch_b = tree["b"]
    branch_b.parent = tree["a"]
    save_unit(unit=branch_b)  # as the admin does

    tree["cell_b"].refresh_from_db()
    assert Pledge.objects.get(pk=pledges["cell_b"].pk).unit_path == tree["cell_b"].path
    assert ResultReport.objects.get(pk=result.pk).unit_path == tree["cell_b"].path
    assert listed_names(client, "campaigns:pledge_list") == ["A Đảng bộ", "B Đảng bộ", "Z Chi bộ của B"]


def test_a_plan_whose_year_is_corrected_moves_its_rows_in_the_lists(client, office, unit):
    plan = plan_with_criteria(year=2030)
    pledge = PledgeFactory(plan=plan, unit=unit, state=ReviewState.ACCEPTED)
    report = ResultFactory(pledge=pledge, state=ReviewState.SUBMITTED)

    plan.year = 2029
    plan.save()
    upkeep.plan_changed(plan)  # what the admin calls after its write

    assert Pledge.objects.get(pk=pledge.pk).plan_year == 2029
    assert ResultReport.objects.get(pk=report.pk).plan_year == 2029
    login(client, office)
    assert "<td>2029</td>" in client.get(reverse("campaigns:result_list")).content.decode()


def test_a_later_page_keeps_the_order_and_the_counts(client, office, tree):
    plan = plan_with_criteria(year=2030)
    units = [UnitFactory(name=f"Chi bộ {i:02d}", parent=tree["a"], level="cell") for i in range(30)]
    for unit in units:
        pledge = PledgeFactory(plan=plan, unit=unit, state=ReviewState.SUBMITTED)
        pledge.targets.create(criterion=plan.criteria.first(), value=1)
    login(client, office)

    pages = [client.get(reverse("campaigns:pledge_list"), {"page": n}).context["page"] for n in (1, 2)]

    listed = [p for page in pages for p in page]
    assert [p.unit.name for p in listed] == [u.name for u in sorted(units, key=lambda u: u.path)]
    assert len(pages[1]) == 5 and all(p.target_count == 1 for p in listed)


def test_rows_written_around_the_models_get_their_list_keys_back(office, unit):
    from campaigns.services.list_keys import refill_list_keys

    plan = plan_with_criteria(year=2030)
    pledge = PledgeFactory(plan=plan, unit=unit)
    report = ResultFactory(pledge=pledge)
    Pledge.objects.update(plan_year=0, unit_path="")  # as a bulk COPY of generated data leaves them
    ResultReport.objects.update(unit_path="")

    assert refill_list_keys() == 2
    pledge.refresh_from_db()
    report.refresh_from_db()
    assert (pledge.plan_year, pledge.unit_path) == (2030, unit.path) == (report.plan_year, report.unit_path)
    assert refill_list_keys() == 0
