"""Every list page is paginated and its query count does not grow with the number of rows."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.enums import ExemplarState, InitiativeState, ReviewState
from campaigns.models import (
    Covenant,
    CovenantSignature,
    Exemplar,
    Initiative,
    Pledge,
    PledgeTarget,
    ResultReport,
    ResultValue,
    Term,
    YearPlan,
)
from campaigns.services.summaries import rebuild_plan_summaries
from emulation.models import Person
from emulation.tests.factories import ClusterFactory, UnitFactory, standing_member

from .conftest import login

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def make_rows(n, plan, parent, secretary, offset=0):
    """n sub-units of the secretary's unit, each with a pledge, a result, a covenant, an exemplar, an initiative."""
    units = [UnitFactory(parent=parent, level="cell", name=f"Chi bộ số {offset + i:03d}") for i in range(n)]
    criterion = plan.criteria.first()
    pledges = Pledge.objects.bulk_create(
        Pledge(plan=plan, unit=u, state=ReviewState.ACCEPTED, is_late=i % 3 == 0) for i, u in enumerate(units)
    )
    PledgeTarget.objects.bulk_create(PledgeTarget(pledge=p, criterion=criterion, value=1) for p in pledges)
    ResultReport.objects.bulk_create(
        ResultReport(
            plan=plan, unit=p.unit, pledge=p, period="six_month", state=ReviewState.ACCEPTED, score=Decimal(i % 50)
        )
        for i, p in enumerate(pledges)
    )
    covenants = Covenant.objects.bulk_create(
        Covenant(plan=plan, cluster=u.cluster, lead_unit=u, title=f"Giao ước {i}", text="…", state="open")
        for i, u in enumerate(units)
    )
    CovenantSignature.objects.bulk_create(
        CovenantSignature(covenant=c, unit=c.lead_unit, signed_by=secretary) for c in covenants
    )
    people = Person.objects.bulk_create(
        Person(unit=u, full_name=f"Người số {i}", person_type="worker") for i, u in enumerate(units)
    )
    Exemplar.objects.bulk_create(
        Exemplar(
            unit=p.unit,
            person=p,
            kind="good_deed",
            title=f"Việc tốt {i}",
            summary="…",
            state=ExemplarState.PUBLISHED,
            published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        )
        for i, p in enumerate(people)
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            unit=p.unit,
            title=f"Sáng kiến {i}",
            description="…",
            state=InitiativeState.RECOGNIZED,
            recognition_level=2,
            recognized_on=datetime.date(2023, 5, 1),
        )
        for i, p in enumerate(people)
    )
    for initiative, person in zip(initiatives, people, strict=True):
        initiative.authors.add(person)
    terms = Term.objects.bulk_create(
        Term(name=f"Nhiệm kỳ {i}", start_year=1700 + i, end_year=1705 + i, theme="…") for i in range(offset, offset + n)
    )
    YearPlan.objects.bulk_create(
        YearPlan(
            term=t,
            year=t.start_year,
            theme="…",
            registration_deadline=datetime.date(2000, 1, 1),
            six_month_deadline=datetime.date(2000, 1, 1),
            year_end_deadline=datetime.date(2000, 1, 1),
            state="launched",
        )
        for i, t in enumerate(terms)
    )
    rebuild_plan_summaries()  # bulk_create sends no signal: as a bulk loader does, recount the tracking figures


OFFICE_PAGES = [
    ("campaigns:term_list", False),
    ("campaigns:plan_list", False),
    ("campaigns:pledge_list", False),
    ("campaigns:result_list", False),
    ("campaigns:covenant_list", False),
    ("campaigns:exemplar_list", False),
    ("campaigns:initiative_list", False),
    ("campaigns:plan_tracking", True),
    ("campaigns:plan_ranking", True),
    ("home", False),
]
SECRETARY_PAGES = [
    "campaigns:pledge_list",
    "campaigns:result_list",
    "campaigns:exemplar_list",
    "campaigns:initiative_list",
    "campaigns:covenant_list",
    "home",
]


@pytest.mark.parametrize("rows", [5, 200])
def test_office_list_pages_are_paginated_with_a_bounded_query_count(
    client, plan, unit, secretary, office, rows, django_assert_max_num_queries
):
    make_rows(rows, plan, unit, secretary)
    login(client, office)
    for name, with_plan in OFFICE_PAGES:
        url = reverse(name, args=[plan.pk] if with_plan else [])
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, name
        if rows == 200 and "page" in response.context:
            page = response.context["page"]
            assert len(page.object_list) <= 100 and page.paginator.count >= 200, name


@pytest.mark.parametrize("rows", [5, 200])
def test_secretary_list_pages_are_paginated_with_a_bounded_query_count(
    client, plan, unit, secretary, rows, django_assert_max_num_queries
):
    make_rows(rows, plan, unit, secretary)
    login(client, secretary)
    for name in SECRETARY_PAGES:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(reverse(name))
        assert response.status_code == 200, name


@pytest.mark.parametrize("rows", [5, 200])
def test_public_exemplar_page_has_a_bounded_query_count(
    client, plan, unit, secretary, rows, django_assert_max_num_queries
):
    make_rows(rows, plan, unit, secretary)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("campaigns:public_exemplars"))
    assert response.status_code == 200 and "Việc tốt" in response.content.decode()
    assert len(response.context["page"].object_list) == min(rows, 12)


