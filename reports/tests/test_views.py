"""The reports page: who sees what, the self-refreshing list, downloads and retry."""

import datetime

import pytest
from django.urls import reverse

from emulation.tests.factories import (
    UnitFactory,
    council_member,
    office_user,
    secretary_of,
    standing_member,
)
from emulation.workflow import SYSTEM
from reports import production, services
from reports.enums import ReportKind, ReportState
from reports.models import Report

from .factories import build_world, demo_profile

pytestmark = pytest.mark.django_db
ANNUAL = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


@pytest.fixture
def world():
    demo_profile()
    return build_world(n_units=4)


def _produce(kind, unit=None, period=ANNUAL):
    report, _ = services.request_report(kind=kind, period_start=period[0], period_end=period[1], unit=unit, by=SYSTEM)
    production.produce_report(report_id=report.pk)
    report.refresh_from_db()
    return report


def test_office_requests_a_report_from_the_page_and_finds_it_finished(
    client, world, django_capture_on_commit_callbacks
):
    office = office_user()
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:request"), {"kind": "quarterly", "year": 2026, "quarter": 3})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.period_start, report.period_end) == (
        ReportKind.QUARTERLY,
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )
    assert report.requested_by == office and report.state == ReportState.DONE
    page = client.get(reverse("reports:list")).content.decode()
    assert "Báo cáo quý III năm 2026" in page
    assert reverse("reports:download", args=[report.pk, "pdf"]) in page
    assert 'hx-trigger="every' not in page  # nothing pending: the list stops polling
    assert "Báo cáo đã hoàn thành" in office.notifications.get().title


def test_the_request_form_refuses_a_per_unit_summary_without_a_unit(client, world):
    client.force_login(office_user())
    response = client.post(reverse("reports:request"), {"kind": "unit", "year": 2026})
    assert response.status_code == 400
    assert "Chọn đơn vị của báo cáo." in response.content.decode()
    assert not Report.objects.exists()


def test_a_pending_report_is_polled_with_htmx_without_reloading_the_page(client, world):
    report = Report.objects.create(kind=ReportKind.ANNUAL, period_start=ANNUAL[0], period_end=ANNUAL[1])
    Report.objects.filter(pk=report.pk).update(state=ReportState.RUNNING, progress=45)
    client.force_login(standing_member())
    page = client.get(reverse("reports:list")).content.decode()
    assert f'hx-get="{reverse("reports:rows")}?' in page and 'hx-trigger="every 3s"' in page
    partial = client.get(reverse("reports:rows"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "45%" in partial and 'id="report-rows"' in partial
    detail = client.get(reverse("reports:detail", args=[report.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in detail and 'hx-trigger="every 3s"' in detail


def test_downloads_carry_a_safe_attachment_name_and_the_file(client, world):
    report = _produce(ReportKind.ANNUAL)
    client.force_login(office_user())
    response = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="bao-cao-annual-{report.number}-BC-2026.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    xlsx = client.get(reverse("reports:download", args=[report.pk, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("reports:download", args=[report.pk, "docx"])).status_code == 404
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert f"{report.number}-BC/ĐUK" in detail and "Tải bản PDF" in detail


def test_a_secretary_sees_and_downloads_only_his_own_units_summaries(client, world):
    own, other = world.units[0], world.units[1]
    mine = _produce(ReportKind.UNIT, unit=own)
    theirs = _produce(ReportKind.UNIT, unit=other)
    bloc = _produce(ReportKind.ANNUAL)
    client.force_login(secretary_of(own))
    page = client.get(reverse("reports:list")).content.decode()
    assert mine.title in page and theirs.title not in page and bloc.title not in page
    assert "Yêu cầu lập báo cáo" not in page
    assert client.get(reverse("reports:download", args=[mine.pk, "pdf"])).status_code == 200
    for report in (theirs, bloc):
        assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 403
        assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 403
    assert client.post(reverse("reports:request"), {"kind": "annual", "year": 2026}).status_code == 403


def test_roles_without_reports_are_refused(client, world):
    client.force_login(council_member())
    assert client.get(reverse("reports:list")).status_code == 403
    client.force_login(secretary_of(UnitFactory()))
    assert "Chưa có báo cáo nào." in client.get(reverse("reports:list")).content.decode()


def test_the_office_sees_a_failed_reports_error_and_retries_it(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("reports.pdf.render_report_pdf", lambda report, data: 1 / 0)
    report = _produce(ReportKind.ANNUAL)
    assert report.state == ReportState.FAILED
    monkeypatch.undo()
    client.force_login(office_user())
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "ZeroDivisionError" in detail and "data-confirm" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.DONE
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Yêu cầu lập lại báo cáo" in detail  # the history timeline
    assert client.post(reverse("reports:retry", args=[report.pk]), follow=True).status_code == 200
    client.force_login(standing_member())
    assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 403


def test_home_shows_the_latest_reports_to_the_office_in_bounded_queries(client, world, django_assert_max_num_queries):
    for quarter_end in (3, 6, 9):
        start = datetime.date(2026, quarter_end - 2, 1)
        end = datetime.date(2026, quarter_end, 30 if quarter_end in (6, 9) else 31)
        services.request_report(kind=ReportKind.QUARTERLY, period_start=start, period_end=end, by=SYSTEM)
    client.force_login(office_user())
    response = client.get(reverse("home"))
    assert "Báo cáo định kỳ mới nhất" in response.content.decode()
    assert "Báo cáo quý III năm 2026" in response.content.decode()
    with django_assert_max_num_queries(30):
        client.get(reverse("reports:list"))


def test_opening_the_reports_page_queues_again_a_request_the_broker_missed(client, world):
    from django.utils import timezone

    report = Report.objects.create(kind=ReportKind.ANNUAL, period_start=ANNUAL[0], period_end=ANNUAL[1])
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=3))
    client.force_login(office_user())
    client.get(reverse("reports:list"))
    report.refresh_from_db()
    assert report.state == ReportState.DONE and report.enqueued_at is not None


def test_the_unit_is_chosen_from_a_list_while_it_is_short_and_typed_by_code_past_the_limit(client, world, monkeypatch):
    from emulation.models import Unit

    filing = Unit.objects.filter(level__in=("committee", "cell"), is_active=True).order_by("name")
    client.force_login(office_user())
    field = client.get(reverse("reports:list")).context["request_form"]["unit"]
    assert [str(unit.pk) for unit in filing] == [str(value) for value, _label in field.field.widget.choices][1:]
    assert "<select" in str(field)

    monkeypatch.setattr("reports.forms.UNIT_SELECT_LIMIT", filing.count() - 1)
    field = client.get(reverse("reports:list")).context["request_form"]["unit"]
    assert '<input type="text"' in str(field)
    unit = filing.first()
    response = client.post(reverse("reports:request"), {"kind": "unit", "year": 2026, "unit": unit.code}, follow=True)
    assert Report.objects.get().unit == unit
    assert response.status_code == 200
