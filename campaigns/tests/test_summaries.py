"""The per cluster tracking figures kept on write (PlanClusterSummary) equal the grouped counts they replace."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns import selectors, services
from campaigns.enums import ReportingPeriod, ReviewState
from campaigns.models import PlanClusterSummary
from campaigns.tasks import rebuild_summaries
from emulation.services import delete_cluster, save_unit
from emulation.tests.factories import ClusterFactory, UnitFactory, secretary_of

from . import oracles
from .conftest import login
from .factories import TARGETS, plan_with_criteria

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def grouped_figures(plan):
    """The reference: the grouped query the pages used before the summary (cluster_figures over member units)."""
    return selectors.cluster_figures(plan, selectors.member_units())


def grouped_ranked(plan, period):
    from django.db.models import Count

    from campaigns.models import ResultReport

    accepted = ResultReport.objects.filter(
        plan=plan, period=period, state=ReviewState.ACCEPTED, unit__cluster__isnull=False
    )
    return list(accepted.values_list("unit__cluster_id").annotate(n=Count("pk")).order_by("unit__cluster__name"))


def grouped_overdue(plan, today):
    return selectors.member_units().filter(oracles.overdue_condition(plan, today)).count()


def assert_summary_matches(plan):
    assert selectors.summary_figures(plan) == grouped_figures(plan)
    for period in ReportingPeriod.values:
        assert selectors.ranked_sizes(plan, period) == grouped_ranked(plan, period)
    for today in (
        plan.registration_deadline,
        plan.registration_deadline + datetime.timedelta(days=1),
        plan.six_month_deadline + datetime.timedelta(days=1),
        plan.year_end_deadline + datetime.timedelta(days=1),
    ):
        assert selectors.summary_overdue_count(plan, today) == grouped_overdue(plan, today)


@pytest.fixture
def scene(db, office):
    """Three clusters of units and one unit of no cluster; the plan's deadlines (apart) still ahead."""
    plan = plan_with_criteria()  # of this year or before: its periods have begun, results may be sent
    ahead = datetime.date.today().year + 1
    plan.registration_deadline = datetime.date(ahead, 10, 1)
    plan.six_month_deadline = datetime.date(ahead, 11, 1)
    plan.year_end_deadline = datetime.date(ahead, 12, 31)
    plan.save()
    clusters = [ClusterFactory(name=name) for name in ("Cụm A", "Cụm B", "Cụm C")]
    units = {}
    for cluster in clusters:
        for i in range(3):
            unit = UnitFactory(name=f"{cluster.name} đơn vị {i}", cluster=cluster)
            units[unit.name] = unit
    units["lẻ"] = UnitFactory(name="Đơn vị chưa thuộc cụm", cluster=None)
    return {"plan": plan, "clusters": clusters, "units": units, "office": office}


def file_pledge(plan, unit, office):
    secretary = secretary_of(unit, username=f"bt{unit.pk}")
    pledge = services.start_pledge(plan=plan, unit=unit, by=secretary)
    targets = {c: TARGETS[c.code] for c in plan.criteria.all()}
    pledge = services.save_pledge(pledge=pledge, by=secretary, targets=targets)
    return services.submit_pledge(pledge=pledge, by=secretary), secretary


def file_result(pledge, secretary, period=ReportingPeriod.SIX_MONTH, self_score=Decimal(8)):
    report = services.start_result(pledge=pledge, period=period, by=secretary)
    values = {c: TARGETS[c.code] for c in pledge.plan.criteria.all()}
    report = services.save_result(report=report, by=secretary, values=values, self_score=self_score)
    return services.submit_result(report=report, by=secretary)