def _count(client, url):
    cache.clear()  # counted cold: figures cached by the first pass would make the second one cheaper
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_query_counts_are_the_same_at_5_and_at_200_rows(client, plan, unit, secretary, office):
    urls = [reverse(name, args=[plan.pk] if with_plan else []) for name, with_plan in OFFICE_PAGES]
    make_rows(5, plan, unit, secretary)
    login(client, office)
    few = {url: _count(client, url) for url in urls}
    make_rows(195, plan, unit, secretary, offset=5)
    many = {url: _count(client, url) for url in urls}
    assert many == few


def make_waiting_plans(n, offset=0):
    """n plans the Office submitted, waiting for the Standing Committee (one term each: a plan's year is unique)."""
    terms = Term.objects.bulk_create(
        Term(name=f"Nhiệm kỳ chờ {i}", start_year=1500 + i, end_year=1505 + i, theme="…")
        for i in range(offset, offset + n)
    )
    plans = YearPlan.objects.bulk_create(
        YearPlan(
            term=t,
            year=t.start_year,
            theme="…",
            registration_deadline=datetime.date(2000, 1, 1),
            six_month_deadline=datetime.date(2000, 1, 1),
            year_end_deadline=datetime.date(2000, 1, 1),
            state="submitted",
            submitted_at=datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC),
        )
        for t in terms
    )
    rebuild_plan_summaries()  # as a bulk loader does: the new plans' tracking figures
    return plans


def _standing_urls(waiting):
    """The Standing Committee's home (with its plans waiting for approval), the plan list, a waiting plan's page
    with its decision form and its tracking page (not launched yet)."""
    return [
        reverse("home"),
        reverse("campaigns:plan_list"),
        waiting.get_absolute_url(),
        reverse("campaigns:plan_tracking", args=[waiting.pk]),
    ]


@pytest.mark.parametrize("rows", [5, 200])
def test_standing_home_and_a_plan_waiting_for_approval_have_a_bounded_query_count(
    client, plan, unit, secretary, rows, django_assert_max_num_queries
):
    make_rows(rows, plan, unit, secretary)
    waiting = make_waiting_plans(rows)
    login(client, standing_member(username="thuongvu"))
    for url in _standing_urls(waiting[0]):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url
    panel = next(p for p in client.get(reverse("home")).context["panels"] if p["template"].endswith("standing.html"))
    assert panel["context"]["total"] == rows and len(panel["context"]["plans"]) == min(rows, 5)


def test_standing_query_counts_are_the_same_at_5_and_at_200_waiting_plans(client, plan, unit, secretary):
    make_rows(5, plan, unit, secretary)
    waiting = make_waiting_plans(5)
    urls = _standing_urls(waiting[0])
    login(client, standing_member(username="thuongvu"))
    for url in urls:  # once first: the content types a history reads are cached for the process, not per request
        _count(client, url)
    few = {url: _count(client, url) for url in urls}
    make_rows(195, plan, unit, secretary, offset=5)
    make_waiting_plans(195, offset=5)
    many = {url: _count(client, url) for url in urls}
    assert many == few


def make_cluster_rows(n, plan, cluster, offset=0):
    """n units of one cluster, each with a pledge sent on a day of its own, an accepted six-month result and a value
    per criterion: as many days, bars and table rows on the chart pages."""
    units = [UnitFactory(cluster=cluster, name=f"Đảng bộ số {offset + i:03d}") for i in range(n)]
    start = datetime.datetime(plan.year, 1, 1, 9, tzinfo=datetime.UTC)
    pledges = Pledge.objects.bulk_create(
        Pledge(plan=plan, unit=u, state=ReviewState.ACCEPTED, submitted_at=start + datetime.timedelta(days=offset + i))
        for i, u in enumerate(units)
    )
    reports = ResultReport.objects.bulk_create(
        ResultReport(
            plan=plan,
            unit=p.unit,
            pledge=p,
            period="six_month",
            state=ReviewState.ACCEPTED,
            submitted_at=start + datetime.timedelta(days=180 + i),
            score=Decimal(i % 50),
            completion=Decimal(i % 100),
        )
        for i, p in enumerate(pledges)
    )
    ResultValue.objects.bulk_create(
        ResultValue(report=r, criterion=c, achieved=Decimal(i % 7), completion=Decimal(i % 100))
        for i, r in enumerate(reports)
        for c in plan.criteria.all()
    )
    rebuild_plan_summaries()
    return units


def test_the_chart_pages_cost_the_same_queries_at_5_and_at_200_units(client, plan, office):
    """The plan, cluster and unit pages with their charts: days, bars and rows grow, the queries do not."""
    cluster = ClusterFactory(name="Cụm thi đua có biểu đồ")
    first = make_cluster_rows(5, plan, cluster)
    urls = [
        reverse("campaigns:plan_detail", args=[plan.pk]),
        reverse("cluster_detail", args=[cluster.pk]),
        reverse("unit_detail", args=[first[0].pk]),
    ]
    login(client, office)
    for url in urls:  # the process-wide caches (content types) a running server keeps warm
        client.get(url)
    few = {url: _count(client, url) for url in urls}
    make_cluster_rows(195, plan, cluster, offset=5)
    many = {url: _count(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= MAX_QUERIES
    response = client.get(urls[1])
    assert len(response.context["related_panels"][0]["context"]["chart"]["rows"]) == 200
