"""List pages and panels cost the same number of queries for few rows and for many."""

import pytest
from django.urls import reverse

from awards import services
from awards.tests.conftest import close_now, open_ballot
from awards.tests.factories import PersonRatingFactory, RoundFactory, award, give
from emulation.tests.factories import PersonFactory, UnitFactory, secretary_of

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    "awards:catalog",
    "awards:round_list",
    "awards:proposal_list",
    "awards:ballot_list",
    "awards:notice_list",
    "awards:decision_list",
    "awards:lookup",
]


def _grow(count, office, council):
    """`count` rounds, each with a submitted dossier of its own unit, a ballot and a notice; history rows."""
    for index in range(count):
        unit = UnitFactory()
        secretary = secretary_of(unit)
        round = RoundFactory(year=2025, awards=["giay-khen-ca-nhan"])
        person = PersonFactory(unit=unit)
        PersonRatingFactory(person=person, year=2025)
        give(person, "lao-dong-tien-tien", 2023, 2024, 2025)
        proposal = services.create_proposal(round=round, unit=unit, by=secretary)
        services.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=person)
        from awards.tests.conftest import attach_required

        attach_required(proposal, secretary)
        services.submit_proposal(proposal=proposal, by=secretary)
        services.start_verification(proposal=proposal, by=office)
        services.verify_proposal(proposal=proposal, by=office)
        ballot = open_ballot([proposal], office, round)
        services.cast_votes(ballot=ballot, by=council[0], choices={ballot.items.get().pk: "agree"})
        services.cast_votes(ballot=ballot, by=council[1], choices={ballot.items.get().pk: "agree"})
        services.close_ballot(ballot=close_now(ballot), by=office)
        if index % 2 == 0:
            services.publish_notice(ballot=ballot, by=office)


def _counts(client, django_assert_max_num_queries, users, limit):
    for user in users:
        client.force_login(user)
        for name in LIST_PAGES:
            with django_assert_max_num_queries(limit):
                response = client.get(reverse(name))
            assert response.status_code in (200, 403)
        with django_assert_max_num_queries(limit + 10):
            assert client.get("/").status_code == 200


@pytest.mark.parametrize("rows", [2, 12])
def test_list_pages_and_home_do_not_grow_with_rows(
    client, django_assert_max_num_queries, office, standing, council, rows
):
    _grow(rows, office, council)
    _counts(client, django_assert_max_num_queries, [office, standing, council[2]], limit=14)


@pytest.mark.parametrize("rows", [2, 12])
def test_a_secretarys_lists_do_not_grow_with_rows(client, django_assert_max_num_queries, round, rows):
    unit = UnitFactory()
    secretary = secretary_of(unit)
    for _ in range(rows):
        person = PersonFactory(unit=unit)
        give(person, "lao-dong-tien-tien", 2024, 2025)
        other_round = RoundFactory(year=2025, awards=["giay-khen-ca-nhan"])
        proposal = services.create_proposal(round=other_round, unit=unit, by=secretary)
        services.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=person)
    _counts(client, django_assert_max_num_queries, [secretary], limit=14)
