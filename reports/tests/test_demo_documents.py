"""The document checker over every kind of document the demo makes: the ballot minutes, the public notice, the
decision with its annex, the certificates of an individual and of a collective (every report of every period of the
demo: test_demo_reports). seed_demo builds its story relative to today, so the documents are picked, not named."""

import pytest
from django.core.management import call_command

from awards import documents, notice_document, selectors
from awards.enums import BallotState
from awards.models import Award, Ballot, Decision, Nominee, PublicNotice
from emulation.models import OrganizationProfile
from emulation.tests.document_checker import DocumentSpec, assert_party_document

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
