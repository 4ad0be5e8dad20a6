"""What each role reads of an award decision: the page and the PDF agree, certificates stay with the unit, the
history panel shows the workflow and not who downloaded what (issue 12, finding 4).

The rule (awards/rules.py): an issued decision is public to the Bloc, annex included; every grassroots committee
receives it. The dossier behind a row and the certificate are the unit's (and the readers of every unit's).
"""

import html
import re

import pytest
from django.urls import reverse

from awards.enums import NomineeResult
from awards.models import Decision, Nominee
from emulation.models import AuditEntry

from .inspect_responses import visible_text
from .matrix_table import LOGGED_IN, READERS
from .test_authorization_matrix import client_for

ROW = re.compile(r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>")


def _all_rows(decision):
    """(position, name, proposing unit, award as the decision prints it) of every nominee, in the decision's order."""
    nominees = Nominee.objects.filter(decision=decision).select_related("person", "unit", "award", "proposal__unit")
    ordered = sorted(nominees, key=lambda n: (n.decision_position or 0, n.pk))
    return {(str(i), n.name, n.proposal.unit.name, n.award.title_on_documents) for i, n in enumerate(ordered, 1)}


def _page_rows(client, decision):
    rows, number = set(), 1
    while True:
        response = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}), {"page": number})
        assert response.status_code == 200
        found = {tuple(html.unescape(cell) for cell in row) for row in ROW.findall(response.content.decode())}
        rows |= found
        if not found or f"page={number + 1}" not in response.content.decode():
            return rows
        number += 1


def _pdf_rows(client, decision, candidates):
    response = client.get(reverse("awards:decision_pdf", kwargs={"pk": decision.pk}))
    assert response.status_code == 200
    text = visible_text(response)
    return {row for row in candidates if " ".join(row) in text}


@pytest.mark.parametrize("role", sorted(LOGGED_IN))
def test_the_decision_pdf_lists_exactly_the_awardees_its_page_lists(in_world, role):
    world = in_world
    decision = world.objects["decision"]
    everyone = _all_rows(decision)
    units = {row[2] for row in everyone}
    assert {world.unit_a.name, world.unit_b.name} <= units, "the world's decision awards both units"
    client = client_for(world, role)

    page = _page_rows(client, decision)
    pdf = _pdf_rows(client, decision, everyone)

    assert page == pdf
    # Issued, the decision is public to the Bloc: each role reads all of it, whatever its unit.
    assert page == everyone


def test_a_secretary_reads_the_decision_of_units_it_does_not_belong_to_without_their_dossiers(in_world):
    """Other units' rows say what the decision says (awarded, or forwarded); their later outcome and certificate,
    which belong to the dossier, are not offered."""
    world = in_world
    decision = world.objects["decision"]
    b_nominee = Nominee.objects.filter(decision=decision, proposal__unit=world.unit_b).first()
    Nominee.objects.filter(pk=b_nominee.pk).update(higher_decision_number="MARKER-higher-answer-B")
    as_a = client_for(world, "sec_a").get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}))
    as_b = client_for(world, "sec_b").get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}))
    certificate_b = reverse("awards:certificate_pdf", kwargs={"nominee_pk": b_nominee.pk})

    assert b_nominee.name in as_a.content.decode()
    assert "MARKER-higher-answer-B" not in as_a.content.decode()
    assert certificate_b not in as_a.content.decode()
    assert "MARKER-higher-answer-B" in as_b.content.decode()
    assert certificate_b in as_b.content.decode()


@pytest.mark.parametrize("role", sorted(LOGGED_IN))
def test_certificates_are_the_awardee_units_own_and_every_readers(in_world, role):
    world = in_world
    decision = world.objects["decision"]
    client = client_for(world, role)
    page = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk})).content.decode()
    awarded = Nominee.objects.filter(decision=decision, result=NomineeResult.AWARDED).select_related("proposal__unit")
    assert awarded.count() >= 3
    for nominee in awarded:
        own = {"sec_a": world.unit_a, "sec_b": world.unit_b}.get(role)
        may = role in READERS or (own is not None and nominee.proposal.unit_id == own.pk)
        url = reverse("awards:certificate_pdf", kwargs={"nominee_pk": nominee.pk})
        response = client.get(url)
        if may:
            assert response.status_code == 200
            assert nominee.name in visible_text(response)
        else:
            assert response.status_code == 404
            assert nominee.name not in visible_text(response)
        assert (url in page) == may, f"the page offers {url} to {role}: {url in page}, may download: {may}"