def test_summary_follows_pledges_results_moves_and_rebuild(scene):
    plan, units, office = scene["plan"], scene["units"], scene["office"]
    assert_summary_matches(plan)

    a0, a1, b0, c0 = (units[f"{c} đơn vị {i}"] for c, i in (("Cụm A", 0), ("Cụm A", 1), ("Cụm B", 0), ("Cụm C", 0)))
    filed = {}
    for unit in (a0, a1, b0, c0, units["lẻ"]):
        filed[unit.pk] = file_pledge(plan, unit, office)
    assert_summary_matches(plan)

    for unit in (a0, a1, b0):
        pledge, _secretary = filed[unit.pk]
        filed[unit.pk] = (services.accept_pledge(pledge=pledge, by=office), filed[unit.pk][1])
    services.return_pledge(pledge=filed[c0.pk][0], by=office, comment="Thiếu chỉ tiêu")
    assert_summary_matches(plan)

    reports = {unit.pk: file_result(*filed[unit.pk]) for unit in (a0, a1, b0)}
    services.accept_result(report=reports[a0.pk], by=office)
    services.accept_result(report=reports[b0.pk], by=office)
    assert_summary_matches(plan)
    assert PlanClusterSummary.objects.get(plan=plan, cluster=scene["clusters"][0]).ranked_six_month == 1

    services.return_result(report=reports[a1.pk], by=office, comment="Thiếu minh chứng")
    assert_summary_matches(plan)

    # A superseded pledge stops counting; its new draft revision is not filed yet.
    pledge, secretary = filed[b0.pk]
    services.revise_pledge(pledge=pledge, by=secretary)
    assert_summary_matches(plan)
    assert PlanClusterSummary.objects.get(plan=plan, cluster=scene["clusters"][1]).pledged == 0

    # A unit moves to another cluster with its pledge and accepted result; another leaves every cluster.
    a0.cluster = scene["clusters"][2]
    save_unit(unit=a0)
    units["Cụm B đơn vị 2"].cluster = None
    save_unit(unit=units["Cụm B đơn vị 2"])
    assert_summary_matches(plan)

    # Deactivated units and deleted clusters.
    a1.is_active = False
    save_unit(unit=a1)
    scene["clusters"][2].units.update(cluster=None)  # around the services, as a bulk edit would
    delete_cluster(cluster=scene["clusters"][2])
    assert_summary_matches(plan)

    PlanClusterSummary.objects.filter(plan=plan).update(total=0, pledged=7, ranked_six_month=9)
    assert services.rebuild_plan_summaries(plan=plan) == 3  # Cụm A, Cụm B and no cluster
    assert_summary_matches(plan)
    rebuild_summaries.delay(plan.pk)
    assert_summary_matches(plan)


def test_summary_follows_covenants_and_their_signatures(scene):
    plan, units = scene["plan"], scene["units"]
    cluster = scene["clusters"][0]
    lead = units["Cụm A đơn vị 0"]
    cluster.lead_unit = lead
    cluster.save()
    secretary = secretary_of(lead, username="btlead")
    covenant = services.draft_covenant(plan=plan, cluster=cluster, title="Giao ước", text="…", by=secretary)
    assert_summary_matches(plan)
    covenant = services.open_covenant(covenant=covenant, by=secretary)
    assert_summary_matches(plan)
    services.sign_covenant(covenant=covenant, unit=lead, by=secretary)
    assert_summary_matches(plan)
    assert PlanClusterSummary.objects.get(plan=plan, cluster=cluster).signed == 1


def test_a_new_plan_counts_every_member_unit_at_once(scene):
    plan = plan_with_criteria()
    figures = selectors.summary_figures(plan)
    assert sum(row["total"] for row in figures) == 10
    assert figures == grouped_figures(plan)


def test_overdue_count_follows_the_deadlines_without_a_write(scene):
    """Nothing is written when a deadline passes: the count read on the next day is that deadline's."""
    plan, units, office = scene["plan"], scene["units"], scene["office"]
    file_pledge(plan, units["Cụm A đơn vị 0"], office)
    before = plan.registration_deadline
    assert selectors.summary_overdue_count(plan, before) == 0
    assert selectors.summary_overdue_count(plan, before + datetime.timedelta(days=1)) == 9
    assert selectors.summary_overdue_count(plan, plan.six_month_deadline + datetime.timedelta(days=1)) == 10


def test_a_write_changes_the_tracking_page_and_office_home_at_once(client, scene):
    plan, units, office = scene["plan"], scene["units"], scene["office"]
    login(client, office)
    url = reverse("campaigns:plan_tracking", args=[plan.pk])
    assert client.get(url).context["counts"]["pledged"] == 0
    home = client.get(reverse("home"))
    assert home.status_code == 200

    pledge, _secretary = file_pledge(plan, units["Cụm B đơn vị 1"], office)
    response = client.get(url)
    assert response.context["counts"]["pledged"] == 1
    by_cluster = {row["cluster__name"]: row for row in response.context["clusters"]}
    assert by_cluster["Cụm B"]["pledged"] == 1 and by_cluster["Cụm A"]["pledged"] == 0
    assert selectors.office_home()["plans"][0]["counts"]["pledged"] == 1

    services.accept_pledge(pledge=pledge, by=office)
    assert client.get(url).context["counts"]["accepted"] == 1
    filtered = client.get(url, {"cluster": scene["clusters"][1].pk}).context
    assert filtered["counts"]["accepted"] == 1 and [row["cluster__name"] for row in filtered["clusters"]] == ["Cụm B"]


