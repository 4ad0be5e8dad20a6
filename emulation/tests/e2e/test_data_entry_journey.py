"""Entering data without typing what the portal knows: a secretary chooses the collective title of the pledge from
the award catalog and answers a yes/no criterion with a switch, in the pledge and in a result report; the Office,
with the portal in English, types a phase's end as 25/12 (day first) and picks its start from the calendar."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import Phase, Pledge, ResultReport, YearPlan
from emulation.models import Unit

from .test_pledge_journey import launched_next  # noqa: F401 - the fixture: next year's plan, launched

COLLECTIVE_TITLES = [
    "Chưa đăng ký",
    "Tập thể lao động tiên tiến",
    "Tập thể lao động xuất sắc",
    "Cờ thi đua của Ủy ban nhân dân tỉnh",
]


@pytest.mark.usefixtures("launched_next")
def test_titles_switches_and_dates_are_chosen_not_typed(journey):
    plan = YearPlan.objects.get(year=timezone.localdate().year + 1)
    unit = Unit.objects.get(code="so-tai-chinh")

    # The pledge: the collective title is one of the catalog's, the yes/no criterion a switch.
    secretary = journey("data-entry-secretary")
    page = secretary.page
    secretary.login("bithu1")
    secretary.goto(plan.get_absolute_url())
    secretary.click("Lập bản đăng ký thi đua")
    title = page.get_by_label("Danh hiệu tập thể đăng ký")
    expect(title.locator("option")).to_have_text(COLLECTIVE_TITLES)
    title.select_option(label="Tập thể lao động xuất sắc")
    switch = page.get_by_role("switch", name=re.compile(r"^TC1\."))
    expect(switch).not_to_be_checked()
    switch.check()
    page.get_by_label("TC2.").fill("95")
    secretary.step("pledge form with a title list and a switch")
    secretary.click("Lưu")
    expect(page.get_by_text("Đã lưu bản đăng ký thi đua.")).to_be_visible()
    expect(page.locator("dd").filter(has_text="Tập thể lao động xuất sắc")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="TC1.")).to_contain_text("Có")
    secretary.step("pledge saved")
    pledge = Pledge.objects.get(plan=plan, unit=unit)
    assert pledge.aimed_title == "Tập thể lao động xuất sắc"
    assert pledge.targets.get(criterion__code="TC1").value == 1

    # A six-month result of this year's accepted pledge of another unit: the criterion achieved, by the switch.
    this_year = timezone.localdate().year
    reporting_unit = Unit.objects.get(code="so-ke-hoach")
    current = Pledge.objects.get(plan__year=this_year, unit=reporting_unit)
    reporter = journey("data-entry-reporter")
    rpage = reporter.page
    reporter.login("bithu2")
    reporter.goto(current.get_absolute_url())
    rpage.get_by_label("Lập báo cáo kỳ").select_option(label="Sáu tháng đầu năm")
    reporter.click("Lập báo cáo")
    achieved = rpage.get_by_role("switch", name=re.compile(r"^TC1\."))
    expect(achieved).to_have_accessible_name(re.compile(r"Đạt$"))
    achieved.check()
    reporter.step("result form with a switch")
    reporter.click("Lưu")
    expect(rpage.get_by_text("Đã lưu báo cáo kết quả.")).to_be_visible()
    row = rpage.get_by_role("row").filter(has_text="TC1.")
    expect(row.get_by_role("cell", name="Có", exact=True)).to_have_count(2)  # the target and what was achieved
    reporter.step("result saved")
    report = ResultReport.objects.get(plan=current.plan, unit=reporting_unit, period="six_month")
    assert report.values.get(criterion__code="TC1").achieved == 1

    # The Office, in English, adds a phase to this year's plan: the start from the calendar, the end typed.
    office = journey("data-entry-office")
    opage = office.page
    office.login("vanphong")
    office.open_menu()
    opage.get_by_role("button", name="EN", exact=True).click()
    opage.wait_for_load_state()
    expect(opage.locator("html")).to_have_attribute("lang", "en")
    this_plan = YearPlan.objects.get(year=this_year)
    office.goto(reverse("campaigns:phase_create", args=[this_plan.pk]))
    opage.locator("#id_name").fill("Đợt thi đua cao điểm cuối năm")
    opage.locator("#id_occasion").fill("Tổng kết năm")
    start = opage.locator("#id_start_date")
    expect(start).to_have_attribute("placeholder", "dd/mm/yyyy")
    expect(start).to_have_attribute("type", "text")
    opage.locator("#div_id_start_date button").click()
    calendar = opage.locator(".flatpickr-calendar.open")
    expect(calendar).to_be_visible()
    calendar.locator(".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text=re.compile(r"^1$")).click()
    today = timezone.localdate()
    expect(start).to_have_value(f"01/{today.month:02d}/{today.year}")
    expect(calendar).to_have_count(0)
    opage.locator("#id_end_date").fill(f"25/12/{this_year}")
    office.step("phase form in English")
    office.click("Save")
    expect(opage.get_by_text("Phase saved.")).to_be_visible()
    phase = Phase.objects.get(plan=this_plan, name="Đợt thi đua cao điểm cuối năm")
    assert phase.start_date == datetime.date(today.year, today.month, 1)
    assert phase.end_date == datetime.date(this_year, 12, 25)
    expect(opage.get_by_role("row").filter(has_text="Đợt thi đua cao điểm cuối năm")).to_contain_text(
        f"25/12/{this_year}"
    )
    office.step("phase saved")
    office.goto(reverse("campaigns:phase_update", args=[phase.pk]))
    expect(opage.locator("#id_end_date")).to_have_value(f"25/12/{this_year}")
    office.step("phase form shown again")
