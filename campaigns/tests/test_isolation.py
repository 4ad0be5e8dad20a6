"""Another unit's secretary gets 403 or 404 on every campaigns URL of the first unit, and changes nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from campaigns import urls as campaign_urls
from campaigns.enums import ExemplarKind
from campaigns.models import Covenant, Exemplar, IndividualRegistration, Initiative, Phase
from campaigns.services import upload_evidence
from emulation.models import AuditEntry
from emulation.tests.factories import PersonFactory

from .conftest import login
from .factories import ResultFactory, accepted_pledge

pytestmark = pytest.mark.django_db

# Pages that are not of one unit: Bloc-wide reading and the forms to file for one's own units.
SHARED = {
    "term_list",
    "term_detail",
    "plan_list",
    "plan_detail",
    "pledge_list",
    "result_list",
    "covenant_list",
    "exemplar_list",
    "initiative_list",
    "exemplar_create",
    "initiative_create",
    "public_exemplars",
    "public_exemplar",
}
ACTIONS = {
    "plan_action": ["submit", "approve", "return", "launch", "close"],
    "pledge_action": ["submit", "accept", "return", "revise"],
    "result_action": ["submit", "accept", "return"],
    "exemplar_action": ["verify", "reject", "publish", "unpublish"],
    "tracking_export": ["don-vi", "tre-han"],
}


@pytest.fixture
def first_unit_objects(plan, unit, secretary):
    person = PersonFactory(unit=unit)
    pledge = accepted_pledge(plan, unit)
    registration = IndividualRegistration.objects.create(pledge=pledge, person=person, title="Lao động tiên tiến")
    report = ResultFactory(pledge=pledge)
    evidence = upload_evidence(report=report, uploaded=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF"), by=secretary)
    unit.cluster.lead_unit = unit
    unit.cluster.save()
    covenant = Covenant.objects.create(
        plan=plan, cluster=unit.cluster, lead_unit=unit, title="Giao ước cụm một", text="Nội dung", state="open"
    )
    exemplar = Exemplar.objects.create(unit=unit, kind=ExemplarKind.GOOD_DEED, title="Việc tốt", summary="…")
    initiative = Initiative.objects.create(unit=unit, title="Sáng kiến", description="…")
    phase = Phase.objects.create(
        plan=plan, name="Đợt 1", start_date=f"{plan.year}-03-01", end_date=f"{plan.year}-04-01"
    )
    return {
        "plan": plan,
        "pledge": pledge,
        "registration": registration,
        "report": report,
        "evidence": evidence,
        "covenant": covenant,
        "exemplar": exemplar,
        "initiative": initiative,
        "phase": phase,
        "criterion": plan.criteria.first(),
        "term": plan.term,
        "movement": plan.movements.first(),
        "cluster": unit.cluster,
    }


def _pk_owner(name):
    for prefix, key in (
        ("pledge", "pledge"),
        ("registration", "pledge"),
        ("result", "report"),
        ("evidence", "report"),
        ("covenant", "covenant"),
        ("exemplar", "exemplar"),
        ("initiative", "initiative"),
        ("phase", "phase"),
        ("criterion", "criterion"),
        ("term", "term"),
        ("movement", "movement"),
    ):
        if name.startswith(prefix):
            return key
    return "plan"


def unit_urls(objects):
    """Every campaigns URL that names one of the first unit's objects (or an Office page of its plan)."""
    urls = []
    for pattern in campaign_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        name = pattern.name
        if name in SHARED:
            continue
        params = set(re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern)))
        kwargs = {}
        for param in params - {"action", "kind"}:
            kwargs[param] = {
                "pk": objects[_pk_owner(name)].pk,
                "plan_pk": objects["plan"].pk,
                "term_pk": objects["term"].pk,
                "cluster_pk": objects["cluster"].pk,
                "pledge_pk": objects["pledge"].pk,
                "registration_pk": objects["registration"].pk,
                "evidence_pk": objects["evidence"].pk,
            }[param]
        variants = ACTIONS.get(name, [None])
        for variant in variants:
            extra = {}
            if "action" in params:
                extra["action"] = variant
            if "kind" in params:
                extra["kind"] = variant
            urls.append((name, reverse(f"campaigns:{name}", kwargs={**kwargs, **extra})))
    return urls


def test_the_walk_covers_every_campaigns_url(first_unit_objects):
    names = {name for name, _ in unit_urls(first_unit_objects)}
    every = {p.name for p in campaign_urls.urlpatterns}
    assert names | SHARED == every
    assert len(names) >= 35


def test_the_walked_urls_exist_for_their_owner_or_the_office(client, first_unit_objects, secretary, office):
    """Guards the walk below: a 404 there must mean "not yours", not a wrong address."""
    for name, url in unit_urls(first_unit_objects):
        login(client, secretary)
        status = client.get(url).status_code
        if status in (403, 404):
            login(client, office)
            status = client.get(url).status_code
        assert status in (200, 302, 405), (name, url, status)


def test_another_units_secretary_gets_403_or_404_on_every_url_and_changes_nothing(
    client, first_unit_objects, other_secretary, unit
):
    login(client, other_secretary)
    entries = AuditEntry.objects.count()
    walked = 0
    for name, url in unit_urls(first_unit_objects):
        for method in ("get", "post"):
            data = {"unit": unit.pk, "comment": "x", "period": "six_month", "title": "x", "text": "x"}
            response = getattr(client, method)(url, data) if method == "post" else client.get(url)
            if response.status_code == 405:
                continue
            assert response.status_code in (403, 404), (method, name, url, response.status_code)
            walked += 1
    assert walked >= 50
    assert AuditEntry.objects.count() == entries


def test_another_units_secretary_does_not_see_the_first_units_rows(client, first_unit_objects, other_secretary, unit):
    login(client, other_secretary)
    for name in ("pledge_list", "result_list", "covenant_list", "exemplar_list", "initiative_list"):
        page = client.get(reverse(f"campaigns:{name}")).content.decode()
        assert unit.name not in page, name
        assert "Giao ước cụm một" not in page, name
