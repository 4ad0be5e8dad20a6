"""Secret ballot: what one council member chose is visible to that member alone, and totals only after closing.

Secrecy is tested as indistinguishability: two ballots in which members swap their choices (same totals) must
render identically, on every page and export, for everyone but the two voters; while the ballot is open, even
different totals must render identically for everyone but the voters.
"""

import datetime
import re
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.enums import VoteChoice
from awards.models import Ballot
from reports.enums import ReportKind
from reports.models import Report

from .inspect_responses import CSRF, visible_text
from .world import ROLES

AGREE, DISAGREE = VoteChoice.AGREE, VoteChoice.DISAGREE
VOTERS = ("hoidong2", "hoidong3")
TIMES = re.compile(r"\d{1,2}:\d{2}(:\d{2})?|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}[T ][\d:.+]*")


def _mask(text):
    return TIMES.sub("<t>", CSRF.sub("", text))


def _services():
    from awards import services

    return services


def _pages(world, ballot, *, closed):
    o = world.objects
    names = [
        reverse("home"),
        reverse("awards:ballot_list"),
        reverse("awards:ballot_detail", kwargs={"pk": ballot.pk}),
        reverse("awards:proposal_detail", kwargs={"pk": o["ballot_proposal"].pk}),
        reverse("awards:proposal_list"),
        reverse("audit_log"),
        reverse("notification_list"),
    ]
    if closed:
        names.append(reverse("awards:ballot_minutes", kwargs={"pk": ballot.pk}))
    return names


def _viewers(world):
    """Everyone but the two voters: every role of the matrix, and the recused council member hoidong1.

    The first voter is there too, as the control: his own pages must tell his choices apart.
    """
    users = {role: user for role, user in world.users.items() if role in ROLES and role != "council"}
    users["council-recused"] = User.objects.get(username="hoidong1")
    users["voter"] = User.objects.get(username=VOTERS[0])
    return users


def _report_text(office):
    """The Bloc's annual report for this year, produced now: its PDF and workbook as text."""
    from reports import services as report_services
    from reports.production import produce_report

    from .inspect_responses import pdf_text, workbook_text

    today = timezone.localdate()
    report, _created = report_services.request_report(
        kind=ReportKind.ANNUAL,
        period_start=datetime.date(today.year, 1, 1),
        period_end=datetime.date(today.year, 12, 31),
        by=office,
    )
    produce_report(report_id=report.pk)
    report = Report.objects.get(pk=report.pk)
    with report.pdf.open("rb") as pdf, report.xlsx.open("rb") as xlsx:
        return pdf_text(pdf.read()) + "\n" + workbook_text(xlsx.read())


def render_scenario(world, votes, *, close, with_report=False):
    """Cast the votes, optionally close the ballot, and return what each viewer sees; then undo it all."""
    services = _services()
    ballot = world.objects["open_ballot"]
    items = list(ballot.items.order_by("pk"))
    seen = {}
    with transaction.atomic():
        for username, choices in votes.items():
            voter = User.objects.get(username=username)
            services.cast_votes(ballot=ballot, by=voter, choices={i.pk: c for i, c in zip(items, choices, strict=True)})
        if close:
            Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
            services.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), by=world.users["office"])
        for label, user in _viewers(world).items():
            client = Client(raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            for path in _pages(world, ballot, closed=close):
                response = client.get(path)
                assert response.status_code < 500, (path, label, response.status_code)
                seen[(label, path)] = _mask(visible_text(response))
        if with_report:
            seen[("report", "annual")] = _mask(_report_text(world.users["office"]))
        transaction.set_rollback(True)
    return seen


def _differences(first, second):
    """The (viewer, page) pairs that differ, leaving out the voter's own pages."""
    return [key for key in first if first[key] != second[key] and key[0] != "voter"]


def _voter_tells_apart(first, second):
    """The control: the comparison is sensitive enough to see the voter's own choices on his pages."""
    return any(first[key] != second[key] for key in first if key[0] == "voter")


def test_while_open_nobody_but_the_voter_can_tell_how_anyone_voted_nor_the_totals(in_world):
    world = in_world
    items = world.objects["open_ballot"].items.count()
    assert items >= 1
    all_agree = render_scenario(world, {v: [AGREE] * items for v in VOTERS}, close=False)
    all_disagree = render_scenario(world, {v: [DISAGREE] * items for v in VOTERS}, close=False)
    assert _voter_tells_apart(all_agree, all_disagree)
    assert not _differences(all_agree, all_disagree)


def test_after_closing_only_totals_show_swapped_votes_look_the_same(in_world):
    world = in_world
    items = world.objects["open_ballot"].items.count()
    first = [AGREE if i % 2 == 0 else DISAGREE for i in range(items)]
    second = [DISAGREE if i % 2 == 0 else AGREE for i in range(items)]
    one = render_scenario(world, {"hoidong2": first, "hoidong3": second}, close=True, with_report=True)
    other = render_scenario(world, {"hoidong2": second, "hoidong3": first}, close=True, with_report=True)
    assert _voter_tells_apart(one, other)
    assert not _differences(one, other)


def test_after_closing_the_totals_are_shown(in_world):
    world = in_world
    items = world.objects["open_ballot"].items.count()
    seen = render_scenario(world, {v: [AGREE] * items for v in VOTERS}, close=True)
    detail = reverse("awards:ballot_detail", kwargs={"pk": world.objects["open_ballot"].pk})
    assert seen[("office", detail)] != render_scenario(world, {}, close=True)[("office", detail)]


def test_a_member_sees_his_own_vote_only(in_world):
    world = in_world
    ballot = world.objects["open_ballot"]
    item = ballot.items.order_by("pk").first()
    services = _services()
    h2, h3 = (User.objects.get(username=v) for v in VOTERS)
    services.cast_votes(ballot=ballot, by=h2, choices={item.pk: DISAGREE})
    detail = reverse("awards:ballot_detail", kwargs={"pk": ballot.pk})
    own, other = Client(), Client()
    own.force_login(h2)
    other.force_login(h3)
    assert str(VoteChoice.DISAGREE.label) in own.get(detail).content.decode()
    assert str(VoteChoice.DISAGREE.label) not in other.get(detail).content.decode().split("<form")[0]


def test_votes_are_not_in_the_admin():
    from django.contrib import admin

    from awards.models import Vote

    assert Vote not in admin.site._registry
