"""Exemplars and initiatives: proposed by a unit, verified by the Office, published by Propaganda on a public page."""

import datetime

import pytest
from django.urls import reverse

from campaigns import selectors, upkeep
from campaigns.enums import ExemplarState, InitiativeState, RecognitionLevel
from campaigns.models import Exemplar, Initiative
from emulation.tests.factories import PersonFactory, propaganda_user

from .conftest import login

pytestmark = pytest.mark.django_db


def test_exemplar_is_proposed_verified_published_and_shown_without_login(client, unit, secretary, office):
    person = PersonFactory(unit=unit, full_name="Phan Thị Hạnh")
    login(client, secretary)
    response = client.post(
        reverse("campaigns:exemplar_create"),
        {
            "unit": unit.pk,
            "kind": "good_deed",
            "title": "Trả lại tài sản cho người đánh rơi",
            "summary": "…",
            "person": person.pk,
        },
    )
    exemplar = Exemplar.objects.get()
    assert (
        response.status_code == 302 and exemplar.state == ExemplarState.PROPOSED and exemplar.proposed_by == secretary
    )

    client.logout()
    assert client.get(reverse("campaigns:public_exemplar", args=[exemplar.pk])).status_code == 404

    propaganda = propaganda_user(username="tuyengiao")
    login(client, propaganda)
    assert client.post(reverse("campaigns:exemplar_action", args=[exemplar.pk, "verify"])).status_code == 403
    login(client, office)
    client.post(reverse("campaigns:exemplar_action", args=[exemplar.pk, "verify"]), {"comment": "Đúng sự thật."})
    login(client, office)
    assert client.post(reverse("campaigns:exemplar_action", args=[exemplar.pk, "publish"])).status_code == 403
    login(client, propaganda)
    client.post(reverse("campaigns:exemplar_action", args=[exemplar.pk, "publish"]))
    exemplar.refresh_from_db()
    assert exemplar.state == ExemplarState.PUBLISHED and exemplar.published_at

    client.logout()
    page = client.get(reverse("campaigns:public_exemplars")).content.decode()
    assert "Trả lại tài sản cho người đánh rơi" in page and "Phan Thị Hạnh" in page
    assert client.get(reverse("campaigns:public_exemplar", args=[exemplar.pk])).status_code == 200

    login(client, office)
    page = client.get(exemplar.get_absolute_url()).content.decode()
    for label in ("Đề xuất điển hình", "Văn phòng xác nhận", "Công bố trên trang công khai", "Đúng sự thật."):
        assert label in page


def test_rejected_exemplar_needs_a_reason_and_never_goes_public(client, unit, office):
    exemplar = Exemplar.objects.create(unit=unit, kind="exemplar", title="Đề xuất chưa đủ căn cứ", summary="…")
    login(client, office)
    page = client.post(
        reverse("campaigns:exemplar_action", args=[exemplar.pk, "reject"]), {"comment": ""}, follow=True
    ).content.decode()
    assert "Hãy ghi rõ lý do không xác nhận." in page
    client.post(reverse("campaigns:exemplar_action", args=[exemplar.pk, "reject"]), {"comment": "Chưa đủ căn cứ."})
    exemplar.refresh_from_db()
    assert exemplar.state == ExemplarState.REJECTED
    client.logout()
    assert "Đề xuất chưa đủ căn cứ" not in client.get(reverse("campaigns:public_exemplars")).content.decode()


