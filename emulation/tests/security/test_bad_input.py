"""Hostile input to every POST endpoint: never a 500, always a clear outcome, nothing written when refused, HTML escaped.

The endpoints come from the authorization matrix's table (every URL of the project), kept where the view takes a
POST; their fields are read from the forms the pages render. Each endpoint is posted to by a role the matrix
allows, on unit A's objects, with values drawn by hypothesis: among them NUL, lone surrogates and bytes that are not
UTF-8 (which must be a 400), digits of other scripts and numbers beyond Python's int conversion limit.
"""

import hashlib
import os
from urllib.parse import quote, quote_from_bytes, quote_plus, unquote, unquote_to_bytes

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .forms_found import client_for, filter_pages, post_endpoints
from .inspect_responses import visible_text

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
# Endpoints whose success is a plain redirect without a message.
QUIET = {"logout", "set_language", "admin:logout", "notifications_mark_read"}
# What a browser always sends with a form: a POST is never empty.
BROWSER = {"csrfmiddlewaretoken": "x"}
XSS = '<script>alert("xss-A")</script>'
XSS_ATTR = '"><img src=x onerror=alert("xss-B")>'
PAYLOADS = [
    XSS,
    XSS_ATTR,
    "'; DROP TABLE campaigns_pledge; --",
    "1 OR 1=1",
    "\x00\x01\x02\x1b[31m\x7f",
    "x\x00y",
    "²",
    "١٢٣",
    "9" * 5000,
    "-" + "1" * 5000,
    "\u202etxt.exe",
    "Ạ" * 20000,
    "a" * 100001,
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "0.000000000000000000001",
    "2025-02-30",
    "0000-00-00",
    "31/02/2025",
    "9999-99-99",
    "",
    " ",
    "null",
    "../../etc/passwd",
    "{{ 7*7 }}",
    "%s%s%n",
]
# Endpoints whose form is not on any page the fixture shows (the object is in another state) get these names.
GENERIC_FIELDS = {
    name: {"kind": "text", "options": []}
    for name in ("comment", "text", "kind", "nominee", "resolution", "unit", "period", "message", "description", "id")
}
HOSTILE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
# Digits of every script: str.isdigit() and int() accept many of them, the database none.
UNICODE_DIGITS = st.text(st.characters(categories=("Nd", "No")), min_size=1, max_size=25)
HUGE_NUMBERS = st.integers(4301, 6000).map(lambda n: "9" * n)


class Raw(str):
    """A value already percent-encoded, sent as it is: the test client encodes text to UTF-8 and cannot send a lone
    surrogate or a broken byte sequence, which a hostile client can."""


def _raw(before, chunk, after):
    return Raw(quote(before, safe="") + quote_from_bytes(chunk, safe="") + quote(after, safe=""))


