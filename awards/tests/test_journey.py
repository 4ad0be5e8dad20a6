"""The users' path through the pages: forms wired to the services, notifications to whoever acts next."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import Ballot, Proposal, Round, Vote
from awards.tests.conftest import close_now, document_type, pdf_upload
from awards.tests.factories import PersonRatingFactory, award
from emulation.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_from_opening_a_round_to_the_council_vote_through_the_pages(
    client, unit, secretary, office, council, django_capture_on_commit_callbacks
):
    person = PersonFactory(unit=unit, full_name="Ngô Thị Hành Trình")
    PersonRatingFactory(person=person, year=2025, rating=4)

    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards:round_create"),
            {
                "name": "Khen thưởng năm 2025",
                "kind": "annual",
                "year": 2025,
                "awards": [award("giay-khen-ca-nhan").pk],
                "submission_deadline": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
                "notice_days": 5,
            },
        )
    round = Round.objects.get(name="Khen thưởng năm 2025")
    assert response.status_code == 302
    assert secretary.notifications.get().deadline == round.submission_deadline

    client.force_login(secretary)
    assert "Khen thưởng năm 2025" in client.get("/").content.decode()
    client.post(reverse("awards:proposal_create", args=[round.pk]), {"unit": unit.pk, "achievement_report": "Tốt."})
    proposal = Proposal.objects.get(round=round, unit=unit)
    client.post(
        reverse("awards:nominee_add", args=[proposal.pk]),
        {"award": award("giay-khen-ca-nhan").pk, "person": person.pk, "summary": "Xuất sắc."},
    )
    nominee = proposal.nominees.get()
    client.post(
        reverse("awards:attachment_add", args=[proposal.pk]),
        {"document_type": document_type("to-trinh").pk, "file": pdf_upload()},
    )
    client.post(
        reverse("awards:attachment_add", args=[proposal.pk]),
        {"document_type": document_type("bao-cao-thanh-tich").pk, "nominee": nominee.pk, "file": pdf_upload("bc.pdf")},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("awards:proposal_transition", args=[proposal.pk, "submit"]), {"comment": "Kính gửi."})
    assert office.notifications.filter(title__contains=unit.name).exists()

    client.force_login(office)
    assert unit.name in client.get("/").content.decode()
    client.post(reverse("awards:proposal_transition", args=[proposal.pk, "start_verification"]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("awards:proposal_return", args=[proposal.pk]),
            {"comment": "", f"nominee_{nominee.pk}": "Ghi rõ số quyết định."},
        )
    assert secretary.notifications.filter(title__contains="trả lại").exists()

    client.force_login(secretary)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Ghi rõ số quyết định." in page
    client.post(reverse("awards:proposal_transition", args=[proposal.pk, "submit"]))

    client.force_login(office)
    client.post(reverse("awards:proposal_transition", args=[proposal.pk, "start_verification"]))
    client.post(reverse("awards:proposal_transition", args=[proposal.pk, "verify"]))
    proposal.refresh_from_db()
    assert proposal.state == "verified"
    assert proposal.versions.count() == 2
    closes = (timezone.localtime() + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("awards:ballot_create", args=[round.pk]), {"name": "", "closes_at": closes, "proposals": [proposal.pk]}
    )
    ballot = Ballot.objects.get(round=round)

    client.force_login(council[0])
    assert ballot.name in client.get("/").content.decode()
    item = ballot.items.get()
    client.post(reverse("awards:ballot_vote", args=[ballot.pk]), {f"item_{item.pk}": "agree"})
    assert Vote.objects.get(voter=council[0]).choice == "agree"
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Bạn: Đồng ý" in page
    assert 'name="item_' not in page
    assert ballot.name not in client.get("/").content.decode().split("Phiên bỏ phiếu chờ bạn")[1].split("</section>")[0]

    client.force_login(office)
    close_now(ballot)
    client.post(reverse("awards:ballot_close", args=[ballot.pk]))
    ballot.refresh_from_db()
    assert ballot.state == "closed"
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Không thông qua" in page  # one agree vote of three members is not a majority


def test_a_unit_that_already_has_a_dossier_in_the_round_is_led_to_it_instead_of_a_form_it_cannot_send(
    client, unit, secretary
):
    from awards.tests.factories import ProposalFactory, RoundFactory

    round = RoundFactory()
    draft = ProposalFactory(round=round, unit=unit)
    client.force_login(secretary)

    page = client.get(reverse("awards:proposal_create", args=[round.pk])).content.decode()

    assert draft.get_absolute_url() in page
    assert f"Hồ sơ của {unit.name}" in page
    assert 'name="achievement_report"' not in page  # no form to fill and be refused
