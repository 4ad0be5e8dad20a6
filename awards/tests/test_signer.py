"""Who the decision form proposes as signer: the Standing Committee member recording it, with his or her own position."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services
from emulation.documents import signature_position
from emulation.tests.factories import PersonFactory, standing_member

from .test_notice_decision import _pdf_text, passed_ballot, profile  # noqa: F401 - the module's fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(passed_ballot, office):  # noqa: F811
    notice = services.publish_notice(ballot=passed_ballot, by=office)
    type(notice).objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    notice.refresh_from_db()
    return notice


def _proposed(client, user, notice):
    client.force_login(user)
    form = client.get(reverse("awards:decision_create", args=[notice.pk])).context["form"]
    return form["signer_name"].value(), form["signer_position"].value()


@pytest.mark.parametrize(
    ("position", "signs_as"),
    [
        ("Phó Bí thư Đảng ủy Khối", "PHÓ BÍ THƯ"),
        ("Ủy viên Ban Thường vụ Đảng ủy Khối", "ỦY VIÊN BAN THƯỜNG VỤ"),
        ("Bí thư Đảng ủy Khối", "BÍ THƯ"),
    ],
)
def test_a_standing_member_is_proposed_as_signer_with_his_or_her_own_position(client, notice, position, signs_as):
    member = standing_member(username="thuongvu-pho")
    PersonFactory(user=member, full_name="Trần Văn Phó", position=position)

    assert _proposed(client, member, notice) == ("Trần Văn Phó", signs_as)


def test_a_member_who_is_not_the_secretary_signs_the_decision_as_what_he_is(client, notice):
    member = standing_member(username="thuongvu-pho")
    PersonFactory(user=member, full_name="Trần Văn Phó", position="Phó Bí thư Đảng ủy Khối")
    name, position = _proposed(client, member, notice)
    decision = services.record_decision(
        notice=notice, by=member, number="7", date=timezone.localdate(), signer_name=name, signer_position=position
    )

    text = _pdf_text(client.get(reverse("awards:decision_pdf", args=[decision.pk])).content)
    assert "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ Trần Văn Phó" in text


def test_without_a_person_record_the_profile_signer_is_proposed(client, notice, profile):  # noqa: F811
    member = standing_member(username="thuongvu-khac")
    assert _proposed(client, member, notice) == (profile.signer_name, profile.signer_position)


def test_an_empty_position_is_left_for_the_member_to_fill(client, notice):
    member = standing_member(username="thuongvu-moi")
    PersonFactory(user=member, full_name="Lê Văn Mới", position="")
    assert _proposed(client, member, notice) == ("Lê Văn Mới", "")


def test_the_signature_line_keeps_the_office_and_drops_the_body_named_in_the_header():
    assert signature_position("  Phó Bí thư  Thường trực Đảng ủy Khối các cơ quan ") == "PHÓ BÍ THƯ THƯỜNG TRỰC"
    assert signature_position("Bí thư") == "BÍ THƯ"