NOT_UTF8 = st.builds(
    _raw,
    st.text(max_size=10).filter(lambda t: "\x00" not in t),
    st.one_of(
        st.characters(categories=("Cs",)).map(lambda char: char.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\x28", b"\xed\xa0\x80\xed\xbf\xbf"]),
    ),
    st.text(max_size=10).filter(lambda t: "\x00" not in t),
)
ERROR_SIGNS = ("alert-danger", "is-invalid", "invalid-feedback", "errorlist", 'role="alert"')
SUCCESS_SIGNS = ("alert-success", "alert-info")


def _tables():
    from django.apps import apps

    return sorted(
        m._meta.db_table
        for m in apps.get_models()
        if m._meta.app_label in ("emulation", "campaigns", "awards", "reports", "auth") and m._meta.managed
    )


def full_fingerprint(*, skip=("django_session",)):
    """A digest of every row of every table of the portal: a rejected post must leave it exactly as it was."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in _tables():
            if table in skip:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608 - table names from the schema
            digest.update(table.encode())
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


def value_strategy(field):
    options = field["options"]
    choices = [
        st.sampled_from(PAYLOADS),
        HOSTILE_TEXT,
        st.integers(-(10**20), 10**20).map(str),
        UNICODE_DIGITS,
        HUGE_NUMBERS,
        NOT_UTF8,
    ]
    if options:
        choices.append(st.sampled_from(options))
    if field["kind"] == "file":
        return st.builds(
            lambda name, head, body: SimpleUploadedFile(name, head + body, content_type="application/pdf"),
            st.sampled_from(["a.pdf", "../../x.pdf", XSS + ".pdf", "bảng kê.xlsx", "x" * 300 + ".pdf", "a.exe"]),
            st.sampled_from([b"%PDF-1.4\n", b"MZ\x90\x00", b"PK\x03\x04", b"<html>", b""]),
            st.binary(max_size=256),
        )
    return st.one_of(choices)


def data_strategy(fields):
    return st.fixed_dictionaries({}, optional={name: value_strategy(field) for name, field in fields.items()})


def must_be_refused(data):
    """Whether the request holds text no form may take: NUL anywhere, or bytes that are not UTF-8 (a 400)."""
    for value in data.values():
        if isinstance(value, Raw):
            raw = unquote_to_bytes(value)
            try:
                raw.decode()
            except UnicodeDecodeError:
                return True
            if b"\x00" in raw:
                return True
        elif isinstance(value, str) and "\x00" in value:
            return True
    return False


def encoded(data):
    """The data as a form body or query string, with Raw values as they are; None if the client can encode it."""
    if not any(isinstance(value, Raw) for value in data.values()):
        return None
    return "&".join(
        f"{quote_plus(name)}={value if isinstance(value, Raw) else quote_plus(value)}" for name, value in data.items()
    )


def sendable(data):
    """A multipart body carries files: there Raw values are sent as the text Django would decode from them."""
    if any(not isinstance(value, str) for value in data.values()):
        return {
            name: (unquote(value, errors="replace") if isinstance(value, Raw) else value)
            for name, value in data.items()
        }
    return data


class Tally:
    def __init__(self):
        self.posts = 0
        self.failures = []


def check_post(client, name, path, data, tally, *, audit_on_refusal=False):
    """Post once, follow the redirects, and judge: no 500, escaped output, a clear outcome, no write if refused."""
    tally.posts += 1
    data = sendable({**BROWSER, **data})
    body = encoded(data)
    before = full_fingerprint(
        skip=("django_session", "emulation_auditentry") if audit_on_refusal else ("django_session",)
    )
    with transaction.atomic():
        if body is None:
            response = client.post(path, data, follow=True)
        else:
            response = client.post(path, body, content_type="application/x-www-form-urlencoded", follow=True)
        after = full_fingerprint(
            skip=("django_session", "emulation_auditentry") if audit_on_refusal else ("django_session",)
        )
        transaction.set_rollback(True)
    problems = []
    statuses = [status for _url, status in response.redirect_chain] + [response.status_code]
    if any(status >= 500 for status in statuses):
        problems.append(f"status {statuses}")
    if must_be_refused(data) and statuses[0] != 400:
        problems.append(f"NUL or text that is not UTF-8 not refused with 400 (status {statuses})")
    text = visible_text(response)
    if XSS in text or XSS_ATTR in text:
        problems.append("unescaped HTML in the page")
    refused = response.status_code in (400, 403, 404, 413) or any(sign in text for sign in ERROR_SIGNS)
    accepted = any(sign in text for sign in SUCCESS_SIGNS) or before != after
    if not refused and not accepted and name not in QUIET:
        problems.append(f"no clear outcome (status {statuses}, nothing written, no message)")
    if refused and not accepted and before != after:
        problems.append("refused but the database changed")
    if refused and any(sign in text for sign in ERROR_SIGNS) is False and response.status_code == 200:
        problems.append("refused without a message")
    if problems:
        shown = {k: (v if not isinstance(v, str) else v[:60]) for k, v in data.items()}
        tally.failures.append(f"{name} {path}: {'; '.join(problems)} with {shown!r}")
    return not problems


def fuzzer(client, name, path, fields, base_data, login, tally):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )
    @given(data=data_strategy(fields))
    def fuzz(data):
        check_post(client, name, path, {**base_data, **data}, tally, audit_on_refusal=login)

    return fuzz


def test_every_post_endpoint_survives_hostile_input(in_world, capsys):
    world = in_world
    endpoints = post_endpoints(world)
    tally = Tally()
    without_fields = []
    for name, _label, role, path, fields, base in endpoints:
        client = client_for(world, role)
        base_data = base(world.objects) if base else {}
        login = name in ("login", "password_reset", "admin:login")
        if not fields:
            without_fields.append(name)
            fields = GENERIC_FIELDS
        # Fixed cases first: every field missing, every field set to script, then to a number int() cannot read.
        check_post(client, name, path, {}, tally, audit_on_refusal=login)
        check_post(client, name, path, {**{f: XSS for f in fields}, **base_data}, tally, audit_on_refusal=login)
        check_post(client, name, path, {**base_data, **{f: "9" * 5000 for f in fields}}, tally, audit_on_refusal=login)

        fuzzer(client, name, path, fields, base_data, login, tally)()
    with capsys.disabled():
        print(
            f"\nbad input: {tally.posts} hostile posts to {len(endpoints)} POST endpoints "
            f"({len(set(without_fields))} without a rendered form, fuzzed with generic field names)"
        )
    assert len(endpoints) >= 40
    assert not tally.failures, "\n".join(tally.failures[:60])


def test_an_id_beyond_64_bits_is_bad_input_not_a_server_error(in_world):
    """SQLite cannot compare such an id in a choice field's lookup; the portal answers 400 and writes nothing."""
    world = in_world
    huge = "-99999999999999999999"
    cases = [
        ("sec_a", "/sang-kien/de-xuat/", {"title": "x", "description": "x", "authors": huge}),
        ("office", f"/ke-hoach/{world.objects['draft_plan'].pk}/sua/", {"theme": "x", "movements": huge}),
    ]
    for role, path, data in cases:
        client = client_for(world, role)  # logging in writes last_login: before the fingerprint
        before = full_fingerprint()
        response = client.post(path, {**BROWSER, **data})
        assert response.status_code in (200, 400), (path, response.status_code)
        assert full_fingerprint() == before


def query_fuzzer(check_get, client, name, path, fields):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )
    @given(data=data_strategy(fields))
    def fuzz(data):
        check_get(client, name, path, {k: v for k, v in data.items() if isinstance(v, str)})

    return fuzz


