"""What the portal knows is chosen, not typed: titles from the award catalog, yes/no criteria as switches."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaigns import services
from campaigns.models import IndividualRegistration, Pledge, PledgeTarget, ResultValue
from campaigns.titles import COLLECTIVE, INDIVIDUAL, registrable_titles
from emulation.errors import DomainError
from emulation.tests.factories import PersonFactory, UnitFactory

from .conftest import login
from .factories import PledgeFactory, ResultFactory, accepted_pledge
from .test_bad_input import HEADERS, import_file, xlsx
from .test_pledges import pledge_form_data
from .test_results import values_data

pytestmark = pytest.mark.django_db

COLLECTIVE_CATALOG = ["Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc", "Cờ thi đua của Ủy ban nhân dân tỉnh"]
INDIVIDUAL_CATALOG = [
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Chiến sĩ thi đua cấp tỉnh",
    "Chiến sĩ thi đua toàn quốc",
]


def options(page, name):
    """(value, label) of the options of the drop-down ``name`` in a page."""
    import re

    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_catalog_gives_the_titles_a_unit_may_register_for(unit):
    assert registrable_titles(subject=COLLECTIVE, unit=unit) == COLLECTIVE_CATALOG
    assert registrable_titles(subject=INDIVIDUAL, unit=unit) == INDIVIDUAL_CATALOG
    # The Flag goes to the leading collective of a cluster: a unit outside every cluster cannot aim at it.
    loner = UnitFactory(cluster=None)
    assert registrable_titles(subject=COLLECTIVE, unit=loner) == COLLECTIVE_CATALOG[:2]


def test_the_pledge_form_offers_the_collective_titles_of_the_catalog(client, plan, secretary, unit):
    pledge = PledgeFactory(plan=plan, unit=unit, aimed_title="")
    login(client, secretary)
    page = client.get(reverse("campaigns:pledge_edit", args=[pledge.pk])).content.decode()
    assert [label for _value, label in options(page, "aimed_title")] == ["Chưa đăng ký", *COLLECTIVE_CATALOG]
    data = pledge_form_data(plan) | {"aimed_title": "Tập thể lao động tiên tiến"}
    assert client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), data).status_code == 302
    pledge.refresh_from_db()
    assert pledge.aimed_title == "Tập thể lao động tiên tiến"


def test_a_title_outside_the_list_is_refused_with_a_clear_error(client, plan, secretary, unit):
    pledge = PledgeFactory(plan=plan, unit=unit, aimed_title="")
    login(client, secretary)
    data = pledge_form_data(plan) | {"aimed_title": "Đơn vị anh hùng"}
    page = client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), data).content.decode()
    assert "Hãy chọn danh hiệu tập thể trong danh sách đơn vị được đăng ký." in page
    pledge.refresh_from_db()
    assert pledge.aimed_title == ""
    with pytest.raises(DomainError, match="không có trong danh mục danh hiệu tập thể"):
        services.save_pledge(pledge=pledge, by=secretary, targets={}, aimed_title="Đơn vị anh hùng")


def test_a_unit_outside_every_cluster_may_not_aim_at_the_flag(plan):
    loner = UnitFactory(cluster=None)
    from emulation.tests.factories import secretary_of

    secretary = secretary_of(loner, username="bithu-le")
    pledge = PledgeFactory(plan=plan, unit=loner, aimed_title="")
    with pytest.raises(DomainError, match="Cờ thi đua"):
        services.save_pledge(pledge=pledge, by=secretary, targets={}, aimed_title="Cờ thi đua của Ủy ban nhân dân tỉnh")


def test_a_free_text_title_of_an_older_pledge_still_shows_and_is_kept_unchanged(client, plan, secretary, unit):
    pledge = PledgeFactory(plan=plan, unit=unit, aimed_title="Tập thể tiêu biểu xuất sắc")
    login(client, secretary)
    page = client.get(reverse("campaigns:pledge_edit", args=[pledge.pk])).content.decode()
    assert ("Tập thể tiêu biểu xuất sắc", "Tập thể tiêu biểu xuất sắc (ngoài danh mục)") in options(page, "aimed_title")
    detail = client.get(reverse("campaigns:pledge_detail", args=[pledge.pk])).content.decode()
    assert "Tập thể tiêu biểu xuất sắc" in detail
    data = pledge_form_data(plan) | {"aimed_title": "Tập thể tiêu biểu xuất sắc"}
    assert client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), data).status_code == 302
    pledge.refresh_from_db()
    assert pledge.aimed_title == "Tập thể tiêu biểu xuất sắc"


def test_an_individual_registration_picks_a_title_of_the_catalog(client, plan, secretary, unit):
    person = PersonFactory(unit=unit, full_name="Trần Thị Lan")
    pledge = PledgeFactory(plan=plan, unit=unit)
    login(client, secretary)
    url = reverse("campaigns:registration_add", args=[pledge.pk])
    assert [label for _value, label in options(client.get(url).content.decode(), "title")] == INDIVIDUAL_CATALOG
    page = client.post(url, {"person": person.pk, "title": "Anh hùng lao động"}).content.decode()
    assert "Hãy chọn danh hiệu cá nhân trong danh sách." in page
    assert client.post(url, {"person": person.pk, "title": "Chiến sĩ thi đua cơ sở"}).status_code == 302
    assert IndividualRegistration.objects.get(pledge=pledge).title == "Chiến sĩ thi đua cơ sở"


def test_the_import_accepts_the_same_titles_and_names_the_line_of_another(client, plan, secretary, unit):
    people = [PersonFactory(unit=unit, full_name=name) for name in ("Nguyễn An", "Lê Bình")]
    pledge = PledgeFactory(plan=plan, unit=unit)
    login(client, secretary)
    template = client.get(reverse("campaigns:registration_template", args=[pledge.pk]))
    guide = [row[0] for row in load_workbook(io.BytesIO(template.content)).worksheets[1].values]
    assert all(title in guide for title in INDIVIDUAL_CATALOG)

    rows = [HEADERS, [people[0].pk, "Nguyễn An", "", "Danh hiệu tự đặt", ""], [people[1].pk, "Lê Bình", "", "x", ""]]
    rows[2][3] = "lao động  TIÊN TIẾN"
    page = import_file(client, pledge, xlsx(rows)).content.decode()
    assert "Dòng 2: danh hiệu “Danh hiệu tự đặt” không có trong danh mục danh hiệu cá nhân." in page
    assert not IndividualRegistration.objects.exists()
    rows[1][3] = "Chiến sĩ thi đua cơ sở"
    assert import_file(client, pledge, xlsx(rows)).status_code == 302
    assert dict(pledge.registrations.values_list("person__full_name", "title")) == {
        "Nguyễn An": "Chiến sĩ thi đua cơ sở",
        "Lê Bình": "Lao động tiên tiến",  # the catalog's spelling, whatever the case and spaces typed
    }


def test_a_yes_no_target_is_a_switch_stored_as_before(client, plan, secretary, unit):
    pledge = PledgeFactory(plan=plan, unit=unit)
    criterion = plan.criteria.get(code="A")
    login(client, secretary)
    url = reverse("campaigns:pledge_edit", args=[pledge.pk])
    page = client.get(url).content.decode()
    assert f'<input type="checkbox" name="target_{criterion.pk}" role="switch"' in page
    assert '<div class="form-check form-switch">' in page and "Có</label>" in page
    assert f'name="target_{criterion.pk}" inputmode="decimal"' not in page
    data = pledge_form_data(plan) | {f"target_{criterion.pk}": "on"}
    assert client.post(url, data).status_code == 302
    assert PledgeTarget.objects.get(pledge=pledge, criterion=criterion).value == 1
    # Turned off, the criterion is not pledged (as an empty box was).
    data.pop(f"target_{criterion.pk}")
    assert client.post(url, data).status_code == 302
    assert not PledgeTarget.objects.filter(pledge=pledge, criterion=criterion).exists()
    # A target of 0 stored before the switch is kept when the switch stays off.
    PledgeTarget.objects.create(pledge=pledge, criterion=criterion, value=0)
    data["version"] = Pledge.objects.get(pk=pledge.pk).version
    assert client.post(url, data).status_code == 302
    assert PledgeTarget.objects.get(pledge=pledge, criterion=criterion).value == 0


def test_a_yes_no_result_is_a_switch_stored_as_1_or_0_and_shown_as_co_or_khong(client, plan, secretary, unit):
    report = ResultFactory(pledge=accepted_pledge(plan, unit))
    criterion = plan.criteria.get(code="A")
    login(client, secretary)
    url = reverse("campaigns:result_edit", args=[report.pk])
    page = client.get(url).content.decode()
    assert f'<input type="checkbox" name="value_{criterion.pk}" role="switch"' in page and "Đạt</label>" in page
    assert client.post(url, values_data(plan, A="on", B="2")).status_code == 302
    assert ResultValue.objects.get(report=report, criterion=criterion).achieved == 1
    detail = client.get(reverse("campaigns:result_detail", args=[report.pk])).content.decode()
    row = detail[detail.index("A. Quán triệt chỉ thị") :]
    assert row.index('<td class="text-end">Có</td><td class="text-end">Có</td>') < row.index("</tr>")
    report.refresh_from_db()
    assert client.post(url, values_data(plan, B="2") | {"version": report.version}).status_code == 302
    assert ResultValue.objects.get(report=report, criterion=criterion).achieved == 0
    detail = client.get(reverse("campaigns:result_detail", args=[report.pk])).content.decode()
    assert '<td class="text-end">Có</td><td class="text-end">Không</td>' in detail


def test_a_yes_no_criterion_the_unit_did_not_pledge_gets_no_value_from_a_switch_left_off(client, plan, secretary, unit):
    """Only a pledged (or already answered) criterion is "not achieved" when its switch is off: the others stay
    without a value, so the averages by criterion count the units that pledged it, as before the switch."""
    pledge = accepted_pledge(plan, unit)
    criterion = plan.criteria.get(code="A")
    PledgeTarget.objects.filter(pledge=pledge, criterion=criterion).delete()
    report = ResultFactory(pledge=pledge)
    login(client, secretary)
    url = reverse("campaigns:result_edit", args=[report.pk])
    assert client.post(url, values_data(plan, B="2")).status_code == 302
    assert not ResultValue.objects.filter(report=report, criterion=criterion).exists()


def test_the_services_still_refuse_a_yes_no_value_other_than_1_or_0(plan, secretary, unit):
    """Scoring reads 1 or 0, as before the switch: whatever reaches a service otherwise is refused."""
    pledge = PledgeFactory(plan=plan, unit=unit)
    criterion = plan.criteria.get(code="A")
    with pytest.raises(DomainError, match="chỉ tiêu chỉ nhận 1 \\(có\\) hoặc 0 \\(không\\)"):
        services.save_pledge(pledge=pledge, by=secretary, targets={criterion: "2"})
    assert not PledgeTarget.objects.exists()


def test_the_pledge_page_shows_a_yes_no_target_as_co(client, plan, secretary, unit):
    pledge = accepted_pledge(plan, unit)
    login(client, secretary)
    page = client.get(reverse("campaigns:pledge_detail", args=[pledge.pk])).content.decode()
    assert '<td class="text-end">Có</td>' in page
    assert pledge.targets.get(criterion__code="A").value == Decimal(1)


def _count(client, url):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_forms_with_lists_ask_the_same_number_of_queries_whatever_their_length(client, plan, secretary, unit):
    """The catalog's titles and the unit's people are each read once; neither the options nor the criteria cost a
    query apiece (the lone-option check reuses the options the drop-down draws)."""
    pledge = PledgeFactory(plan=plan, unit=unit)
    login(client, secretary)
    urls = [
        reverse("campaigns:registration_add", args=[pledge.pk]),
        reverse("campaigns:pledge_edit", args=[pledge.pk]),
        reverse("campaigns:exemplar_create"),
    ]
    PersonFactory(unit=unit)
    few = {url: _count(client, url) for url in urls}
    for n in range(30):
        PersonFactory(unit=unit, full_name=f"Người số {n}")
    from .factories import CriterionFactory

    for n in range(6):
        CriterionFactory(plan=plan, code=f"E{n}")
    assert {url: _count(client, url) for url in urls} == few
