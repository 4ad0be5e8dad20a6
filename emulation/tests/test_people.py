import pytest

from emulation.enums import Role
from emulation.models import AuditEntry, Person
from emulation.tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Đảng bộ Sở Tài chính")


@pytest.fixture
def secretary(client, unit):
    user = UserFactory(roles=[(Role.SECRETARY, unit)])
    client.force_login(user)
    return user


def form_data(home, **overrides):
    data = {
        "full_name": "Nguyễn Thị Lan",
        "position": "Chuyên viên",
        "unit": home.pk,
        "person_type": "civil_servant",
        "is_party_member": "on",
        "birth_year": "1985",
        "email": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_secretary_adds_a_person_to_the_unit_and_it_is_logged(client, unit, secretary):
    response = client.post(f"/don-vi/{unit.pk}/them-ca-nhan/", form_data(unit))
    person = Person.objects.get(full_name="Nguyễn Thị Lan")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert AuditEntry.objects.filter(action="person.created", actor=secretary, object_id=str(person.pk)).exists()
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Thêm cá nhân" in page  # the history timeline shows the creation


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"full_name": ""}, "Trường này là bắt buộc."),
        ({"full_name": "x"}, "Họ và tên phải có ít nhất 2 ký tự."),
        ({"full_name": "Lan\x07"}, "ký tự điều khiển"),
        ({"full_name": "A" * 151}, "Giá trị này chỉ có tối đa 150 kí tự"),
        ({"birth_year": "1800"}, "Năm sinh không hợp lệ."),
        ({"birth_year": "-5"}, "Đảm bảo giá trị này lớn hơn hoặc bằng với 0"),
        ({"birth_year": "abc"}, "Nhập một số"),
        ({"person_type": "hacker"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"email": "không-phải-email"}, "Nhập địa chỉ email."),
    ],
)
def test_bad_input_gives_a_field_error_in_vietnamese_and_changes_nothing(client, unit, secretary, overrides, message):
    count = Person.objects.count()
    response = client.post(f"/don-vi/{unit.pk}/them-ca-nhan/", form_data(unit, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "is-invalid" in response.content.decode()
    assert Person.objects.count() == count


def test_a_nul_character_is_refused_before_the_form_with_a_message_and_changes_nothing(client, unit, secretary):
    count = Person.objects.count()
    response = client.post(f"/don-vi/{unit.pk}/them-ca-nhan/", form_data(unit, full_name="Lan\x00\x07"))
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()
    assert Person.objects.count() == count


def test_secretary_cannot_move_a_person_to_another_unit(client, unit, secretary):
    person = PersonFactory(unit=unit)
    other = UnitFactory()
    response = client.post(f"/ca-nhan/{person.pk}/sua/", form_data(unit, unit=other.pk))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    person.refresh_from_db()
    assert person.unit == unit


def test_people_are_deactivated_not_deleted(client, unit, secretary):
    person = PersonFactory(unit=unit, full_name="Lê Văn Nghỉ")
    client.post(f"/ca-nhan/{person.pk}/sua/", form_data(unit, full_name="Lê Văn Nghỉ", is_active=""))
    person.refresh_from_db()
    assert person.is_active is False
    assert "đã nghỉ" in client.get(unit.get_absolute_url()).content.decode()


def count_queries(client, url):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warms the process-wide content types, which a running server keeps warm
    cache.clear()  # both sizes measured cold: a cached panel must not hide a count that grows
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_issue_the_same_bounded_number_of_queries_at_5_and_at_200_rows(client):
    """No page's query count grows with the data: measured with 5 rows, then again after adding 195 more."""
    client.force_login(UserFactory(roles=[(Role.OFFICE, None)]))
    parent = UnitFactory()
    units = UnitFactory.create_batch(5, cluster=parent.cluster)
    PersonFactory.create_batch(5, unit=units[0])
    urls = [
        "/",
        "/don-vi/",
        "/ca-nhan/",
        "/cum-thi-dua/",
        units[0].get_absolute_url(),
        parent.cluster.get_absolute_url(),
        "/nhat-ky/",
        "/thong-bao/",
        "/thong-bao/cai-dat-thu/",
        "/don-vi/?q=S%E1%BB%9F&sector=agency",
    ]
    small = {url: count_queries(client, url) for url in urls}
    UnitFactory.create_batch(195, cluster=parent.cluster)
    PersonFactory.create_batch(195, unit=units[0])
    large = {url: count_queries(client, url) for url in urls}
    assert large == small
    assert max(large.values()) <= 20, large


def test_person_page_links_to_what_other_apps_hold_about_the_person(client, unit, secretary):
    person = PersonFactory(unit=unit)
    page = client.get(person.get_absolute_url()).content.decode()
    assert f"/tra-cuu-khen-thuong/ca-nhan/{person.pk}/" in page