def test_every_filter_and_search_survives_hostile_query_strings(in_world, capsys):
    """GET forms (list filters, searches, the eligibility check, the award lookup) and the query parameters of every
    list: never a 500, escaped output, and a 400 for NUL or text that is not UTF-8."""
    world = in_world
    pages = filter_pages(world)
    tally = Tally()

    def check_get(client, name, path, data):
        tally.posts += 1
        data = {**data, "page": data.get("page", "1")}
        query = encoded(data)
        response = client.get(path, data) if query is None else client.get(f"{path}?{query}")
        body = visible_text(response)
        if response.status_code >= 500:
            tally.failures.append(f"{name} {path}: status {response.status_code} with {data!r:.200}")
        elif must_be_refused(data) and response.status_code != 400:
            tally.failures.append(f"{name} {path}: status {response.status_code}, not 400, with {data!r:.200}")
        elif XSS in body or XSS_ATTR in body:
            tally.failures.append(f"{name} {path}: unescaped HTML with {data!r:.200}")

    for name, role, path, fields in pages:
        client = client_for(world, role)
        check_get(client, name, path, {f: XSS for f in fields})
        check_get(client, name, path, {f: "-99999999999999999999" for f in fields})
        check_get(client, name, path, {f: "9" * 5000 for f in fields})

        query_fuzzer(check_get, client, name, path, fields)()
    with capsys.disabled():
        print(f"\nbad input: {tally.posts} hostile query strings to {len(pages)} pages with filters or lists")
    assert len(pages) >= 30
    assert not tally.failures, "\n".join(tally.failures[:60])
