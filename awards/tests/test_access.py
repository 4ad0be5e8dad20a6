"""A secretary never reaches another unit's dossier; attachments are checked by content and served with care."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import services
from awards.models import Attachment
from awards.tests.conftest import document_type, pdf_upload
from awards.tests.factories import award
from emulation.errors import DomainError
from emulation.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(round, unit, secretary):
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    nominee = services.add_nominee(
        proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=PersonFactory(unit=unit)
    )
    services.add_attachment(
        proposal=proposal, by=secretary, upload=pdf_upload(), document_type=document_type("to-trinh")
    )
    return proposal, nominee


def test_another_units_secretary_gets_404_on_every_proposal_url(client, draft, other_secretary):
    proposal, nominee = draft
    attachment = proposal.attachments.get()
    client.force_login(other_secretary)
    gets = [
        reverse("awards:proposal_detail", args=[proposal.pk]),
        reverse("awards:nominee_add", args=[proposal.pk]),
        reverse("awards:proposal_return", args=[proposal.pk]),
        reverse("awards:proposal_withdraw", args=[proposal.pk]),
        reverse("awards:nominee_override", args=[proposal.pk, nominee.pk]),
        reverse("awards:attachment_download", args=[attachment.pk]),
    ]
    posts = [
        reverse("awards:proposal_edit", args=[proposal.pk]),
        reverse("awards:proposal_transition", args=[proposal.pk, "submit"]),
        reverse("awards:nominee_remove", args=[proposal.pk, nominee.pk]),
        reverse("awards:attachment_add", args=[proposal.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code in (403, 404), url
    for url in posts:
        assert client.post(url, {"comment": "x", "achievement_report": "x"}).status_code in (403, 404), url
    assert client.get(reverse("awards:certificate_pdf", args=[nominee.pk])).status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == "draft"
    assert proposal.nominees.count() == 1


def test_another_units_secretary_does_not_see_it_in_lists(client, draft, other_secretary):
    proposal, _nominee = draft
    client.force_login(other_secretary)
    assert proposal.unit.name not in client.get(reverse("awards:proposal_list")).content.decode()
    assert (
        proposal.unit.name not in client.get(reverse("awards:round_detail", args=[proposal.round_id])).content.decode()
    )


def test_the_office_does_not_see_a_draft_but_the_own_secretary_does(client, draft, office, secretary):
    proposal, _nominee = draft
    client.force_login(office)
    assert client.get(proposal.get_absolute_url()).status_code == 404
    client.force_login(secretary)
    assert client.get(proposal.get_absolute_url()).status_code == 200


def test_a_user_without_a_role_sees_no_award_pages(client, draft):
    client.force_login(UserFactory())
    assert client.get(reverse("awards:proposal_list")).status_code == 403
    assert client.get(reverse("awards:lookup")).status_code == 403


def test_attachment_type_is_read_from_the_content_not_the_name(draft, secretary):
    proposal, _nominee = draft
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError, match="không được chấp nhận"):
        services.add_attachment(proposal=proposal, by=secretary, upload=fake, document_type=document_type("to-trinh"))
    # The browser's claim counts for nothing; the name's extension must be one the content may carry.
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="text/plain")
    attachment = services.add_attachment(
        proposal=proposal, by=secretary, upload=png, document_type=document_type("to-trinh")
    )
    assert attachment.content_type == "image/png"


def test_attachment_size_is_limited_by_the_setting(draft, secretary, settings):
    proposal, _nominee = draft
    settings.UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * 200, content_type="application/pdf")
    with pytest.raises(DomainError, match="dung lượng"):
        services.add_attachment(proposal=proposal, by=secretary, upload=big, document_type=document_type("to-trinh"))


def test_attachments_are_stored_under_random_names_and_served_through_a_checked_view(client, draft, secretary):
    proposal, _nominee = draft
    attachment = proposal.attachments.get()
    assert "tai-lieu" not in attachment.file.name
    assert attachment.original_name == "tai-lieu.pdf"
    client.force_login(secretary)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert "tai-lieu.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Attachment.objects.count() == 1


def test_secretary_page_shows_the_eligibility_of_each_nominee(client, draft, secretary):
    proposal, _nominee = draft
    client.force_login(secretary)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Chưa đủ dữ liệu" in page  # no rating recorded for the nominee yet
    assert "Căn cứ" in page


def test_the_nominee_form_previews_eligibility_for_the_own_people_only(client, draft, secretary, other_unit):
    proposal, nominee = draft
    client.force_login(secretary)
    url = reverse("awards:eligibility_check")
    params = {"award": award("giay-khen-ca-nhan").pk, "person": nominee.person_id, "year": 2025}
    preview = client.get(url, params, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in preview
    assert "Kiểm tra điều kiện" in preview and "Chưa đủ dữ liệu" in preview
    assert 'id="eligibility-preview"' in client.get(reverse("awards:nominee_add", args=[proposal.pk])).content.decode()
    stranger = PersonFactory(unit=other_unit)
    params["person"] = stranger.pk
    assert client.get(url, params, HTTP_HX_REQUEST="true").status_code == 404


def test_the_eligibility_link_of_a_persons_page_answers_at_once_for_this_year(client, draft, secretary):
    from django.utils import timezone

    from awards.enums import Subject
    from awards.models import Award

    proposal, nominee = draft
    client.force_login(secretary)
    response = client.get(reverse("awards:eligibility_check"), {"person": nominee.person_id})
    page = response.content.decode()
    first = Award.objects.filter(subject=Subject.INDIVIDUAL).order_by("order", "name").first()
    assert response.context["form"].is_valid(), response.context["form"].errors
    assert response.context["form"].cleaned_data["award"] == first
    assert response.context["form"].cleaned_data["year"] == timezone.localdate().year
    assert "Căn cứ" in page and "Trường này là bắt buộc" not in page
