"""Every download of an export or a dossier file is written to the audit log as "export", with who and from where."""

import pytest
from django.urls import reverse

from emulation.models import AuditEntry

from .forms_found import client_for, poster_of
from .matrix_table import TABLE

FILE_TYPES = ("application/pdf", "spreadsheet", "octet-stream", "msword", "officedocument", "image/")
# Each download URL: the matrix's cases are tried as the first role allowed; extra query strings where the
# download is a format of a page.
DOWNLOADS = {
    "campaigns:tracking_export": "",
    "campaigns:registration_template": "",
    "campaigns:evidence_download": "",
    "awards:attachment_download": "",
    "awards:ballot_minutes": "",
    "awards:decision_pdf": "",
    "awards:notice_pdf": "",
    "awards:certificate_pdf": "",
    "awards:lookup": "?format=xlsx",
    "reports:download": "",
}
MISSING = {}  # downloads known not to log yet (xfail); empty since the fixes


def _is_file(response):
    return response.status_code == 200 and any(t in response.get("Content-Type", "") for t in FILE_TYPES)


def _cases(name):
    for case in TABLE[name]:
        role = next((r for r in ("office", "sec_a", "standing") if r in case.allowed), poster_of(case))
        yield case, role


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=MISSING[n])) if n in MISSING else n
        for n in DOWNLOADS
    ],
)
def test_each_download_is_logged_as_an_export(in_world, name):
    world = in_world
    for case, role in _cases(name):
        path = reverse(name, kwargs=case.kwargs(world.objects) if case.kwargs else {}) + DOWNLOADS[name]
        before = AuditEntry.objects.filter(action="export").count()
        response = client_for(world, role).get(path)
        assert _is_file(response), (path, response.status_code, response.get("Content-Type"))
        entries = AuditEntry.objects.filter(action="export").order_by("-pk")
        assert entries.count() == before + 1, f"{path} as {role} wrote no export entry"
        entry = entries.first()
        assert entry.actor == world.users[role]
        assert entry.ip_address


def test_every_file_the_portal_serves_is_in_the_download_list(in_world):
    world = in_world
    unlisted = []
    for name, cases in TABLE.items():
        for case in cases:
            if case.method != "GET" or name in DOWNLOADS:
                continue
            role = next((r for r in ("office", "sec_a", "standing", "council") if r in case.allowed), None)
            if role is None:
                continue
            path = reverse(name, kwargs=case.kwargs(world.objects) if case.kwargs else {})
            if _is_file(client_for(world, role).get(path)):
                unlisted.append(name)
    assert not unlisted, f"downloads missing from DOWNLOADS: {unlisted}"


def test_the_office_audit_page_shows_exports(in_world):
    world = in_world
    client_for(world, "office").get(
        reverse("campaigns:tracking_export", kwargs={"pk": world.objects["launched_plan"].pk, "kind": "bang"})
    )
    page = client_for(world, "office").get(reverse("audit_log") + "?action=export")
    assert page.status_code == 200
    assert world.users["office"].get_full_name() in page.content.decode() or "vanphong" in page.content.decode()
