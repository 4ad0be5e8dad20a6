"""Counts the lists show are kept on write; what a bulk load leaves uncounted is counted by the loader
(services.complete_bulk_load), never by the page that reads it."""

import pytest
from django.urls import reverse

from awards import services
from awards.models import Proposal, Round
from awards.tests.factories import ProposalFactory, RoundFactory
from emulation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _count_shown(client, round):
    response = client.get(reverse("awards:round_list"))
    assert response.status_code == 200
    return {r.pk: r.proposal_count for r in response.context["page"]}[round.pk]


def test_round_list_counts_every_dossier_created(client, office, secretary, unit):
    round = RoundFactory()
    services.create_proposal(round=round, unit=unit, by=secretary)
    ProposalFactory(round=round)
    client.force_login(office)
    assert _count_shown(client, round) == 2


def test_a_round_written_in_bulk_is_counted_by_the_loader_not_by_the_page(client, office):
    round = RoundFactory()
    Proposal.objects.bulk_create([Proposal(round=round, unit=UnitFactory()) for _ in range(3)])  # no save()
    client.force_login(office)
    assert _count_shown(client, round) == 0  # the page reads what is stored, and writes nothing
    assert Round.objects.get(pk=round.pk).proposal_count == 0
    services.complete_bulk_load()
    assert _count_shown(client, round) == 3
    services.complete_bulk_load()  # idempotent
    assert Round.objects.get(pk=round.pk).proposal_count == 3


def test_a_withdrawn_dossier_still_counts_and_none_can_be_deleted(client, office, secretary, unit):
    """Dossiers are never deleted (the admin refuses, a round or unit with dossiers is protected), so the round's
    count only grows: a unit withdraws its dossier instead, and it stays one of the round's dossiers."""
    from django.contrib import admin

    round = RoundFactory()
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    services.withdraw_proposal(proposal=proposal, by=secretary, comment="Đơn vị rút hồ sơ.")
    client.force_login(office)
    assert _count_shown(client, round) == 1
    assert not admin.site._registry[Proposal].has_delete_permission(None, proposal)
    assert not admin.site._registry[Round].has_delete_permission(None, round)


def test_a_proposal_lists_count_is_cached_until_a_service_changes_a_proposal(
    client, office, secretary, unit, other_secretary, other_unit
):
    round = RoundFactory()
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    Proposal.objects.filter(pk=proposal.pk).update(state="submitted")
    client.force_login(office)
    url = reverse("awards:proposal_list")
    assert client.get(url, {"state": "submitted"}).context["page"].paginator.count == 1  # counted, then cached
    Proposal.objects.filter(pk=proposal.pk).update(state="draft")  # around the services: the cached count stands
    assert client.get(url, {"state": "submitted"}).context["page"].paginator.count == 1
    Proposal.objects.filter(pk=proposal.pk).update(state="submitted")
    other = services.create_proposal(round=round, unit=other_unit, by=other_secretary)  # drops every cached count
    Proposal.objects.filter(pk=other.pk).update(state="submitted")
    assert client.get(url, {"state": "submitted"}).context["page"].paginator.count == 2
    services.withdraw_proposal(proposal=other, by=other_secretary, comment="Đơn vị rút hồ sơ.")
    assert client.get(url, {"state": "submitted"}).context["page"].paginator.count == 1
    assert client.get(url, {"state": "withdrawn"}).context["page"].paginator.count == 1
    services.start_verification(proposal=proposal, by=office)
    assert client.get(url, {"state": "submitted"}).context["page"].paginator.count == 0


def test_the_offices_home_counts_dossiers_to_verify_until_one_changes(client, office, secretary, unit):
    ProposalFactory(state="submitted")
    client.force_login(office)

    def shown():
        panels = [p for p in client.get("/").context["panels"] if p["template"] == "awards/panels/office.html"]
        return panels[0]["context"]["total"]

    assert shown() == 1
    waiting = ProposalFactory(state="verifying", unit=unit)  # the factory calls the writers' upkeep
    assert shown() == 2
    services.withdraw_proposal(proposal=waiting, by=secretary, comment="Đơn vị rút hồ sơ.")
    assert shown() == 1


def test_no_awards_receiver_of_a_model_signal_is_connected():
    """What the awards keep (round counts, cached counts, the cached catalog) is kept by the writers through
    awards.upkeep, not by receivers of model signals."""
    import weakref

    from django.db.models import signals

    for signal in (signals.pre_save, signals.post_save, signals.pre_delete, signals.post_delete):
        # Each entry holds the receiver after its lookup key, weakly unless connected with weak=False.
        live = [r() if isinstance(r, weakref.ReferenceType) else r for _key, r, *_ in signal.receivers]
        assert not [r for r in live if r is not None and getattr(r, "__module__", "").startswith("awards")]


def test_the_cached_catalog_follows_an_award_saved_in_the_admin(admin_client):
    from awards.counts import awards_by_pk
    from awards.models import Award

    award = Award.objects.get(code="giay-khen-ca-nhan")
    assert awards_by_pk()[award.pk].name == award.name  # read, then cached
    data = {
        "code": award.code,
        "name": "Giấy khen của Đảng ủy Khối (đã sửa)",
        "display_title": award.display_title,
        "kind": award.kind,
        "subject": award.subject,
        "decided_by": award.decided_by,
        "decider": award.decider,
        "threshold_percent": award.threshold_percent,
        "threshold_inclusive": "on" if award.threshold_inclusive else "",
        "certificate_heading": award.certificate_heading,
        "order": award.order,
        "is_active": "on",
        "required_documents": [d.pk for d in award.required_documents.all()],
    }
    for prefix in ("condition_sets", "quota_rules"):  # the inlines are left as they are: no row sent, none deleted
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = admin_client.post(reverse("admin:awards_award_change", args=[award.pk]), data)
    assert response.status_code == 302, response.context["adminform"].errors if response.context else response
    assert awards_by_pk()[award.pk].name == "Giấy khen của Đảng ủy Khối (đã sửa)"
