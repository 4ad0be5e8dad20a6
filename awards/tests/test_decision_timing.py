"""'Ghi nhận quyết định' is offered only when it can be done: until then it is shown disabled with the day it opens
(or the comments it waits for), on every page that leads to it; the service refuses on the same day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.tests.conftest import close_now, open_ballot
from emulation.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(verified_proposal, office, council, round):
    ballot = open_ballot([verified_proposal], office, round)
    for member in council:
        services.cast_votes(ballot=ballot, by=member, choices={ballot.items.get().pk: "agree"})
    services.close_ballot(ballot=close_now(ballot), by=office)
    return services.publish_notice(ballot=ballot, by=office)


def _end(notice):
    type(notice).objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    notice.refresh_from_db()
    return notice


def test_during_the_notice_the_decision_is_shown_disabled_with_its_day(client, notice, standing):
    day = notice.ends_on.strftime("%d/%m/%Y")
    form_url = reverse("awards:decision_create", args=[notice.pk])
    client.force_login(standing)
    for url in (notice.get_absolute_url(), "/"):  # the notice's page and the Standing Committee's home panel
        page = client.get(url).content.decode()
        assert f"Ghi nhận quyết định — mở sau ngày {day}" in page, url
        assert "disabled" in page
        assert form_url not in page, url

    # Reached by its address, the form is not offered either.
    response = client.get(form_url, follow=True)
    assert response.redirect_chain[-1][0] == notice.get_absolute_url()
    assert f"mở sau ngày {day}" in response.content.decode()
    with pytest.raises(DomainError, match=f"mở sau ngày {day}"):
        services.record_decision(
            notice=notice,
            by=standing,
            date=timezone.localdate(),
            signer_name="Nguyễn Đình Hải",
            signer_position="BÍ THƯ",
        )


def test_after_the_notice_the_decision_is_a_link_once_comments_are_resolved(
    client, notice, standing, secretary, office
):
    feedback = services.send_feedback(notice=notice, by=secretary, kind="objection", text="Xin xem lại.")
    _end(notice)
    assert notice.decision_is_due
    form_url = reverse("awards:decision_create", args=[notice.pk])
    client.force_login(standing)
    for url in (notice.get_absolute_url(), "/"):
        page = client.get(url).content.decode()
        assert "Ghi nhận quyết định — chờ Văn phòng xử lý 1 ý kiến" in page, url
        assert form_url not in page, url

    services.resolve_feedback(feedback=feedback, by=office, resolution="Đã xác minh.")
    for url in (notice.get_absolute_url(), "/"):
        page = client.get(url).content.decode()
        assert form_url in page, url
        assert "mở sau ngày" not in page and "chờ Văn phòng xử lý" not in page
    assert client.get(form_url).status_code == 200


def test_the_decision_opens_the_day_after_the_notice_ends(notice):
    notice.ends_on = timezone.localdate()
    assert notice.decision_opens_after == timezone.localdate()
    assert not notice.decision_is_due  # the notice's last day is still the notice's
    notice.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    assert notice.decision_is_due


def test_others_see_no_decision_action(client, notice, office):
    client.force_login(office)
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "Ghi nhận quyết định" not in page
