"""The demo data of the campaigns: the plan's term, movements, phases; idempotent."""

import pytest
from django.utils import timezone

from campaigns.demo import seed
from campaigns.enums import InitiativeState, RecognitionLevel, ReviewState
from campaigns.models import (
    Covenant,
    CovenantSignature,
    Criterion,
    Exemplar,
    IndividualRegistration,
    Initiative,
    Movement,
    Phase,
    Pledge,
    PledgeTarget,
    ResultReport,
    ResultValue,
    Term,
    YearPlan,
)
from emulation.demo import seed as seed_core
from emulation.models import AuditEntry

pytestmark = pytest.mark.django_db

MODELS = [
    Term,
    Movement,
    YearPlan,
    Phase,
    Criterion,
    Pledge,
    PledgeTarget,
    IndividualRegistration,
    Covenant,
    CovenantSignature,
    ResultReport,
    ResultValue,
    Exemplar,
    Initiative,
    AuditEntry,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_loads_the_plan_and_is_idempotent():
    seed_core()
    seed()
    first = counts()
    seed()
    assert counts() == first

    year = timezone.localdate().year
    term = YearPlan.objects.get(year=year).term
    assert term.start_year <= year < term.end_year
    assert Term.objects.filter(name="2020-2025").exists()
    assert term.motto == "Đổi mới - Sáng tạo - Hiệu quả"
    assert term.theme.startswith("Đổi mới, sáng tạo, tổ chức sâu rộng, hiệu quả các phong trào thi đua yêu nước")
    assert list(term.movements.values_list("name", flat=True)) == [
        "Cả tỉnh chung sức xây dựng nông thôn mới, đô thị văn minh",
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        "Cán bộ, đảng viên, công chức, viên chức, người lao động Đảng bộ Khối thi đua thực hiện văn hóa công sở, "
        "văn hóa doanh nghiệp",
        "Doanh nghiệp Hà Tĩnh hội nhập và phát triển",
        "Hà Tĩnh chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
    ]
    plan = YearPlan.objects.get(year=year)
    occasions = " ".join(plan.phases.values_list("occasion", flat=True))
    assert f"Kỷ niệm {year - 1930} năm Ngày thành lập Đảng Cộng sản Việt Nam" in occasions
    assert f"{year - 1956} năm Ngày truyền thống Đảng bộ Khối" in occasions
    assert plan.state == "launched"
    assert YearPlan.objects.get(year=year - 1).state == "closed"
    assert YearPlan.objects.get(year=year + 1).state == "draft"

    pledges = Pledge.objects.filter(plan=plan)
    assert set(pledges.values_list("state", flat=True)) == {"draft", "submitted", "returned", "accepted"}
    assert pledges.filter(state=ReviewState.ACCEPTED).count() > pledges.exclude(state=ReviewState.ACCEPTED).count()
    results = ResultReport.objects.filter(plan=plan, period="six_month")
    assert set(results.values_list("state", flat=True)) == {"draft", "submitted", "returned", "accepted"}
    assert results.filter(state=ReviewState.ACCEPTED, score__isnull=False).exists()
    assert CovenantSignature.objects.exists()
    assert Exemplar.objects.filter(state="published").exists()

    recognized = Initiative.objects.filter(state=InitiativeState.RECOGNIZED)
    assert set(recognized.values_list("recognition_level", flat=True)) >= {
        RecognitionLevel.UNIT,
        RecognitionLevel.BLOC,
        RecognitionLevel.PROVINCE,
    }
    assert {d.year for d in recognized.values_list("recognized_on", flat=True)} == {2021, 2022, 2023}
    assert all(i.authors.exists() for i in recognized)
