"""Result reports: the unit reports against its accepted pledge, the Office returns or accepts, completion is computed."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import selectors
from campaigns.enums import ReviewState
from campaigns.models import Evidence, ResultReport
from emulation.tests.factories import UnitFactory

from . import oracles
from .conftest import login
from .factories import ResultFactory, accepted_pledge

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def values_data(plan, **values):
    data = {"narrative": "Hoàn thành các chỉ tiêu sáu tháng.", "self_score": "30"}
    for criterion in plan.criteria.all():
        data[f"value_{criterion.pk}"] = values.get(criterion.code, "")
    return data


def act(client, report, action, comment=""):
    return client.post(reverse("campaigns:result_action", args=[report.pk, action]), {"comment": comment}, follow=True)


def test_result_story_with_evidence_return_fix_resubmit_and_acceptance(client, plan, unit, secretary, office):
    pledge = accepted_pledge(plan, unit)  # targets A=1, B=4, C=90, D=8
    login(client, secretary)
    response = client.post(reverse("campaigns:result_start", args=[pledge.pk]), {"period": "six_month"})
    report = ResultReport.objects.get(pledge=pledge, period="six_month")
    assert response.status_code == 302 and report.state == ReviewState.DRAFT

    client.post(reverse("campaigns:result_edit", args=[report.pk]), values_data(plan, A="1", B="2", C="90"))
    upload = SimpleUploadedFile("Biên bản hội nghị.pdf", PDF, content_type="application/pdf")
    page = client.post(
        reverse("campaigns:evidence_upload", args=[report.pk]), {"file": upload, "description": "Biên bản"}, follow=True
    ).content.decode()
    assert "Đã tải lên minh chứng." in page
    evidence = Evidence.objects.get(report=report)
    assert evidence.content_type == "application/pdf" and evidence.original_name == "Biên bản hội nghị.pdf"
    assert "Biên bản hội nghị" not in evidence.file.name  # stored under a random name

    act(client, report, "submit")
    report.refresh_from_db()
    assert report.state == ReviewState.SUBMITTED

    login(client, office)
    act(client, report, "return", "Thiếu kết quả tiêu chí D.")
    report.refresh_from_db()
    assert report.state == ReviewState.RETURNED

    login(client, secretary)
    client.post(reverse("campaigns:result_edit", args=[report.pk]), values_data(plan, A="1", B="2", C="90", D="8"))
    act(client, report, "submit")
    login(client, office)
    act(client, report, "accept")
    report.refresh_from_db()
    assert report.state == ReviewState.ACCEPTED
    completions = {v.criterion.code: v.completion for v in report.values.select_related("criterion")}
    assert completions == {"A": 100, "B": 50, "C": 100, "D": 100}
    # Weighted (C weighs 2): (100 + 50 + 2×100 + 100) / 5 = 90%; score out of 100 = (10 + 5 + 2×10 + 10) / 50 × 100.
    assert report.completion == Decimal("90.00") and report.score == Decimal("90.00")

    page = client.get(report.get_absolute_url()).content.decode()
    for label in (
        "Gửi báo cáo kết quả",
        "Trả lại báo cáo để bổ sung",
        "Chấp thuận báo cáo kết quả",
        "Tải lên minh chứng",
    ):
        assert label in page
    assert "Thiếu kết quả tiêu chí D." in page


def test_results_need_an_accepted_pledge(client, plan, unit, secretary):
    from .factories import PledgeFactory

    pledge = PledgeFactory(plan=plan, unit=unit, state=ReviewState.SUBMITTED)
    login(client, secretary)
    page = client.post(
        reverse("campaigns:result_start", args=[pledge.pk]), {"period": "six_month"}, follow=True
    ).content.decode()
    assert "Chỉ báo cáo kết quả khi bản đăng ký thi đua đã được chấp thuận." in page
    assert not ResultReport.objects.exists()


def test_units_are_ranked_within_their_cluster_by_accepted_score(plan):
    first, second = UnitFactory(), None
    second = UnitFactory(cluster=first.cluster)
    elsewhere = UnitFactory()
    for unit, score in ((first, 40), (second, 45), (elsewhere, 10)):
        ResultFactory(pledge=accepted_pledge(plan, unit), state=ReviewState.ACCEPTED, score=score)
    ResultFactory(
        pledge=accepted_pledge(plan, UnitFactory(cluster=first.cluster)), state=ReviewState.SUBMITTED, score=99
    )
    ranking = [(r.unit, r.rank) for r in oracles.cluster_ranking(plan, "six_month")]
    assert (second, 1) in ranking and (first, 2) in ranking and (elsewhere, 1) in ranking
    assert len(ranking) == 3  # a report not yet accepted is not ranked


def test_ranking_page_shows_clusters(client, plan, office):
    unit = UnitFactory(name="Đảng bộ Điện lực")
    report = ResultFactory(pledge=accepted_pledge(plan, unit), state=ReviewState.ACCEPTED, score=40, completion=80)
    login(client, office)
    page = client.get(reverse("campaigns:plan_ranking", args=[plan.pk])).content.decode()
    assert "Đảng bộ Điện lực" in page and unit.cluster.name in page
    assert f'<a href="{reverse("campaigns:result_detail", args=[report.pk])}">Đảng bộ Điện lực</a>' in page


def test_evidence_downloads_only_through_the_checked_view_as_attachment(client, plan, unit, secretary, other_secretary):
    report = ResultFactory(pledge=accepted_pledge(plan, unit))
    login(client, secretary)
    upload = SimpleUploadedFile('Báo "cáo" quý.pdf', PDF)
    client.post(reverse("campaigns:evidence_upload", args=[report.pk]), {"file": upload})
    evidence = Evidence.objects.get()
    url = reverse("campaigns:evidence_download", args=[report.pk, evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "\n" not in disposition and "\r" not in disposition
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    login(client, other_secretary)
    assert client.get(url).status_code in (403, 404)


def test_ranking_pages_match_the_database_ranking_with_ties_across_clusters(client, plan, office):
    """Pages are cut from per-cluster counts and ranked in Python: the same rows and ranks as the window query."""
    from emulation.tests.factories import ClusterFactory

    clusters = [ClusterFactory(name=name) for name in ("Cụm C", "Cụm A", "Cụm B")]
    scores = [40, 45, 40, None, 12, 45, 30]
    for i in range(63):
        unit = UnitFactory(name=f"Đơn vị {i:02d}", cluster=clusters[i % 3])
        ResultFactory(pledge=accepted_pledge(plan, unit), state=ReviewState.ACCEPTED, score=scores[i % len(scores)])
    ResultFactory(pledge=accepted_pledge(plan, UnitFactory(cluster=clusters[0])), state=ReviewState.SUBMITTED)
    login(client, office)
    url = reverse("campaigns:plan_ranking", args=[plan.pk])

    page = client.get(url).context["page"]
    rows = selectors.ranking_page_rows(plan, "six_month")
    sliced = [r for start, stop in ((0, 10), (10, 31), (31, 63)) for r in rows[start:stop]]

    expected = [(r.unit.name, r.rank) for r in oracles.cluster_ranking(plan, "six_month")]
    assert len(expected) == 63 and page.paginator.count == 63
    assert [(r.unit.name, r.rank) for r in page] == expected
    assert [(r.unit.name, r.rank) for r in sliced] == expected
