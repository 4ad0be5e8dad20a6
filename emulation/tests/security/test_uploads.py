"""Uploads: type read from the content, a size limit, random stored names, served only through a checked view."""

from pathlib import PurePosixPath

import pytest
from django.urls import reverse

from awards.models import Attachment, DocumentType
from campaigns.models import Evidence, ResultReport

from .forms_found import client_for
from .upload_checks import (
    EXE,
    HOSTILE_NAME,
    HTML,
    PDF,
    RANDOM_STORED,
    STORED_HOSTILE_NAME,
    assert_safe_download,
    upload,
)


@pytest.fixture
def draft_result(in_world):
    return in_world.objects["draft_result"]  # A's year-end report, still in draft


def _evidence_post(world, report, file, role="sec_a"):
    url = reverse("campaigns:evidence_upload", kwargs={"pk": report.pk})
    return client_for(world, role).post(url, {"file": file, "description": "minh chứng"}, follow=True)


def _attachment_post(world, file, role="sec_a"):
    proposal = world.objects["draft_proposal"]
    url = reverse("awards:attachment_add", kwargs={"pk": proposal.pk})
    data = {"file": file, "document_type": DocumentType.objects.first().pk}
    return client_for(world, role).post(url, data, follow=True)


@pytest.mark.parametrize("content", [EXE, HTML, b"", b"PK\x03\x04 not a zip"])
def test_evidence_whose_content_is_not_an_allowed_type_is_refused(in_world, draft_result, content):
    before = Evidence.objects.count()
    response = _evidence_post(in_world, draft_result, upload("ho-so.pdf", content))
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert Evidence.objects.count() == before


