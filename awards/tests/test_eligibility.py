"""Eligibility on crafted histories: each condition met, not met or unknown, with its record and legal basis."""

import pytest

from awards import eligibility, quotas, services
from awards.enums import Ruling
from awards.tests.factories import (
    DisciplineFactory,
    InitiativeFactory,
    PersonRatingFactory,
    UnitRatingFactory,
    award,
    give,
)
from campaigns.enums import RecognitionLevel
from emulation.errors import DomainError
from emulation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

PROVINCIAL = "chien-si-thi-dua-cap-tinh"
GRASSROOTS = "chien-si-thi-dua-co-so"
ADVANCED = "lao-dong-tien-tien"


def check(subject, code, year=2025):
    return eligibility.check_one(subject=subject, award=award(code), year=year)


def by_label(result):
    return {c.label: c for c in result.checks}


def test_three_consecutive_grassroots_years_and_provincial_initiative_is_eligible():
    person = PersonFactory()
    give(person, GRASSROOTS, 2023, 2024, 2025)
    InitiativeFactory(unit=person.unit, authors=[person], recognition_level=RecognitionLevel.PROVINCE)

    result = check(person, PROVINCIAL)

    assert result.ruling == Ruling.MET
    assert "98/2023/NĐ-CP" in result.legal_basis
    title_check, initiative_check = result.checks
    assert "Chiến sĩ thi đua cơ sở 2023" in " ".join(title_check.evidence)
    assert any("Sáng kiến" in line and "cấp tỉnh" in line for line in initiative_check.evidence)


def test_a_gap_year_is_not_eligible_and_names_the_year():
    person = PersonFactory()
    give(person, GRASSROOTS, 2023, 2025)
    give(person, ADVANCED, 2024)  # the year is recorded, with a lesser title
    InitiativeFactory(unit=person.unit, authors=[person])

    result = check(person, PROVINCIAL)

    assert result.ruling == Ruling.NOT_MET
    assert result.checks[0].ruling == Ruling.NOT_MET
    assert "2024" in result.checks[0].explanation


def test_without_a_provincial_initiative_it_is_not_eligible():
    person = PersonFactory()
    give(person, GRASSROOTS, 2023, 2024, 2025)
    InitiativeFactory(unit=person.unit, authors=[person], recognition_level=RecognitionLevel.UNIT)

    result = check(person, PROVINCIAL)

    assert result.ruling == Ruling.NOT_MET
    assert result.checks[0].ruling == Ruling.MET
    assert result.checks[1].ruling == Ruling.NOT_MET
    assert "chưa được công nhận cấp tỉnh" in result.checks[1].explanation


def test_no_initiative_at_all_is_not_met():
    person = PersonFactory()
    give(person, GRASSROOTS, 2023, 2024, 2025)
    assert check(person, PROVINCIAL).checks[1].ruling == Ruling.NOT_MET


def test_a_year_without_any_record_is_unknown_not_a_refusal():
    person = PersonFactory()
    give(person, GRASSROOTS, 2023, 2025)  # nothing at all recorded for 2024
    InitiativeFactory(unit=person.unit, authors=[person])

    result = check(person, PROVINCIAL)

    assert result.ruling == Ruling.UNKNOWN
    assert result.checks[0].ruling == Ruling.UNKNOWN
    assert "2024" in result.checks[0].explanation


def test_a_rating_counts_as_a_recorded_year():
    person = PersonFactory()
    give(person, GRASSROOTS, 2023, 2025)
    PersonRatingFactory(person=person, year=2024)
    InitiativeFactory(unit=person.unit, authors=[person])
    assert check(person, PROVINCIAL).checks[0].ruling == Ruling.NOT_MET


def test_the_rules_in_force_for_the_year_are_applied():
    person = PersonFactory()
    give(person, GRASSROOTS, 2021, 2022, 2023)
    InitiativeFactory(unit=person.unit, authors=[person], recognized_on="2022-05-01")

    old = check(person, PROVINCIAL, year=2023)

    assert old.ruling == Ruling.MET
    assert "91/2017/NĐ-CP" in old.legal_basis


def _members(unit, count):
    return [PersonFactory(unit=unit) for _ in range(count)]


def test_advanced_collective_needs_half_of_its_members_advanced_workers():
    unit = UnitFactory()
    UnitRatingFactory(unit=unit, year=2025, rating=3)
    members = _members(unit, 10)
    for person in members[:5]:
        give(person, ADVANCED, 2025)
    for person in members[5:]:
        PersonRatingFactory(person=person, year=2025)

    met = by_label(check(unit, "tap-the-lao-dong-tien-tien"))
    share = next(c for label, c in met.items() if "50%" in label)
    assert share.ruling == Ruling.MET
    assert "5/10" in share.explanation

    members[4].award_records.all().delete()
    PersonRatingFactory(person=members[4], year=2025)
    share = next(c for label, c in by_label(check(unit, "tap-the-lao-dong-tien-tien")).items() if "50%" in label)
    assert share.ruling == Ruling.NOT_MET
    assert "4/10" in share.explanation


