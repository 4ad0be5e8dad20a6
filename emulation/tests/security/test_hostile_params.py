"""Parameters read outside a form: hostile values never reach int() or the database, and NUL is a 400.

Each case is a parameter some view read with ``isdigit()`` then ``int()``, or handed raw to a query: "²" passes
``isdigit()`` but ``int()`` refuses it, "١٢٣" is read as 123 by ``int()``, 5,000 digits exceed Python's limit on
converting text to int, and an id beyond 64 bits overflows the database. A NUL character cannot be stored in
PostgreSQL; the portal refuses it before any view (a 400 page), whatever the database.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from emulation.middleware import BadInputMiddleware
from emulation.models import Notification

from .forms_found import client_for
from .test_bad_input import BROWSER, full_fingerprint

NUL = "x\x00y"
HOSTILE = {
    "nul": NUL,
    "superscript": "²",
    "arabic_indic_digits": "١٢٣",
    "5000_digits": "9" * 5000,
    "beyond_64_bits": "99999999999999999999999",
}


def _plan(o):
    return {"pk": o["launched_plan"].pk}


# (role, method, url name, URL kwargs, the parameter, the rest of the data)
CASES = {
    "round_state": ("office", "get", "awards:round_list", None, "state", {}),
    "proposal_search": ("office", "get", "awards:proposal_list", None, "q", {}),
    "proposal_state": ("office", "get", "awards:proposal_list", None, "state", {}),
    "ballot_state": ("office", "get", "awards:ballot_list", None, "state", {}),
    "lookup_format": ("office", "get", "awards:lookup", None, "format", {}),
    "covenant_plan": ("office", "get", "campaigns:covenant_list", None, "plan", {}),
    "exemplar_state": ("office", "get", "campaigns:exemplar_list", None, "state", {}),
    "initiative_state": ("office", "get", "campaigns:initiative_list", None, "state", {}),
    "initiative_level": ("office", "get", "campaigns:initiative_list", None, "level", {}),
    "ranking_period": ("office", "get", "campaigns:plan_ranking", _plan, "period", {}),
    "ranking_page": ("office", "get", "campaigns:plan_ranking", _plan, "page", {}),
    "tracking_page": ("office", "get", "campaigns:plan_tracking", _plan, "page", {}),
    "pledge_list_page": ("office", "get", "campaigns:pledge_list", None, "page", {}),
    "proposal_list_page": ("office", "get", "awards:proposal_list", None, "page", {}),
    "unit_list_page": ("office", "get", "unit_list", None, "page", {}),
    "report_list_kind": ("office", "get", "reports:list", None, "kind", {}),
    "mark_read_ids": ("sec_a", "post", "notifications_mark_read", None, "id", {}),
    "pledge_start_unit": (
        "sec_a",
        "post",
        "campaigns:pledge_start",
        lambda o: {"plan_pk": o["launched_plan"].pk},
        "unit",
        {},
    ),
    "remind_units": ("office", "post", "campaigns:plan_remind", _plan, "unit", {"message": "Nhắc nộp báo cáo"}),
    "report_unit": ("office", "post", "reports:request", None, "unit", {"kind": "unit", "year": "2025"}),
}


def _unread_notification(user):
    """Something a hostile "mark read" could wrongly change."""
    return Notification.objects.create(recipient=user, title="Thông báo chưa đọc")


@pytest.mark.parametrize("value_name", HOSTILE)
@pytest.mark.parametrize("case_name", CASES)
def test_hostile_parameter_is_never_a_server_error_and_writes_nothing(in_world, case_name, value_name):
    world = in_world
    role, method, url_name, kwargs, param, rest = CASES[case_name]
    value = HOSTILE[value_name]
    client = client_for(world, role)  # logging in writes last_login: before the fingerprint
    _unread_notification(world.users[role])
    path = reverse(url_name, kwargs=kwargs(world.objects) if kwargs else None)
    if method == "get":
        client.get(path)  # some lists keep counts they compute on the first view: written before the fingerprint
    before = full_fingerprint()
    if method == "get":
        response = client.get(path, {**rest, param: value}, follow=True)
    else:
        response = client.post(path, {**BROWSER, **rest, param: value}, follow=True)
    statuses = [status for _url, status in response.redirect_chain] + [response.status_code]
    assert all(status < 500 for status in statuses), statuses
    assert full_fingerprint() == before
    if value == NUL:
        assert statuses[0] == 400
        assert "ký tự không hợp lệ" in response.content.decode()


def test_nul_in_the_path_is_bad_request(in_world):
    client = client_for(in_world, "office")
    assert client.get("/giao-uoc/x%00y/").status_code == 400
    assert client.get("/x%00y").status_code == 400


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%ED%BF%BF", "%FF", "%C3%28", "a%00"])
def test_text_that_is_not_utf8_is_bad_request_in_query_and_body(in_world, raw):
    """A lone surrogate (ED A0 80 in UTF-8's forbidden range) or broken bytes: Django would turn them into U+FFFD
    silently. The test client cannot encode a lone surrogate, so the query and the body are written by hand."""
    world = in_world
    client = client_for(world, "sec_a")
    _unread_notification(world.users["sec_a"])
    before = full_fingerprint()
    assert client.get(f"/de-nghi-khen-thuong/?q={raw}").status_code == 400
    assert client.get(f"/de-nghi-khen-thuong/?{raw}=1").status_code == 400
    response = client.post(
        reverse("notifications_mark_read"), f"id={raw}", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert full_fingerprint() == before


def test_valid_vietnamese_text_is_not_refused(in_world):
    client = client_for(in_world, "office")
    response = client.get("/de-nghi-khen-thuong/?q=%C4%91%E1%BB%81+ngh%E1%BB%8B")  # "đề nghị"
    assert response.status_code == 200


def _through_middleware(request):
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()  # the 400 page shows the navigation
    return BadInputMiddleware(lambda request: HttpResponse("view reached"))(request)


def test_multipart_upload_contents_are_not_inspected(db):
    """A PDF or a spreadsheet holds NUL and any bytes: only the decoded fields and file names are checked."""
    upload = SimpleUploadedFile("minh-chứng.pdf", b"%PDF-1.4\n\x00\xff\xed\xa0\x80\x00", content_type="application/pdf")
    request = RequestFactory().post("/ket-qua/1/minh-chung/", {"description": "Biên bản", "file": upload})
    assert _through_middleware(request).content == b"view reached"


def test_nul_in_a_multipart_field_is_bad_request(db):
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    request = RequestFactory().post("/ket-qua/1/minh-chung/", {"description": NUL, "file": upload})
    assert _through_middleware(request).status_code == 400


def test_nul_in_a_reminder_message_is_refused_and_sends_nothing(in_world):
    world = in_world
    client = client_for(world, "office")
    path = reverse("campaigns:plan_remind", kwargs=_plan(world.objects))
    before = full_fingerprint()
    response = client.post(path, {**BROWSER, "unit": str(world.unit_a.pk), "message": f"Nhắc {NUL}"})
    assert response.status_code == 400
    assert full_fingerprint() == before


def test_a_reminder_to_a_valid_unit_is_still_sent(in_world, django_capture_on_commit_callbacks):
    """The guard refuses hostile text only: the Office's ordinary reminder goes out (once the write commits)."""
    world = in_world
    client = client_for(world, "office")
    path = reverse("campaigns:plan_remind", kwargs=_plan(world.objects))
    secretary = world.users["sec_a"]
    sent = Notification.objects.filter(recipient=secretary).count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {**BROWSER, "unit": [str(world.unit_a.pk), "²"], "message": "Nhắc nộp báo cáo"})
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=secretary).count() == sent + 1


@pytest.mark.django_db
def test_nul_in_a_cookie_is_bad_request_before_the_session_is_read(client):
    """Django unquotes cookie values, octal escapes included: a NUL reached the session store (a 500 on PostgreSQL)."""
    client.cookies["sessionid"] = "abcdefghij\x00k"
    response = client.get("/")
    assert response.status_code == 400
    client.cookies["sessionid"] = "abcdefghijk"  # an unknown session: the login page, as ever
    assert client.get("/").status_code == 302
