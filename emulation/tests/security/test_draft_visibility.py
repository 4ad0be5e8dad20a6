"""A unit's filings follow one rule: a draft is the unit's alone, the roles that read every unit read it once sent
(issue 12, finding 8). Result reports and pledges here; dossiers in the matrix (awards.view_proposal) and below.
"""

import html

import pytest
from django.core.cache import cache
from django.urls import reverse

from campaigns.enums import ReviewState
from campaigns.models import Pledge, ResultReport
from emulation.enums import Role
from emulation.models import Unit
from emulation.tests.factories import UserFactory

from .inspect_responses import visible_text
from .matrix_table import READERS
from .test_authorization_matrix import client_for

OUTSIDERS = sorted(READERS | {"sec_b"})


def _unit_row(text, unit_name):
    """The tracking table's row of one unit (the page's HTML from the unit's name to the end of its row)."""
    start = text.index(unit_name)
    return text[start : text.index("</tr>", start)]


def _tracking_texts(client, plan, unit):
    page = client.get(reverse("campaigns:plan_tracking", kwargs={"pk": plan.pk}), {"cluster": unit.cluster_id})
    workbook = client.get(
        reverse("campaigns:tracking_export", kwargs={"pk": plan.pk, "kind": "bang"}), {"cluster": unit.cluster_id}
    )
    assert page.status_code == 200 and workbook.status_code == 200
    return html.unescape(page.content.decode()), visible_text(workbook)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_a_draft_result_report_is_the_units_until_it_is_sent(in_world, role):
    world = in_world
    cache.clear()
    report = world.objects["draft_result"]
    evidence = world.objects["draft_evidence"]
    detail = reverse("campaigns:result_detail", kwargs={"pk": report.pk})
    download = reverse("campaigns:evidence_download", kwargs={"pk": report.pk, "evidence_pk": evidence.pk})
    pledge_page = reverse("campaigns:pledge_detail", kwargs={"pk": report.pledge_id})
    listing = reverse("campaigns:result_list")
    filters = {"plan": report.plan_id, "period": report.period}
    client = client_for(world, role)
    owner = client_for(world, "sec_a")

    assert owner.get(detail).status_code == 200
    assert owner.get(download).status_code == 200
    assert detail in owner.get(listing, filters).content.decode()

    assert client.get(detail).status_code in (403, 404)
    assert client.get(download).status_code in (403, 404)
    assert detail not in client.get(listing, filters).content.decode()
    assert detail not in client.get(pledge_page).content.decode()
    if role in {"office", "standing", "propaganda", "organization", "inspection"}:  # the tracking's readers
        page, workbook = _tracking_texts(client, report.plan, world.unit_a)
        draft = str(ReviewState.DRAFT.label)
        assert draft not in _unit_row(page, world.unit_a.name)
        assert draft not in workbook

    ResultReport.objects.filter(pk=report.pk).update(state=ReviewState.SUBMITTED)
    cache.clear()
    if role == "sec_b":
        assert client.get(detail).status_code in (403, 404)
        return
    assert client.get(detail).status_code == 200
    assert client.get(download).status_code == 200
    assert detail in client.get(listing, filters).content.decode()
    assert detail in client.get(pledge_page).content.decode()


@pytest.fixture
def draft_pledge(in_world):
    """A unit's pledge in draft (the demo's ban-dan-toc), with a secretary of its own."""
    pledge = Pledge.objects.select_related("unit", "plan").get(state=ReviewState.DRAFT)
    secretary = UserFactory(username="bithu-nhap", roles=[(Role.SECRETARY, pledge.unit)])
    return pledge, secretary


@pytest.mark.parametrize("role", OUTSIDERS)
def test_a_draft_pledge_is_the_units_until_it_is_sent(in_world, draft_pledge, role):
    world = in_world
    cache.clear()
    pledge, secretary = draft_pledge
    detail = reverse("campaigns:pledge_detail", kwargs={"pk": pledge.pk})
    listing = reverse("campaigns:pledge_list")
    search = {"plan": pledge.plan_id, "q": pledge.unit.name}
    from django.test import Client

    owner = Client()
    owner.force_login(secretary)
    client = client_for(world, role)

    assert owner.get(detail).status_code == 200
    assert client.get(detail).status_code in (403, 404)
    assert detail not in client.get(listing, search).content.decode()
    if role in {"office", "standing", "propaganda", "organization", "inspection"}:
        page, workbook = _tracking_texts(client, pledge.plan, pledge.unit)
        draft = str(ReviewState.DRAFT.label)
        assert detail not in page and draft not in _unit_row(page, pledge.unit.name)
        assert draft not in workbook
        # Nor can the tracking be filtered down to the units that hold a draft.
        assert 'value="draft"' not in page
        tracking = reverse("campaigns:plan_tracking", kwargs={"pk": pledge.plan_id})
        assert _rows_of(client.get(tracking, {"status": "draft"})) == _rows_of(client.get(tracking))

    Pledge.objects.filter(pk=pledge.pk).update(state=ReviewState.SUBMITTED)
    cache.clear()
    if role == "sec_b":
        assert client.get(detail).status_code in (403, 404)
        return
    assert client.get(detail).status_code == 200
    assert detail in client.get(listing, search).content.decode()


def _rows_of(response):
    text = html.unescape(response.content.decode())
    start = text.find("<tbody>", text.find("Theo đơn vị"))
    return text[start : text.find("</tbody>", start)]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_a_draft_dossier_follows_the_same_rule(in_world, role):
    world = in_world
    proposal = world.objects["draft_proposal"]
    detail = reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})
    assert client_for(world, "sec_a").get(detail).status_code == 200
    assert client_for(world, role).get(detail).status_code in (403, 404)
    assert detail not in client_for(world, role).get(reverse("awards:proposal_list")).content.decode()


def test_the_rule_is_written_once_for_the_three_filings(in_world):
    """Every reader of every unit is refused a draft and reads the same record once sent."""
    world = in_world
    office = world.users["office"]
    unit = Unit.objects.get(pk=world.unit_a.pk)
    draft = ResultReport(unit=unit, state=ReviewState.DRAFT)
    sent = ResultReport(unit=unit, state=ReviewState.SUBMITTED)
    assert not office.has_perm("campaigns.view_unit_record", draft)
    assert office.has_perm("campaigns.view_unit_record", sent)
    assert world.users["sec_a"].has_perm("campaigns.view_unit_record", draft)
    assert not office.has_perm("awards.view_proposal", world.objects["draft_proposal"])