def test_evidence_over_the_size_limit_is_refused(in_world, draft_result, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    before = Evidence.objects.count()
    response = _evidence_post(in_world, draft_result, upload("lon.pdf", PDF + b"0" * 2048))
    assert "alert-danger" in response.content.decode()
    assert Evidence.objects.count() == before


def test_evidence_is_stored_under_a_random_name_and_served_as_a_safe_attachment(in_world, draft_result):
    world = in_world
    response = _evidence_post(world, draft_result, upload(HOSTILE_NAME, PDF))
    body = response.content.decode()
    assert "alert-success" in body, [m.message for m in response.context["messages"]] if response.context else body
    evidence = Evidence.objects.filter(report=draft_result).latest("pk")
    assert RANDOM_STORED.match(PurePosixPath(evidence.file.name).name), evidence.file.name
    url = reverse("campaigns:evidence_download", kwargs={"pk": draft_result.pk, "evidence_pk": evidence.pk})
    assert_safe_download(client_for(world, "sec_a").get(url))
    Evidence.objects.filter(pk=evidence.pk).update(original_name=STORED_HOSTILE_NAME)
    assert_safe_download(client_for(world, "sec_a").get(url))
    assert client_for(world, "sec_b").get(url).status_code in (403, 404)
    assert client_for(world, "anon").get(url).status_code == 302


@pytest.mark.parametrize("content", [EXE, HTML, b"", b"PK\x03\x04 not a zip"])
def test_attachment_whose_content_is_not_an_allowed_type_is_refused(in_world, content):
    before = Attachment.objects.count()
    response = _attachment_post(in_world, upload("to-trinh.pdf", content))
    assert "alert-danger" in response.content.decode()
    assert Attachment.objects.count() == before


def test_attachment_over_the_size_limit_is_refused(in_world, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    before = Attachment.objects.count()
    response = _attachment_post(in_world, upload("lon.pdf", PDF + b"0" * 2048))
    assert "alert-danger" in response.content.decode()
    assert Attachment.objects.count() == before


def test_attachment_is_stored_under_a_random_name_and_served_as_a_safe_attachment(in_world):
    world = in_world
    response = _attachment_post(world, upload(HOSTILE_NAME, PDF))
    assert "alert-success" in response.content.decode()
    attachment = Attachment.objects.filter(proposal=world.objects["draft_proposal"]).latest("pk")
    assert RANDOM_STORED.match(PurePosixPath(attachment.file.name).name), attachment.file.name
    url = reverse("awards:attachment_download", kwargs={"pk": attachment.pk})
    assert_safe_download(client_for(world, "sec_a").get(url))
    Attachment.objects.filter(pk=attachment.pk).update(original_name=STORED_HOSTILE_NAME)
    assert_safe_download(client_for(world, "sec_a").get(url))
    assert client_for(world, "sec_b").get(url).status_code in (403, 404)
    assert client_for(world, "office").get(url).status_code in (403, 404)  # a draft is the unit's alone


def test_no_uploaded_file_is_reachable_under_the_media_url(in_world):
    """Files are served by the permission-checked views only: nothing maps MEDIA_URL to the storage."""
    from django.conf import settings
    from django.urls import Resolver404, resolve

    evidence = Evidence.objects.first()
    path = settings.MEDIA_URL.rstrip("/") + "/" + evidence.file.name
    with pytest.raises(Resolver404):
        resolve(path)


def test_result_report_model_is_the_owner_of_evidence():
    assert Evidence._meta.get_field("report").related_model is ResultReport


def _refusal(response):
    """The refusal the page shows (both upload views turn it into an error message)."""
    import html
    import re

    found = re.findall(r'<div class="alert alert-danger" role="alert">(.*?)</div>', response.content.decode(), re.S)
    return html.unescape(" ".join(found)) if found else None


SAME_BAD_FILES = [
    ("chuong-trinh.exe", EXE),  # not an accepted type
    ("trang.pdf", HTML),  # a web page named as a PDF
    ("anh.png", PDF),  # a PDF named as an image
    ("rong.pdf", b""),  # empty
    ("trinh-chieu.pptx", b"PK\x03\x04 not a zip"),  # a broken archive
]


@pytest.mark.parametrize(("name", "content"), SAME_BAD_FILES)
def test_both_upload_forms_refuse_the_same_bad_file_in_the_same_words(in_world, draft_result, name, content):
    """One rule (emulation.uploads) for evidence and dossier attachments: the same refusal for the same file."""
    evidence = _refusal(_evidence_post(in_world, draft_result, upload(name, content)))
    attachment = _refusal(_attachment_post(in_world, upload(name, content)))
    assert evidence and evidence == attachment


def test_both_upload_forms_refuse_an_oversized_file_in_the_same_words(in_world, draft_result, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    evidence = _refusal(_evidence_post(in_world, draft_result, upload("lon.pdf", PDF + b"0" * 2048)))
    attachment = _refusal(_attachment_post(in_world, upload("lon.pdf", PDF + b"0" * 2048)))
    assert evidence == attachment and evidence.startswith("Tệp “lon.pdf” vượt quá dung lượng cho phép (tối đa")


def test_both_upload_forms_say_the_same_rule_under_the_file_field(in_world, draft_result):
    from awards.forms import AttachmentForm
    from campaigns.forms import EvidenceForm

    evidence = EvidenceForm()["file"]
    attachment = AttachmentForm(proposal=in_world.objects["draft_proposal"])["file"]
    assert (
        str(evidence.help_text)
        == str(attachment.help_text)
        == "Tệp PDF, JPG, PNG, GIF, WEBP, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP; tối đa 10 MB."
    )
    assert evidence.field.widget.attrs["accept"] == attachment.field.widget.attrs["accept"]
    assert ".pdf" in evidence.field.widget.attrs["accept"] and ".exe" not in evidence.field.widget.attrs["accept"]
    page = (
        client_for(in_world, "sec_a").get(reverse("campaigns:result_detail", args=[draft_result.pk])).content.decode()
    )
    assert "Tệp PDF, JPG, PNG, GIF, WEBP, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP; tối đa 10 MB." in page


def _pptx():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


def test_every_type_either_form_took_before_the_one_rule_is_still_taken_by_the_content():
    """The rule is the union of what the two forms accepted: a unit's slides or animated picture still attach."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from emulation.errors import DomainError
    from emulation.uploads import inspect_upload

    accepted = {
        "tranh.gif": b"GIF89a" + b"\0" * 32,
        "anh.webp": b"RIFF\x24\0\0\0WEBPVP8 " + b"\0" * 32,
        "bao-cao.pptx": _pptx(),
        "cu.ppt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32,
    }
    for name, content in accepted.items():
        assert inspect_upload(SimpleUploadedFile(name, content))[1] == name
    with pytest.raises(DomainError):  # the slides' content under a picture's name
        inspect_upload(SimpleUploadedFile("anh.gif", _pptx()))