def test_a_share_that_depends_on_missing_records_is_unknown():
    unit = UnitFactory()
    members = _members(unit, 10)
    for person in members[:4]:
        give(person, ADVANCED, 2025)
    for person in members[4:8]:
        PersonRatingFactory(person=person, year=2025)
    # two members have nothing recorded: with them the share could reach 60%

    share = next(c for label, c in by_label(check(unit, "tap-the-lao-dong-tien-tien")).items() if "50%" in label)

    assert share.ruling == Ruling.UNKNOWN
    assert "2 thành viên chưa có dữ liệu" in share.explanation


def test_excellent_collective_needs_seventy_percent_and_one_grassroots_fighter():
    unit = UnitFactory()
    UnitRatingFactory(unit=unit, year=2025, rating=4)
    members = _members(unit, 10)
    for person in members:
        PersonRatingFactory(person=person, year=2025, rating=3)
    for person in members[:7]:
        give(person, ADVANCED, 2025)
    give(members[0], GRASSROOTS, 2025)

    result = check(unit, "tap-the-lao-dong-xuat-sac")
    assert result.ruling == Ruling.MET

    members[6].award_records.all().delete()
    result = check(unit, "tap-the-lao-dong-xuat-sac")
    share = next(c for c in result.checks if "70%" in c.label)
    assert share.ruling == Ruling.NOT_MET
    assert "6/10" in share.explanation


def test_excellent_collective_without_a_grassroots_fighter_is_not_eligible():
    unit = UnitFactory()
    UnitRatingFactory(unit=unit, year=2025, rating=4)
    for person in _members(unit, 4):
        PersonRatingFactory(person=person, year=2025)
        give(person, ADVANCED, 2025)
    count = next(c for c in check(unit, "tap-the-lao-dong-xuat-sac").checks if "Chiến sĩ thi đua cơ sở" in c.label)
    assert count.ruling == Ruling.NOT_MET


def test_a_member_disciplined_at_warning_level_blocks_the_collective():
    unit = UnitFactory()
    UnitRatingFactory(unit=unit, year=2025, rating=3)
    members = _members(unit, 2)
    for person in members:
        give(person, ADVANCED, 2025)
    DisciplineFactory(person=members[1], year=2025, level=2)

    result = check(unit, "tap-the-lao-dong-tien-tien")

    assert result.ruling == Ruling.NOT_MET
    discipline = next(c for c in result.checks if c.ruling == Ruling.NOT_MET)
    assert members[1].full_name in " ".join(discipline.evidence)


def test_advanced_worker_reads_the_months_worked():
    person = PersonFactory()
    PersonRatingFactory(person=person, year=2025, rating=3, months_worked=8)
    result = check(person, ADVANCED)
    months = next(c for c in result.checks if "10 tháng" in c.label)
    assert months.ruling == Ruling.NOT_MET
    assert "8 tháng" in " ".join(months.evidence)


def _unit_with_advanced_workers(count, year=2025):
    unit = UnitFactory()
    for person in _members(unit, count):
        give(person, ADVANCED, year)
    return unit


@pytest.mark.parametrize(("workers", "limit"), [(0, 0), (3, 1), (13, 1), (14, 2), (20, 3), (40, 6)])
def test_grassroots_fighter_quota_is_fifteen_percent_rounded_down_at_least_one(workers, limit):
    unit = _unit_with_advanced_workers(workers)
    quota = quotas.quota_for(award=award(GRASSROOTS), unit=unit, year=2025)
    assert quota.limit == limit


def test_the_quota_blocks_the_extra_nominee(round, secretary_factory_for):
    unit = _unit_with_advanced_workers(13)  # 15% of 13 = 1.95, rounded down to 1
    secretary = secretary_factory_for(unit)
    people = list(unit.people.all())
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    services.add_nominee(proposal=proposal, by=secretary, award=award(GRASSROOTS), person=people[0])

    with pytest.raises(DomainError, match="Vượt giới hạn số lượng"):
        services.add_nominee(proposal=proposal, by=secretary, award=award(GRASSROOTS), person=people[1])

    assert proposal.nominees.count() == 1


def test_the_quota_is_shown_while_preparing_the_proposal(client, round, secretary_factory_for):
    unit = _unit_with_advanced_workers(20)
    secretary = secretary_factory_for(unit)
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    client.force_login(secretary)

    page = client.get(f"/de-nghi-khen-thuong/{proposal.pk}/them-truong-hop/").content.decode()

    assert "Giới hạn số lượng của đơn vị" in page
    assert "15% của 20 người đạt Lao động tiên tiến năm 2025" in page
    assert "đã đề nghị 0/3" in page


@pytest.fixture
def secretary_factory_for():
    from emulation.tests.factories import secretary_of

    return secretary_of