@pytest.mark.parametrize("role", sorted(LOGGED_IN))
def test_the_award_lookup_and_its_workbook_list_the_same_awardees(in_world, role):
    """The lookup is each unit's award register: a secretary's lists the own units' awardees, the readers' all;
    the page and the workbook never differ."""
    world = in_world
    decision = world.objects["decision"]
    client = client_for(world, role)
    query = {"q": decision.number}
    page = client.get(reverse("awards:lookup"), query)
    workbook = client.get(reverse("awards:lookup"), {**query, "format": "xlsx"})
    names = {n.name for n in Nominee.objects.filter(decision=decision, result=NomineeResult.AWARDED)}
    in_page = {name for name in names if name in html.unescape(page.content.decode())}
    in_workbook = {name for name in names if name in visible_text(workbook)}
    assert in_page == in_workbook
    if role in READERS:
        assert in_page == names
    own = {"sec_a": world.unit_a, "sec_b": world.unit_b}.get(role)
    if own is not None:
        mine = Nominee.objects.filter(decision=decision, result=NomineeResult.AWARDED, proposal__unit=own)
        assert {n.name for n in mine} <= in_page


@pytest.mark.parametrize("role", sorted(LOGGED_IN - {"standing"}))
def test_a_decision_before_issue_and_its_annex_are_read_by_the_standing_committee_only(in_world, role):
    """The portal stores a decision only once recorded signed; before that its draft is the decision form with the
    annex of passed nominees, which only the Standing Committee opens, and nothing of it exists for anyone else."""
    world = in_world
    notice = world.objects["notice"]
    client = client_for(world, role)
    response = client.get(reverse("awards:decision_create", kwargs={"notice_pk": notice.pk}))
    assert response.status_code == 403
    unissued = Decision(notice=notice, number="", date=None, signer_name="x", signer_position="x", subject="x")
    user = world.users[role]
    assert not user.has_perm("awards.view_decision", unissued)
    from awards import selectors

    assert not selectors.decision_nominees_for(user, unissued).exists()
    assert client_for(world, "standing").get(
        reverse("awards:decision_create", kwargs={"notice_pk": notice.pk})
    ).status_code in (200, 302)


@pytest.mark.parametrize(
    ("page_name", "pdf_name", "obj", "readers", "by"),
    [
        ("awards:decision_detail", "awards:decision_pdf", "decision", LOGGED_IN, "propaganda"),
        (
            "awards:ballot_detail",
            "awards:ballot_minutes",
            "closed_ballot",
            {"office", "council", "standing"},
            "standing",
        ),
    ],
)
def test_a_history_panel_shows_the_workflow_but_not_who_downloaded(in_world, page_name, pdf_name, obj, readers, by):
    """Downloads stay in the audit log (/nhat-ky/, the Office's); the panel every reader sees lists the steps."""
    world = in_world
    target = world.objects[obj]
    downloader = world.users[by]
    downloader.first_name, downloader.last_name = "MARKER-downloader", ""
    downloader.save(update_fields=["first_name", "last_name"])
    assert AuditEntry.objects.for_object(target).filter(actor=downloader).count() == 0  # no step of the work
    assert client_for(world, by).get(reverse(pdf_name, kwargs={"pk": target.pk})).status_code == 200
    assert AuditEntry.objects.filter(action="export", actor=downloader).exists()  # the audit log keeps it
    # A ballot's panel also leaves out each member's vote (ballot secrecy).
    steps = AuditEntry.objects.for_object(target).exclude(action__in=["export", "award_ballot.voted"])
    assert steps.exists()
    for role in sorted(readers):
        body = client_for(world, role).get(reverse(page_name, kwargs={"pk": target.pk})).content.decode()
        panel = html.unescape(body[body.index('id="history-title"') :].split("</section>")[0])
        for step in steps:
            assert str(step.action_label) in panel
        assert "MARKER-downloader" not in panel
        assert "Xuất dữ liệu" not in panel
    audit = client_for(world, "office").get(reverse("audit_log"), {"actor": downloader.username})
    assert "Xuất dữ liệu" in audit.content.decode()
