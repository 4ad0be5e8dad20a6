"""The document checker over every kind of document the demo makes: the ballot minutes, the public notice, the
decision with its annex, the certificates of an individual and of a collective, and every report the demo
produced. seed_demo builds its story relative to today, so the documents are picked, not named."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from awards import documents, notice_document, selectors
from awards.enums import BallotState
from awards.models import Award, Ballot, Decision, Nominee, PublicNotice
from campaigns.models import Term
from emulation.enums import UnitLevel
from emulation.models import OrganizationProfile, Unit
from emulation.tests.document_checker import DocumentSpec, assert_party_document
from reports import services
from reports.enums import ReportKind, ReportState
from reports.periods import latest_period
from reports.tasks import generate_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo")
    return OrganizationProfile.current()


def _internal_names():
    return [a.name for a in Award.objects.all() if getattr(a, "title_on_documents", a.name) != a.name]


def _spec(profile, **kwargs):
    base = {
        "signer_name": profile.signer_name,
        "suffix": profile.number_suffix,
        "superior_body": profile.superior_body,
        "issuing_body": profile.issuing_body,
        "internal_names": _internal_names(),
    }
    return DocumentSpec(**{**base, **kwargs})


def test_every_document_of_the_demo_passes_the_checker(demo):
    profile = demo
    ballot = Ballot.objects.filter(state=BallotState.CLOSED).order_by("-tallied_at").first()
    assert ballot is not None, "the demo has a closed ballot"
    minutes = documents.ballot_minutes_pdf(ballot, list(selectors.ballot_items(ballot)))
    spec = _spec(profile, kind="BB", title="BIÊN BẢN", signer_name=profile.council_secretary_name, recipients=False)
    spec.internal_names = []  # the minutes' table names the catalog's award, as the council voted on it
    assert_party_document(minutes, spec)

    notice = PublicNotice.objects.order_by("-published_at").first()
    assert notice is not None, "the demo has a public notice"
    assert_party_document(notice_document.notice_pdf(notice), _spec(profile, kind="TB", title="THÔNG BÁO"))

    decision = Decision.objects.order_by("-date").first()
    assert decision is not None, "the demo has a decision"
    nominees = list(Nominee.objects.filter(decision=decision).select_related("award", "proposal__unit", "person"))
    pdf = documents.decision_pdf(decision, nominees)
    assert_party_document(pdf, _spec(profile, kind="QĐ", title="QUYẾT ĐỊNH", signer_name=decision.signer_name))

    awarded = Nominee.objects.filter(decision__isnull=False, record__isnull=False).select_related("decision")
    for holder in ("person", "unit"):
        nominee = awarded.filter(**{f"{holder}__isnull": False}).first()
        assert nominee is not None, f"the demo awards a {holder}"
        spec = _spec(
            profile,
            title=nominee.award.certificate_heading,
            signer_name=nominee.decision.signer_name,
            recipients=False,
            one_page=True,
            date_line_in_header=False,
        )
        assert_party_document(documents.certificate_pdf(nominee), spec)


def _produce(kind, period, unit, capture):
    with capture(execute=True):
        report, _created = services.request_report(
            kind=kind, period_start=period[0], period_end=period[1], unit=unit, by=None
        )
    if report.state == ReportState.QUEUED:  # the demo queued this one already: the worker's turn
        generate_report.delay(report.pk).get()
    report.refresh_from_db()
    assert report.state == ReportState.DONE, report.error
    return report


def _demo_reports(capture):
    today = timezone.localdate()
    term = Term.objects.filter(start_year__lte=today.year, end_year__gte=today.year).order_by("-start_year").first()
    unit = Unit.objects.filter(level=UnitLevel.GRASSROOTS_COMMITTEE, is_active=True).order_by("path").first()
    for kind in ReportKind.values:
        period = latest_period(kind, today, term=term)
        if kind == ReportKind.TERM:
            period = (period[0], min(period[1], today))  # a term still running is reported up to today
        report = _produce(kind, period, unit if kind == ReportKind.UNIT else None, capture)
        with report.pdf.open("rb") as handle:
            yield report, handle.read()


def test_every_report_kind_produced_from_the_demo_passes_the_checker(demo, django_capture_on_commit_callbacks):
    produced = []
    for report, pdf in _demo_reports(django_capture_on_commit_callbacks):
        assert_party_document(pdf, _spec(demo, kind="BC", title="BÁO CÁO", internal_names=[]))
        produced.append(report.kind)
    assert sorted(produced) == sorted(ReportKind.values)


def test_no_report_of_the_demo_prints_an_internal_award_name(demo, django_capture_on_commit_callbacks):
    for _report, pdf in _demo_reports(django_capture_on_commit_callbacks):
        assert_party_document(pdf, _spec(demo, kind="BC", title="BÁO CÁO"))
