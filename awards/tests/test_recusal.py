"""The recusal rule's two forms agree: the test on one nominee (votes, tallies) and the filter over many (the
ballots a member still has to vote on), for members and nominees placed all over a unit tree."""

import itertools

import pytest

from awards.models import Nominee
from awards.recusal import is_recused, person_of, recused_nominees
from awards.tests.factories import ProposalFactory, award
from emulation.enums import UnitLevel
from emulation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """Two grassroots committees, the first with a sub-cell; a person in each unit."""
    a, b = UnitFactory(), UnitFactory()
    a_cell = UnitFactory(parent=a, level=UnitLevel.SUB_CELL, cluster=a.cluster)
    units = [a, a_cell, b]
    return units, [PersonFactory(unit=unit) for unit in units]


def test_the_rule_on_one_nominee_and_the_filter_over_many_agree(tree):
    units, people = tree
    nominees = []
    for proposing in units:
        proposal = ProposalFactory(unit=proposing)
        for person in people:
            nominees.append(
                Nominee.objects.create(proposal=proposal, person=person, award=award("chien-si-thi-dua-co-so"))
            )
        for unit in units:
            nominees.append(
                Nominee.objects.create(proposal=proposal, unit=unit, award=award("tap-the-lao-dong-tien-tien"))
            )
    nominees = list(Nominee.objects.select_related("person__unit", "unit", "proposal__unit"))
    recused_somewhere = 0
    for member, nominee in itertools.product([*people, None], nominees):
        by_filter = Nominee.objects.filter(recused_nominees(member, prefix="")).filter(pk=nominee.pk).exists()
        assert is_recused(member, nominee) == by_filter, (member, nominee)
        recused_somewhere += by_filter
    assert 0 < recused_somewhere < len(nominees) * len(people)  # both answers occur


def test_an_account_without_a_person_is_recused_from_nothing(django_user_model):
    user = django_user_model.objects.create_user("khach")
    assert person_of(user) is None
    assert not Nominee.objects.filter(recused_nominees(None, prefix="")).exists()
