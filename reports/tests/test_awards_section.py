"""The awards section: proposals and decisions by title and by deciding level, counted by hand."""

import datetime

import pytest

from emulation.workflow import SYSTEM
from reports.data import gather
from reports.enums import ReportKind

from .factories import at, build_world

pytestmark = pytest.mark.django_db
awards = pytest.importorskip("awards.models")
ANNUAL = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def _award(code):
    return awards.Award.objects.get(code=code)


@pytest.fixture
def proposals():
    from emulation.tests.factories import PersonFactory

    world = build_world(n_units=3)
    catalog = list(awards.Award.objects.order_by("pk"))
    assert len(catalog) >= 2, "the awards catalog migration provides the titles"
    first, second = catalog[0], catalog[1]
    round_ = awards.Round.objects.create(
        name="Khen thưởng tổng kết năm 2026", kind="annual", year=2026, submission_deadline=datetime.date(2026, 12, 20)
    )
    made = []
    for i, unit in enumerate(world.units):
        state = ["submitted", "draft", "decided"][i]
        proposal = awards.Proposal.objects.create(
            round=round_,
            unit=unit,
            state=state,
            submitted_at=at(datetime.date(2026, 11, 1)) if state != "draft" else None,
        )
        people = [PersonFactory(unit=unit) for _ in range(2)]
        results = ["pending", "awarded"] if i == 2 else ["pending", "passed"]
        for person, award, result in zip(people, (first, second), results, strict=True):
            made.append(awards.Nominee.objects.create(proposal=proposal, person=person, award=award, result=result))
    awards.AwardRecord.objects.create(
        person=made[-1].person, award=second, year=2026, decision_date=datetime.date(2026, 12, 1), source="portal"
    )
    awards.AwardRecord.objects.create(
        person=made[0].person, award=second, year=2025, decision_date=datetime.date(2025, 12, 1), source="portal"
    )
    return world, made, first, second


def test_award_proposals_and_decisions_are_counted_by_title_and_level(proposals):
    world, nominees, first, second = proposals
    data = gather(kind=ReportKind.ANNUAL, start=ANNUAL[0], end=ANNUAL[1])
    sent = [n for n in nominees if n.proposal.state != "draft"]
    rows = {row[0]: row[4:] for row in data.table("awards").iter_rows()}
    for award in (first, second):
        mine = [n for n in sent if n.award_id == award.pk]
        passed = [n for n in mine if n.result in ("passed", "awarded")]
        awarded = 1 if award == second else 0
        assert rows[award.name] == (len(mine), len(passed), awarded)
    levels = {row[0]: row[1:] for row in data.table("award_levels").iter_rows()}
    assert sum(v[0] for v in levels.values()) == len(sent)
    assert sum(v[2] for v in levels.values()) == 1
    assert str(second.get_decided_by_display()) in levels


def test_the_awards_section_is_the_last_and_reaches_the_pdf(proposals, django_capture_on_commit_callbacks):
    from reports import services

    from .helpers import pdf_text

    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_report(
            kind=ReportKind.ANNUAL, period_start=ANNUAL[0], period_end=ANNUAL[1], by=SYSTEM
        )
    report.refresh_from_db()
    assert report.state == "done", report.error
    assert "Đề nghị và quyết định khen thưởng theo danh hiệu, hình thức" in pdf_text(report)
