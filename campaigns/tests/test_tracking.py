"""The Office's tracking page, reminders to late or missing units, the exports, and each role's home page."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from campaigns import selectors
from campaigns.enums import ReviewState
from emulation.enums import UnitSector
from emulation.models import AuditEntry, Notification
from emulation.services import save_cluster
from emulation.tasks import send_reminder_digests
from emulation.tests.factories import UnitFactory, secretary_of

from . import oracles
from .conftest import login
from .factories import PlanFactory, PledgeFactory, accepted_pledge, plan_with_criteria

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_plan(db):
    """A plan of this year whose registration deadline has passed."""
    plan = plan_with_criteria()
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    plan.registration_deadline = yesterday
    plan.save()
    return plan


@pytest.fixture
def units(overdue_plan):
    pledged = UnitFactory(name="Đảng bộ Đã đăng ký")
    late = UnitFactory(name="Đảng bộ Nộp muộn", sector=UnitSector.ENTERPRISE)
    missing = UnitFactory(name="Đảng bộ Chưa đăng ký", cluster=pledged.cluster)
    accepted_pledge(overdue_plan, pledged)
    PledgeFactory(plan=overdue_plan, unit=late, state=ReviewState.SUBMITTED, is_late=True)
    return {"pledged": pledged, "late": late, "missing": missing}


def test_tracking_shows_units_counts_filters_and_the_late_or_missing(client, overdue_plan, units, office):
    login(client, office)
    url = reverse("campaigns:plan_tracking", args=[overdue_plan.pk])
    response = client.get(url)
    counts = response.context["counts"]
    assert counts["total"] == 3 and counts["pledged"] == 2 and counts["late"] == 1 and counts["accepted"] == 1
    overdue = {row["unit"].name for row in response.context["overdue"]}
    assert overdue == {"Đảng bộ Nộp muộn", "Đảng bộ Chưa đăng ký"}
    assert response.context["overdue_total"] == 2

    by_cluster = {row["cluster__name"]: row for row in response.context["clusters"]}
    assert by_cluster[units["pledged"].cluster.name]["total"] == 2

    page = client.get(url, {"status": "missing"})
    assert [u.name for u in page.context["page"]] == ["Đảng bộ Chưa đăng ký"]
    page = client.get(url, {"sector": UnitSector.ENTERPRISE})
    assert [u.name for u in page.context["page"]] == ["Đảng bộ Nộp muộn"]
    page = client.get(url, {"cluster": units["late"].cluster.pk})
    assert [u.name for u in page.context["page"]] == ["Đảng bộ Nộp muộn"]


def test_send_reminder_notifies_the_secretaries_and_mails_them_in_the_next_digest(
    client, overdue_plan, units, office, django_capture_on_commit_callbacks
):
    secretary = secretary_of(units["missing"], email="bithu@thidua.local")
    login(client, office)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("campaigns:plan_remind", args=[overdue_plan.pk]),
            {"unit": [units["missing"].pk], "message": "Đề nghị khẩn trương hoàn thành."},
            follow=True,
        ).content.decode()
    assert "Đã gửi nhắc nhở tới 1 đơn vị." in page
    note = Notification.objects.get(recipient=secretary)
    assert "Đôn đốc" in note.title and "Bản đăng ký thi đua" in note.body and "khẩn trương" in note.body
    assert mail.outbox == []  # a reminder waits for the day's digest
    assert send_reminder_digests() == 1
    assert [m.to for m in mail.outbox] == [["bithu@thidua.local"]] and "khẩn trương" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="plan.reminder_sent")
    assert entry.data["units"] == [units["missing"].pk]
    assert "Gửi nhắc nhở đơn vị" in client.get(overdue_plan.get_absolute_url()).content.decode()


def test_only_the_office_sends_reminders(client, overdue_plan, units, secretary):
    login(client, secretary)
    response = client.post(reverse("campaigns:plan_remind", args=[overdue_plan.pk]), {"unit": [units["missing"].pk]})
    assert response.status_code == 403
    assert not Notification.objects.exists()


def test_exports_are_xlsx_files_of_the_same_lists(client, overdue_plan, units, office):
    login(client, office)
    response = client.get(reverse("campaigns:tracking_export", args=[overdue_plan.pk, "don-vi"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Đơn vị" and len(rows) == 4
    assert {r[0] for r in rows[1:]} == {u.name for u in units.values()}
    response = client.get(reverse("campaigns:tracking_export", args=[overdue_plan.pk, "tre-han"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert {r[0] for r in rows[1:]} == {"Đảng bộ Nộp muộn", "Đảng bộ Chưa đăng ký"}
    assert AuditEntry.objects.filter(action="export").count() == 2


def test_secretary_home_lists_what_the_unit_owes_and_by_when(client, overdue_plan, units):
    login(client, secretary_of(units["missing"]))
    page = client.get(reverse("home")).content.decode()
    assert "Việc đơn vị cần thực hiện" in page
    assert "Bản đăng ký thi đua" in page and overdue_plan.registration_deadline.strftime("%d/%m/%Y") in page
    assert "Quá hạn" in page


def test_office_home_shows_deadlines_and_counts(client, overdue_plan, units, office):
    login(client, office)
    page = client.get(reverse("home")).content.decode()
    assert "Theo dõi phong trào thi đua" in page
    assert "1 bản đăng ký chờ xét" in page
    assert overdue_plan.six_month_deadline.strftime("%d/%m/%Y") in page
    assert '<div class="stat">2/3</div>' in page  # member units that filed a pledge

    # The counts are cached: a newly submitted pledge and a filing by the unit still show at once.
    PledgeFactory(plan=overdue_plan, unit=units["missing"], state=ReviewState.SUBMITTED)
    page = client.get(reverse("home")).content.decode()
    assert "2 bản đăng ký chờ xét" in page and '<div class="stat">3/3</div>' in page


def test_secretary_home_covers_every_launched_plan_of_each_own_unit(client, overdue_plan, units):
    second = plan_with_criteria()
    PledgeFactory(plan=second, unit=units["late"], state=ReviewState.ACCEPTED)
    login(client, secretary_of(units["late"]))

    entries = client.get(reverse("home")).context["panels"]
    entries = next(p for p in entries if p["template"] == "campaigns/panels/secretary.html")["context"]["entries"]

    states = {(e["plan"].pk, e["unit"].name): e["unit"].pledge_state for e in entries}
    assert states == {
        (overdue_plan.pk, "Đảng bộ Nộp muộn"): ReviewState.SUBMITTED,
        (second.pk, "Đảng bộ Nộp muộn"): ReviewState.ACCEPTED,
    }


def test_tracking_is_not_for_secretaries(client, secretary):
    plan = PlanFactory()
    login(client, secretary)
    assert client.get(reverse("campaigns:plan_tracking", args=[plan.pk])).status_code == 403


def test_tracking_pages_follow_cluster_then_tree_order_across_clusters(client, overdue_plan, office):
    """Pages are cut from per-cluster counts: together they list every member unit once, in the full order."""
    from emulation.tests.factories import ClusterFactory

    clusters = [ClusterFactory(name=name) for name in ("Cụm C", "Cụm A", "Cụm B")]
    for i in range(36):
        UnitFactory(name=f"Đơn vị {i:02d}", cluster=clusters[i % 3] if i % 4 else None)
    PledgeFactory(
        plan=overdue_plan, unit=UnitFactory(name="Đơn vị có đăng ký", cluster=clusters[1]), state=ReviewState.SUBMITTED
    )
    login(client, office)
    url = reverse("campaigns:plan_tracking", args=[overdue_plan.pk])

    pages = [client.get(url, {"page": n}).context["page"] for n in (1, 2)]

    listed = [u for page in pages for u in page]
    expected = list(selectors.member_units())
    assert [u.pk for u in listed] == [u.pk for u in expected] and len(listed) == 37
    names = [u.cluster.name for u in listed if u.cluster]
    assert names == sorted(names) and names[0] == "Cụm A"  # by name, not by creation
    assert all(u.cluster is None for u in listed[-9:])  # units of no cluster last
    pledged = next(u for u in listed if u.name == "Đơn vị có đăng ký")
    assert pledged.pledge_state == ReviewState.SUBMITTED and pages[0].paginator.count == 37


def test_tracking_cached_parts_follow_a_renamed_cluster(client, overdue_plan, units, office):
    login(client, office)
    url = reverse("campaigns:plan_tracking", args=[overdue_plan.pk])
    cluster = units["pledged"].cluster
    assert client.get(url).content.decode().count(cluster.name) >= 2  # filter option and cluster table

    cluster.name = "Cụm đổi tên"
    save_cluster(cluster=cluster)  # as the admin does

    page = client.get(url, {"cluster": cluster.pk}).content.decode()
    assert f'<option value="{cluster.pk}" selected>Cụm đổi tên</option>' in page
    assert "<td>Cụm đổi tên</td>" in client.get(url).content.decode()


def test_secretary_home_is_cached_yet_shows_a_filed_pledge_at_once(client, overdue_plan, units):
    login(client, secretary_of(units["missing"]))

    def owed():
        panels = client.get(reverse("home")).context["panels"]
        entries = next(p for p in panels if p["template"] == "campaigns/panels/secretary.html")["context"]["entries"]
        return [item["label"] for e in entries for item in e["items"]]

    assert "Bản đăng ký thi đua" in owed()
    PledgeFactory(plan=overdue_plan, unit=units["missing"], state=ReviewState.SUBMITTED)
    assert "Bản đăng ký thi đua" not in owed()


@pytest.mark.parametrize("status", ["", "none", "late", "missing", "draft", "submitted", "accepted", "superseded"])
def test_status_filter_lists_the_same_units_as_the_tracking_figures(client, overdue_plan, units, office, status):
    """The page filters on the plan's pledges; the annotated units filtered on their annotations (oracles) are the
    same units."""
    PledgeFactory(plan=overdue_plan, unit=UnitFactory(name="Đảng bộ Đang soạn"), state=ReviewState.DRAFT)
    old = PledgeFactory(plan=overdue_plan, unit=units["missing"], state=ReviewState.SUPERSEDED, revision=1)
    assert old.state == ReviewState.SUPERSEDED  # a superseded pledge is no current pledge
    login(client, office)

    page = client.get(reverse("campaigns:plan_tracking", args=[overdue_plan.pk]), {"status": status}).context["page"]

    expected = list(oracles.tracking_units(overdue_plan, status=status))
    assert [u.pk for u in page] == [u.pk for u in expected]
    assert [u.pledge_state for u in page] == [u.pledge_state for u in expected]


@pytest.mark.parametrize("status", ["", "none", "late", "missing", "accepted"])
def test_figures_and_overdue_units_match_the_per_unit_tracking_rows(overdue_plan, office, status):
    """The grouped figures and the overdue rule agree with the annotated units (oracles) read unit by unit."""
    from campaigns.models import Covenant, CovenantSignature

    from .factories import ResultFactory

    plan = overdue_plan
    plan.six_month_deadline = plan.registration_deadline
    plan.save()
    lead, member, other, lone = (UnitFactory(name=n) for n in ("Trưởng cụm", "Thành viên", "Cụm khác", "Chưa ký"))
    for unit in (member, lone):
        unit.cluster = lead.cluster
        unit.save()
    covenant = Covenant.objects.create(
        plan=plan, cluster=lead.cluster, lead_unit=lead, title="G", text="…", state="open"
    )
    CovenantSignature.objects.create(covenant=covenant, unit=lead, signed_by=office)
    CovenantSignature.objects.create(covenant=covenant, unit=member, signed_by=office)
    accepted = accepted_pledge(plan, lead)
    ResultFactory(pledge=accepted, state=ReviewState.SUBMITTED)
    PledgeFactory(plan=plan, unit=member, state=ReviewState.SUBMITTED, is_late=True)
    PledgeFactory(plan=plan, unit=other, state=ReviewState.SUPERSEDED)
    PledgeFactory(plan=plan, unit=other, state=ReviewState.DRAFT, revision=2)

    units = selectors.member_units_with_status(plan, status=status)
    expected = oracles.tracking_by_cluster(oracles.tracking_units(plan, status=status))
    assert selectors.cluster_figures(plan, units) == expected

    today = datetime.date.today()
    owing = {
        row["unit"].pk for row in selectors.late_or_missing(plan, oracles.tracking_units(plan, status=status), today)
    }
    assert set(units.filter(oracles.overdue_condition(plan, today)).values_list("pk", flat=True)) == owing


def test_tracking_page_rows_are_cached_yet_show_a_new_pledge(client, overdue_plan, units, office):
    login(client, office)
    url = reverse("campaigns:plan_tracking", args=[overdue_plan.pk])

    def state_of(unit):
        return next(u.pledge_state for u in client.get(url).context["page"] if u.pk == unit.pk)

    assert state_of(units["missing"]) is None
    PledgeFactory(plan=overdue_plan, unit=units["missing"], state=ReviewState.SUBMITTED)
    assert state_of(units["missing"]) == ReviewState.SUBMITTED
