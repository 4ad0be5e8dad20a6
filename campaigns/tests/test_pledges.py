"""The pledge story of a unit: register, submit, returned, fix, resubmit, accept, revise; and who sees what."""

import datetime

import pytest
from django.urls import reverse

from campaigns.enums import ReviewState
from campaigns.models import IndividualRegistration, Pledge
from emulation.models import AuditEntry, Notification
from emulation.tests.factories import PersonFactory, UnitFactory, secretary_of

from .conftest import login
from .factories import TARGETS

pytestmark = pytest.mark.django_db


def pledge_form_data(plan, **overrides):
    data = {
        "movements": [m.pk for m in plan.movements.all()],
        "aimed_title": "Tập thể lao động xuất sắc",
        "commitment": "Hoàn thành xuất sắc nhiệm vụ.",
    }
    for criterion in plan.criteria.all():
        data[f"target_{criterion.pk}"] = overrides.get(criterion.code, TARGETS[criterion.code])
    return data


def start_pledge(client, plan, unit):
    response = client.post(reverse("campaigns:pledge_start", args=[plan.pk]), {"unit": unit.pk})
    assert response.status_code == 302
    return Pledge.objects.get(plan=plan, unit=unit, revision=1)


def act(client, pledge, action, comment=""):
    return client.post(reverse("campaigns:pledge_action", args=[pledge.pk, action]), {"comment": comment}, follow=True)


def test_secretary_registers_is_returned_fixes_resubmits_is_accepted_and_revises(
    client, plan, unit, secretary, office, django_capture_on_commit_callbacks
):
    person = PersonFactory(unit=unit, full_name="Trần Văn Bình")
    login(client, secretary)
    pledge = start_pledge(client, plan, unit)
    assert pledge.state == ReviewState.DRAFT and pledge.created_by == secretary

    response = client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), pledge_form_data(plan, B="3"))
    assert response.status_code == 302
    assert pledge.targets.get(criterion__code="B").value == 3
    client.post(
        reverse("campaigns:registration_add", args=[pledge.pk]),
        {"person": person.pk, "title": "Chiến sĩ thi đua cơ sở"},
    )
    assert IndividualRegistration.objects.filter(pledge=pledge, person=person).exists()

    page = act(client, pledge, "submit").content.decode()
    assert "Đã gửi bản đăng ký tới Văn phòng." in page
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.SUBMITTED and pledge.submitted_at and not pledge.is_late
    # Once submitted the unit cannot change it.
    client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), pledge_form_data(plan, B="9"))
    assert pledge.targets.get(criterion__code="B").value == 3

    login(client, office)
    with django_capture_on_commit_callbacks(execute=True):  # the unit is told once the return is committed
        act(client, pledge, "return", "Chỉ tiêu số mô hình còn thấp, đề nghị nâng lên.")
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.RETURNED and pledge.reviewed_by == office
    assert Notification.objects.filter(recipient=secretary, title__contains="trả lại").exists()

    login(client, secretary)
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Chỉ tiêu số mô hình còn thấp" in page
    client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), pledge_form_data(plan, B="5"))
    act(client, pledge, "submit")
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.SUBMITTED and pledge.targets.get(criterion__code="B").value == 5

    login(client, office)
    act(client, pledge, "accept", "Đồng ý.")
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.ACCEPTED

    login(client, secretary)
    page = act(client, pledge, "revise", "Bổ sung chỉ tiêu sau sơ kết.").content.decode()
    pledge.refresh_from_db()
    revision = Pledge.objects.get(plan=plan, unit=unit, revision=2)
    assert pledge.state == ReviewState.SUPERSEDED
    assert revision.state == ReviewState.DRAFT and revision.previous == pledge
    assert revision.targets.get(criterion__code="B").value == 5
    assert revision.registrations.filter(person=person).exists()
    assert "Lần sửa đổi" in page and "thay cho" in page

    # Every change is in the history shown on the object's page, with who did it and the comment.
    page = client.get(pledge.get_absolute_url()).content.decode()
    for label in (
        "Lập bản đăng ký thi đua",
        "Gửi bản đăng ký",
        "Trả lại bản đăng ký để bổ sung",
        "Chấp thuận bản đăng ký",
        "Thay thế bằng bản sửa đổi",
    ):
        assert label in page
    assert "Chỉ tiêu số mô hình còn thấp, đề nghị nâng lên." in page
    actions = list(AuditEntry.objects.for_object(pledge).values_list("action", "actor__username"))
    assert ("pledge.returned", "vanphong") in actions and ("pledge.submitted", "bithu1") in actions


