"""The secretary of another unit (bithu2, Planning and Investment) types the Finance Department's addresses: every
one is refused and nothing of the other unit's records reaches the page."""

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from awards.models import Proposal
from campaigns.models import Evidence, Pledge, ResultReport
from emulation.models import Unit
from reports.enums import ReportKind
from reports.models import Report

EVIDENCE_NAME = "bien-ban-kiem-tra-noi-bo-so-tai-chinh.pdf"


def _evidence(report):
    """A file the Finance Department attached to its six-month report (the pledge journey uploads one by hand)."""
    evidence = Evidence(
        report=report,
        original_name=EVIDENCE_NAME,
        content_type="application/pdf",
        size=40,
        description="Biên bản kiểm tra nội bộ",
        uploaded_by=User.objects.get(username="bithu1"),
    )
    evidence.file.save(EVIDENCE_NAME, ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), save=True)
    return evidence


def test_a_secretary_of_another_unit_is_refused_the_first_units_records(journey):
    finance = Unit.objects.get(code="so-tai-chinh")
    pledge = Pledge.objects.filter(unit=finance).order_by("-plan__year").first()
    result = ResultReport.objects.filter(unit=finance).first()
    evidence = _evidence(result)
    proposal = Proposal.objects.filter(unit=finance).order_by("pk").first()
    nominee = proposal.nominees.select_related("person").exclude(person=None).first()
    attachment = proposal.attachments.first()
    unit_report = Report.objects.get(kind=ReportKind.UNIT, unit=finance)
    secret = [pledge.commitment, result.narrative, EVIDENCE_NAME, nominee.person.full_name, unit_report.title]

    other = journey("other-unit")
    other.login("bithu2")
    addresses = [
        pledge.get_absolute_url(),
        f"/dang-ky-thi-dua/{pledge.pk}/sua/",
        f"/dang-ky-thi-dua/{pledge.pk}/ca-nhan/mau.xlsx",
        result.get_absolute_url(),
        f"/bao-cao-ket-qua/{result.pk}/sua/",
        f"/bao-cao-ket-qua/{result.pk}/minh-chung/{evidence.pk}/",
        proposal.get_absolute_url(),
        f"/tep-ho-so/{attachment.pk}/",
        unit_report.get_absolute_url(),
        f"/bao-cao-dinh-ky/{unit_report.pk}/tai-ve/pdf/",
        f"/bao-cao-dinh-ky/{unit_report.pk}/tai-ve/xlsx/",
    ]
    for path in addresses:
        response = other.goto(path)
        assert response.status in (403, 404), f"{path}: {response.status}"
        content = other.page.content()
        for text in secret:
            assert text not in content, f"{path} shows “{text}”"
    other.step("refused")

    # The lists the secretary can open show the own unit only.
    other.menu("Phong trào thi đua", "Đăng ký thi đua")
    assert other.page.get_by_role("link", name="Đảng bộ Sở Kế hoạch và Đầu tư").count()
    assert not other.page.get_by_role("link", name=finance.name).count()
    other.step("own pledges only")
    other.menu("Khen thưởng", "Hồ sơ đề nghị khen thưởng")
    assert not other.page.get_by_role("link", name=finance.name).count()
    other.step("own proposals only")
    other.menu("Báo cáo")
    assert not other.page.get_by_role("link", name=unit_report.title).count()
    other.step("reports")
