"""The document checker refuses what an office could not sign: a missing number, a signature block orphaned on
a page of its own, a certificate on two pages. Each bad document is made on purpose from the Party layout."""

import pytest
from django.template import engines

from emulation.documents import party_document_context
from emulation.models import OrganizationProfile
from emulation.tests.document_checker import DocumentSpec, check_document

pytestmark = pytest.mark.django_db
SIGNER = "Nguyễn Đình Hải"
BODY = "<p>Ban Thường vụ Đảng ủy Khối báo cáo kết quả thực hiện phong trào thi đua trong năm.</p>"


@pytest.fixture(autouse=True)
def profile(db):
    return OrganizationProfile.objects.create(
        superior_body="ĐẢNG BỘ TỈNH HÀ TĨNH",
        issuing_body="ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        place="Hà Tĩnh",
        number_suffix="ĐUK",
        signer_name=SIGNER,
        recipients="Ban Thường vụ Đảng ủy Khối,\nLưu Văn phòng Đảng ủy Khối.",
    )


def _pdf(body=BODY, number="12", extra=""):
    source = (
        '{% extends "documents/party_base.html" %}{% block doc_type %}BÁO CÁO{% endblock %}'
        "{% block subject %}Kết quả thi đua năm 2026{% endblock %}"
        "{% block extra_style %}" + extra + "{% endblock %}{% block body %}" + body + "{% endblock %}"
    )
    template = engines["django"].from_string(source)
    context = party_document_context(kind_code="BC", number=number)
    from weasyprint import HTML

    return HTML(string=template.render(context)).write_pdf()


SPEC = DocumentSpec(kind="BC", title="BÁO CÁO", signer_name=SIGNER)


def test_a_well_formed_report_passes():
    assert check_document(_pdf(), SPEC) == []


def test_a_missing_number_fails():
    problems = check_document(_pdf(number=""), SPEC)
    assert any("is not in the form 'Số 12-BC/ĐUK'" in p for p in problems)
    assert any("placeholder" in p for p in problems)


def test_a_signature_block_alone_on_its_page_fails():
    # A forced break after the text leaves the signature block to a page of its own.
    orphaned = BODY + '<div style="break-before: page"></div>'
    problems = check_document(_pdf(body=orphaned), SPEC)
    assert any("stands alone on page 2" in p for p in problems)


def test_a_signature_without_its_name_on_the_same_page_fails():
    cut = ".signature .name { break-before: page; }"
    problems = check_document(_pdf(extra=cut), SPEC)
    assert any("is not under the signature block (on another page)" in p for p in problems)


def test_a_one_page_document_such_as_a_certificate_on_two_pages_fails():
    spec = DocumentSpec(kind="BC", title="BÁO CÁO", signer_name=SIGNER, one_page=True)
    long_body = BODY * 60
    problems = check_document(_pdf(body=long_body), spec)
    assert any("a one-page document runs to" in p for p in problems)


def test_placeholders_doubled_words_and_internal_names_fail():
    body = (
        "<p>Báo cáo kết quả sáu tháng đầu năm năm 2027; Tỷ lệ (%) (%); giá trị None.</p><p>Tặng Giấy khen (cá nhân)</p>"
    )
    spec = DocumentSpec(kind="BC", title="BÁO CÁO", signer_name=SIGNER, internal_names=["Giấy khen (cá nhân)"])
    problems = check_document(_pdf(body=body), spec)
    assert any("doubled word 'năm năm'" in p for p in problems)
    assert any("doubled '(%)'" in p for p in problems)
    assert any("placeholder" in p and "None" in p for p in problems)
    assert any("internal name" in p for p in problems)