def test_a_plan_without_summary_rows_falls_back_to_the_grouped_counts(scene):
    """Rows loaded around the models and not rebuilt yet: the pages count as before instead of showing zeros."""
    plan = scene["plan"]
    PlanClusterSummary.objects.filter(plan=plan).delete()
    assert selectors.summary_figures(plan) is None
    assert selectors.tracking_totals(plan)["clusters"] == grouped_figures(plan)


@pytest.mark.parametrize("shown", [1, 2, 4, 30])
def test_first_overdue_units_read_by_cluster_are_those_of_the_database_filter(scene, monkeypatch, shown):
    """The overdue list looked for in the clusters the summary names equals the database filter's first rows."""
    from campaigns.selectors import tracking

    plan, units, office = scene["plan"], scene["units"], scene["office"]
    file_pledge(plan, units["Cụm A đơn vị 1"], office)
    file_pledge(plan, units["Cụm B đơn vị 0"], office)
    monkeypatch.setattr(tracking, "OVERDUE_SHOWN", shown)
    for today in (plan.registration_deadline, plan.registration_deadline + datetime.timedelta(days=1)):
        for cluster in ("", scene["clusters"][1].pk):
            overdue = selectors.member_units(cluster=cluster).filter(oracles.overdue_condition(plan, today))
            expected = selectors.late_or_missing(plan, selectors.tracking_rows(plan, overdue[:shown]), today)
            found, total = selectors.tracking_overdue(plan, {"cluster": cluster}, today)
            assert total == overdue.count()
            assert [(r["unit"].pk, r["overdue"], r["late"]) for r in found] == [
                (r["unit"].pk, r["overdue"], r["late"]) for r in expected
            ]


def test_a_nightly_recount_of_the_summaries_is_scheduled_and_registered():
    from django_celery_beat.models import PeriodicTask

    from emulation.celery import app

    task = PeriodicTask.objects.select_related("crontab").get(task="campaigns.tasks.rebuild_summaries")
    assert task.enabled and (task.crontab.hour, task.crontab.minute) == ("1", "30")
    assert "campaigns.tasks.rebuild_summaries" in app.tasks


def test_a_pledge_sent_through_its_service_updates_the_summary_with_no_receiver_listening(scene):
    """The service itself keeps the figures up (campaigns.upkeep): no campaigns receiver of any model signal is
    connected, and the summary row of the unit's cluster counts the pledge once it is sent."""
    import weakref

    from django.db.models import signals

    for signal in (signals.pre_save, signals.post_save, signals.post_delete):
        # Each entry holds the receiver after its lookup key, weakly unless connected with weak=False.
        live = [r() if isinstance(r, weakref.ReferenceType) else r for _key, r, *_ in signal.receivers]
        assert not [r for r in live if r is not None and getattr(r, "__module__", "").startswith("campaigns")]

    plan, units, office = scene["plan"], scene["units"], scene["office"]
    unit = units["Cụm B đơn vị 1"]
    row = PlanClusterSummary.objects.get(plan=plan, cluster=unit.cluster)
    assert (row.pledged, row.late) == (0, 0)

    file_pledge(plan, unit, office)

    row.refresh_from_db()
    assert row.pledged == 1 and row.total == 3
    assert_summary_matches(plan)


def test_a_unit_moved_in_the_admin_is_recounted_in_both_clusters(scene):
    """The core's admin saves a unit through emulation.services.save_unit, whose hook the campaigns implement."""
    from django.contrib import admin

    from emulation.models import Unit

    plan, units, office = scene["plan"], scene["units"], scene["office"]
    unit = units["Cụm A đơn vị 2"]
    file_pledge(plan, unit, office)
    unit.cluster = scene["clusters"][1]
    admin.site._registry[Unit].save_model(None, unit, None, True)

    rows = {row.cluster_id: row for row in PlanClusterSummary.objects.filter(plan=plan)}
    assert (rows[scene["clusters"][0].pk].total, rows[scene["clusters"][0].pk].pledged) == (2, 0)
    assert (rows[scene["clusters"][1].pk].total, rows[scene["clusters"][1].pk].pledged) == (4, 1)
    assert_summary_matches(plan)