def test_pledge_filed_after_the_deadline_is_marked_late(client, plan, unit, secretary):
    plan.registration_deadline = datetime.date.today() - datetime.timedelta(days=1)
    plan.six_month_deadline = plan.year_end_deadline = datetime.date.today() + datetime.timedelta(days=1)
    plan.save()
    login(client, secretary)
    pledge = start_pledge(client, plan, unit)
    client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), pledge_form_data(plan))
    act(client, pledge, "submit")
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.SUBMITTED and pledge.is_late
    assert "Muộn" in client.get(reverse("campaigns:pledge_list")).content.decode()


def test_pledge_cannot_be_submitted_with_a_criterion_left_without_target(client, plan, unit, secretary):
    login(client, secretary)
    pledge = start_pledge(client, plan, unit)
    client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), pledge_form_data(plan, D=""))
    page = act(client, pledge, "submit").content.decode()
    assert "Còn 1 tiêu chí chưa đăng ký chỉ tiêu." in page
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.DRAFT


def test_secretary_files_only_for_own_unit(client, plan, unit, secretary, other_unit):
    login(client, secretary)
    response = client.post(reverse("campaigns:pledge_start", args=[plan.pk]), {"unit": other_unit.pk})
    assert response.status_code == 403
    assert not Pledge.objects.filter(unit=other_unit).exists()


def test_secretary_files_for_a_sub_unit_of_own_unit(client, plan, unit, secretary):
    sub = UnitFactory(parent=unit, cluster=unit.cluster, level="cell")
    login(client, secretary)
    assert start_pledge(client, plan, sub).unit == sub


def test_secretary_cannot_review_own_pledge(client, plan, unit, secretary):
    login(client, secretary)
    pledge = start_pledge(client, plan, unit)
    client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), pledge_form_data(plan))
    act(client, pledge, "submit")
    response = client.post(reverse("campaigns:pledge_action", args=[pledge.pk, "accept"]))
    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.SUBMITTED


def test_office_sees_every_units_pledges_and_a_secretary_only_own(client, plan, unit, secretary, other_unit, office):
    from .factories import PledgeFactory

    # Sent: a draft is its unit's alone (campaigns.view_unit_record).
    PledgeFactory(plan=plan, unit=unit, state=ReviewState.SUBMITTED)
    PledgeFactory(plan=plan, unit=other_unit, state=ReviewState.SUBMITTED)
    login(client, office)
    page = client.get(reverse("campaigns:pledge_list")).content.decode()
    assert unit.name in page and other_unit.name in page
    login(client, secretary)
    page = client.get(reverse("campaigns:pledge_list")).content.decode()
    assert unit.name in page and other_unit.name not in page


def test_returning_needs_a_comment(client, plan, unit, secretary, office):
    login(client, secretary)
    pledge = start_pledge(client, plan, unit)
    client.post(reverse("campaigns:pledge_edit", args=[pledge.pk]), pledge_form_data(plan))
    act(client, pledge, "submit")
    login(client, office)
    page = act(client, pledge, "return", "  ").content.decode()
    assert "Hãy ghi rõ nội dung cần bổ sung" in page
    pledge.refresh_from_db()
    assert pledge.state == ReviewState.SUBMITTED


def test_other_secretary_cannot_register_people_of_another_unit(client, plan, unit, secretary, other_unit):
    stranger = PersonFactory(unit=other_unit)
    login(client, secretary)
    pledge = start_pledge(client, plan, unit)
    response = client.post(
        reverse("campaigns:registration_add", args=[pledge.pk]), {"person": stranger.pk, "title": "Lao động tiên tiến"}
    )
    assert response.status_code == 200  # the form refuses a person outside the unit
    assert not IndividualRegistration.objects.exists()


def test_secretary_of_unit_sees_own_pledge_page(client, plan, unit):
    from .factories import PledgeFactory

    pledge = PledgeFactory(plan=plan, unit=unit)
    login(client, secretary_of(unit))
    assert client.get(pledge.get_absolute_url()).status_code == 200


def test_garbage_unit_id_is_a_404_not_a_crash(client, plan, secretary):
    login(client, secretary)
    assert client.post(reverse("campaigns:pledge_start", args=[plan.pk]), {"unit": "1 OR 1=1"}).status_code == 404
