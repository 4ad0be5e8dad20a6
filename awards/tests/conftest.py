"""A small world for the awards tests: a unit with people, its secretary, the Office, three council members."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards import services
from awards.models import DocumentType
from awards.tests.factories import RoundFactory, award
from emulation.tests.factories import (
    PersonFactory,
    UnitFactory,
    council_member,
    office_user,
    secretary_of,
    standing_member,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="tai-lieu.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def catalog(db):
    """The default catalog of the data migration; a transactional test elsewhere may have flushed it."""
    from django.apps import apps

    from awards.catalog import load_catalog
    from awards.models import Award

    if not Award.objects.exists():
        load_catalog(apps.get_model)


@pytest.fixture
def unit(db):
    return UnitFactory(name="Đảng bộ Sở Tài chính", code="so-tai-chinh-test")


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="Đảng bộ Sở Kế hoạch và Đầu tư", code="so-ke-hoach-test")


@pytest.fixture
def secretary(unit):
    return secretary_of(unit, username="bithu-stc", first_name="Hùng", last_name="Nguyễn Văn")


@pytest.fixture
def other_secretary(other_unit):
    return secretary_of(other_unit, username="bithu-skh")


@pytest.fixture
def office(db):
    return office_user(username="vanphong-test")


@pytest.fixture
def standing(db):
    return standing_member(username="thuongvu-test")


@pytest.fixture
def council(db):
    """Three council members; each has a person in a unit of his or her own, outside the test units."""
    members = []
    for index in range(3):
        user = council_member(username=f"hoidong-{index}", first_name=f"Số {index}", last_name="Thành viên")
        PersonFactory(full_name=f"Thành viên Hội đồng {index}", unit=UnitFactory(), user=user)
        members.append(user)
    return members


@pytest.fixture
def round(db):
    return RoundFactory(year=2025)


def attach_required(proposal, by):
    """Upload every document the nominees' awards require, so verification looks at the conditions."""
    for nominee in proposal.nominees.select_related("award"):
        for doc in nominee.award.required_documents.all():
            services.add_attachment(
                proposal=proposal,
                by=by,
                upload=pdf_upload(),
                document_type=doc,
                nominee=nominee if doc.per_nominee else None,
            )


@pytest.fixture
def verified_proposal(round, unit, secretary, office):
    """A dossier of the unit with one eligible nominee for a Certificate of Merit, verified by the Office."""
    from awards.tests.factories import PersonRatingFactory

    person = PersonFactory(unit=unit, full_name="Lê Thị Được Đề Nghị")
    PersonRatingFactory(person=person, year=2025, rating=4)
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    services.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=person)
    attach_required(proposal, secretary)
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    services.verify_proposal(proposal=proposal, by=office)
    proposal.refresh_from_db()
    return proposal


def open_ballot(proposals, office, round):
    return services.open_ballot(
        round=round, proposals=proposals, closes_at=timezone.now() + datetime.timedelta(hours=2), by=office
    )


def close_now(ballot):
    type(ballot).objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    ballot.refresh_from_db()
    return ballot


def document_type(code):
    return DocumentType.objects.get(code=code)
