"""Award history: lookup by person, unit, title and year, Excel export and import, award pages; the demo seed."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.models import Award, AwardRecord, Proposal, Round
from awards.services import IMPORT_COLUMNS
from awards.tests.factories import award, give
from emulation.models import AuditEntry
from emulation.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_lookup_filters_by_title_and_year_and_exports_xlsx(client, office, unit):
    person = PersonFactory(unit=unit, full_name="Đặng Thị Tra Cứu")
    give(person, "lao-dong-tien-tien", 2023, 2024)
    give(person, "chien-si-thi-dua-co-so", 2024)
    client.force_login(office)

    page = client.get(reverse("awards:lookup"), {"award": award("chien-si-thi-dua-co-so").pk, "year": 2024})
    assert page.content.decode().count("Đặng Thị Tra Cứu") == 1

    response = client.get(reverse("awards:lookup"), {"q": "Tra Cứu", "format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3
    assert {r[3] for r in rows} == {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"}
    assert AuditEntry.objects.filter(action="export", actor=office).exists()


def test_a_secretary_looks_up_only_the_own_units(client, secretary, unit, other_unit):
    give(PersonFactory(unit=unit, full_name="Người Của Mình"), "lao-dong-tien-tien", 2024)
    give(PersonFactory(unit=other_unit, full_name="Người Đơn Vị Khác"), "lao-dong-tien-tien", 2024)
    client.force_login(secretary)
    page = client.get(reverse("awards:lookup")).content.decode()
    assert "Người Của Mình" in page
    assert "Người Đơn Vị Khác" not in page
    other = other_unit.people.get()
    assert client.get(reverse("awards:person_awards", args=[other.pk])).status_code == 403


def test_person_and_unit_pages_list_every_award(client, office, unit):
    person = PersonFactory(unit=unit, full_name="Bùi Văn Nhiều Khen")
    give(person, "lao-dong-tien-tien", 2022, 2023)
    give(unit, "tap-the-lao-dong-tien-tien", 2023)
    client.force_login(office)
    page = client.get(reverse("awards:person_awards", args=[person.pk])).content.decode()
    assert page.count("Lao động tiên tiến") >= 2
    page = client.get(reverse("awards:unit_awards", args=[unit.pk])).content.decode()
    assert "Tập thể lao động tiên tiến" in page
    assert "Bùi Văn Nhiều Khen" in page


def _workbook(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(IMPORT_COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("lich-su.xlsx", buffer.getvalue())


def test_import_of_earlier_awards_from_xlsx(client, office, unit):
    person = PersonFactory(unit=unit, full_name="Hồ Thị Nhập Liệu")
    upload = _workbook(
        [
            [
                "Cá nhân",
                unit.code,
                "Hồ Thị Nhập Liệu",
                "Chiến sĩ thi đua cơ sở",
                2021,
                "12/QĐ-STC",
                "15/12/2021",
                "Giám đốc Sở",
            ],
            ["Tập thể", unit.code, "", "tap-the-lao-dong-tien-tien", 2021, "13/QĐ-STC", None, ""],
            ["Cá nhân", unit.code, "Không Có Người Này", "Lao động tiên tiến", 2021, "", None, ""],
            ["Cá nhân", unit.code, "Hồ Thị Nhập Liệu", "Danh hiệu lạ", 2021, "", None, ""],
        ]
    )
    client.force_login(office)
    page = client.post(reverse("awards:lookup_import"), {"file": upload}).content.decode()

    assert "Thêm mới 2, cập nhật 0, lỗi 2." in page
    assert "Dòng 4" in page and "Dòng 5" in page
    record = AwardRecord.objects.get(person=person, year=2021)
    assert record.award.code == "chien-si-thi-dua-co-so"
    assert record.decision_number == "12/QĐ-STC"
    assert record.decision_date.isoformat() == "2021-12-15"
    assert AwardRecord.objects.filter(unit=unit, year=2021).exists()


def test_the_lookups_count_follows_the_import_and_the_admin(client, office, unit):
    """The cached count of the lookup is dropped by the writers themselves (awards.upkeep.records_changed)."""
    from django.contrib import admin

    PersonFactory(unit=unit, full_name="Hồ Thị Được Đếm")
    client.force_login(office)
    url = reverse("awards:lookup")
    assert client.get(url).context["page"].paginator.count == 0  # counted, then cached
    row = ["Cá nhân", unit.code, "Hồ Thị Được Đếm", "Lao động tiên tiến", 2022, "7/QĐ-STC", None, ""]
    client.post(reverse("awards:lookup_import"), {"file": _workbook([row])})
    assert client.get(url).context["page"].paginator.count == 1
    admin.site._registry[AwardRecord].delete_model(None, AwardRecord.objects.get(year=2022))
    assert client.get(url).context["page"].paginator.count == 0


def test_import_refuses_a_file_that_is_not_a_workbook(client, office):
    client.force_login(office)
    fake = SimpleUploadedFile("lich-su.xlsx", b"not a workbook")
    page = client.post(reverse("awards:lookup_import"), {"file": fake}).content.decode()
    assert "“lich-su.xlsx” không được chấp nhận: nội dung không phải là tệp XLSX" in page


def test_only_the_office_imports(client, secretary):
    client.force_login(secretary)
    assert client.get(reverse("awards:lookup_import")).status_code == 403


def test_the_catalog_holds_the_domain_defaults():
    assert Award.objects.filter(code="chien-si-thi-dua-cap-tinh", decided_by="higher").exists()
    quota = award("chien-si-thi-dua-co-so").quota_rules.get()
    assert (quota.percent, quota.minimum, quota.base_award.code) == (15, 1, "lao-dong-tien-tien")
    sets = award("chien-si-thi-dua-cap-tinh").condition_sets.order_by("from_year")
    assert [(s.from_year, s.to_year) for s in sets] == [(2018, 2023), (2024, None)]
    assert "91/2017" in sets[0].legal_basis and "98/2023" in sets[1].legal_basis


def test_seed_demo_is_idempotent_and_leaves_eligible_and_ineligible_people(django_capture_on_commit_callbacks):
    from awards import eligibility
    from awards.demo import seed
    from emulation.demo import seed as seed_core

    with django_capture_on_commit_callbacks(execute=True):
        seed_core()
        seed()
    counts = (Award.objects.count(), AwardRecord.objects.count(), Round.objects.count(), Proposal.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    assert counts == (
        Award.objects.count(),
        AwardRecord.objects.count(),
        Round.objects.count(),
        Proposal.objects.count(),
    )
    states = set(Proposal.objects.values_list("state", flat=True))
    assert {"draft", "returned", "verifying", "verified", "certified"} <= states
    under_review = Proposal.objects.get(state="verifying")
    results = eligibility.check_nominees(under_review.nominees.all(), under_review.round.year)
    assert sorted(r.ruling for r in results.values()) == ["met", "not_met"]


def test_ballot_and_notice_lists_filter_by_state(client, office):
    client.force_login(office)
    for url in [reverse("awards:ballot_list"), reverse("awards:notice_list")]:
        assert client.get(url, {"state": "closed"}).status_code == 200
        assert client.get(url, {"state": "khong-hop-le"}).status_code == 200


def test_lookup_lists_newest_year_first_then_in_catalog_order(client, office, unit):
    person = PersonFactory(unit=unit)
    give(person, "chien-si-thi-dua-co-so", 2024)
    give(person, "lao-dong-tien-tien", 2023, 2024)
    client.force_login(office)
    rows = [(r.year, r.award.code) for r in client.get(reverse("awards:lookup")).context["page"]]
    assert rows == [(2024, "lao-dong-tien-tien"), (2024, "chien-si-thi-dua-co-so"), (2023, "lao-dong-tien-tien")]


def test_reordering_the_catalog_reorders_the_history(client, office, unit):
    person = PersonFactory(unit=unit)
    give(person, "chien-si-thi-dua-co-so", 2024)
    give(person, "lao-dong-tien-tien", 2024)
    first = award("lao-dong-tien-tien")
    first.order = 99
    first.save()
    assert set(AwardRecord.objects.filter(award=first).values_list("award_order", flat=True)) == {99}
    client.force_login(office)
    rows = [r.award.code for r in client.get(reverse("awards:lookup")).context["page"]]
    assert rows == ["chien-si-thi-dua-co-so", "lao-dong-tien-tien"]


def test_a_secretarys_lookup_keeps_the_same_order(client, secretary, unit):
    person = PersonFactory(unit=unit)
    give(person, "chien-si-thi-dua-co-so", 2024)
    give(person, "lao-dong-tien-tien", 2023, 2024)
    give(unit, "tap-the-lao-dong-tien-tien", 2024)
    client.force_login(secretary)
    rows = [(r.year, r.award.code) for r in client.get(reverse("awards:lookup")).context["page"]]
    assert rows == sorted(rows, key=lambda row: (-row[0], award(row[1]).order))
    assert len(rows) == 4


def test_the_lookups_count_follows_new_records_and_searches(client, office, unit):
    person = PersonFactory(unit=unit, full_name="Người Được Đếm")
    give(person, "lao-dong-tien-tien", 2023)
    client.force_login(office)
    url = reverse("awards:lookup")
    assert client.get(url).context["page"].paginator.count == 1
    give(person, "lao-dong-tien-tien", 2024)
    assert client.get(url).context["page"].paginator.count == 2
    assert client.get(url, {"year": 2024}).context["page"].paginator.count == 1
    person.full_name = "Tên Mới"
    person.save()
    assert client.get(url, {"q": "Tên Mới"}).context["page"].paginator.count == 2