def test_initiative_is_proposed_and_recognized_with_level_and_date(client, unit, secretary, office):
    author = PersonFactory(unit=unit)
    login(client, secretary)
    client.post(
        reverse("campaigns:initiative_create"),
        {"unit": unit.pk, "title": "Số hóa hồ sơ", "description": "Giảm một nửa thời gian.", "authors": [author.pk]},
    )
    initiative = Initiative.objects.get()
    assert list(initiative.authors.all()) == [author]
    assert client.post(reverse("campaigns:initiative_recognize", args=[initiative.pk])).status_code == 403

    login(client, office)
    client.post(
        reverse("campaigns:initiative_recognize", args=[initiative.pk]),
        {"recognition_level": RecognitionLevel.BLOC, "recognized_on": "2022-11-15", "decision_number": "112-QĐ/ĐUK"},
    )
    initiative.refresh_from_db()
    assert initiative.state == InitiativeState.RECOGNIZED
    assert initiative.recognition_level == RecognitionLevel.BLOC and initiative.recognized_on == datetime.date(
        2022, 11, 15
    )
    found = selectors.recognized_initiatives(
        person=author, min_level=RecognitionLevel.UNIT, since=datetime.date(2022, 1, 1)
    )
    assert list(found) == [initiative]
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Công nhận sáng kiến" in page and "Cấp Đảng ủy Khối" in page


def test_initiative_recognition_date_cannot_be_in_the_future(client, unit, office):
    initiative = Initiative.objects.create(unit=unit, title="Sáng kiến", description="…")
    login(client, office)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    page = client.post(
        reverse("campaigns:initiative_recognize", args=[initiative.pk]),
        {"recognition_level": 1, "recognized_on": tomorrow.isoformat()},
        follow=True,
    ).content.decode()
    assert "Ngày công nhận không hợp lệ" in page
    initiative.refresh_from_db()
    assert initiative.state == InitiativeState.PROPOSED


def test_secretary_cannot_propose_for_another_unit(client, secretary, other_unit):
    login(client, secretary)
    response = client.post(
        reverse("campaigns:exemplar_create"), {"unit": other_unit.pk, "kind": "good_deed", "title": "x", "summary": "y"}
    )
    assert response.status_code == 200 and not Exemplar.objects.exists()


def test_list_counts_are_cached_yet_follow_every_change(client, unit, office):
    """The lists' counts are remembered between page views; a new, changed or deleted record shows at once."""

    def counted(name):
        return client.get(reverse(name)).context["page"].paginator.count

    Exemplar.objects.create(unit=unit, kind="good_deed", title="Một", summary="…", state=ExemplarState.PUBLISHED)
    Initiative.objects.create(unit=unit, title="Sáng kiến một", description="…")
    upkeep.queue_changed()  # what every writer calls after its write (the services, the admin, the loaders)
    login(client, office)
    assert counted("campaigns:exemplar_list") == 1 and counted("campaigns:initiative_list") == 1
    assert counted("campaigns:public_exemplars") == 1

    second = Exemplar.objects.create(unit=unit, kind="good_deed", title="Hai", summary="…", state="published")
    Initiative.objects.create(unit=unit, title="Sáng kiến hai", description="…")
    upkeep.queue_changed()
    assert counted("campaigns:exemplar_list") == 2 and counted("campaigns:initiative_list") == 2
    assert counted("campaigns:public_exemplars") == 2

    second.state = ExemplarState.PROPOSED
    second.save()
    upkeep.queue_changed()
    assert counted("campaigns:public_exemplars") == 1
    second.delete()
    upkeep.queue_changed()
    assert counted("campaigns:exemplar_list") == 1


def test_proposal_forms_offer_the_units_people_and_plans_by_name(client, plan, unit, secretary):
    PersonFactory(unit=unit, full_name="Lê Thị <Mai>")
    login(client, secretary)
    for name in ("campaigns:exemplar_create", "campaigns:initiative_create"):
        page = client.get(reverse(name)).content.decode()
        # The secretary's only unit is the one valid option: chosen already, no "---------" (renderers.py).
        assert f'<option value="{unit.pk}" selected>Đảng bộ Sở Tài chính</option>' in page
        assert "Lê Thị &lt;Mai&gt;</option>" in page
    exemplar_page = client.get(reverse("campaigns:exemplar_create")).content.decode()
    assert f'<option value="{plan.pk}">Kế hoạch thi đua năm {plan.year}</option>' in exemplar_page
