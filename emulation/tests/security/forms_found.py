"""The POST endpoints of the project and their fields, found from the URL table and the pages' own forms."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from django.db import transaction
from django.test import Client
from django.urls import reverse

from .matrix_table import TABLE

# Query parameters views read outside a form (a state tab, a "see all" link, the page, an export's format): every
# list page is fuzzed with them, whether or not the page shows a link that carries them.
QUERY_PARAMS = ("plan", "state", "q", "page", "kind", "level", "period", "format")
# The pages that show a list, whole or paginated (a ballot's nominees, a decision's awardees, a unit's members).
LISTING_SUFFIXES = ("_list", "_detail", "_rows", "catalog")
# Who posts to each endpoint in the fuzz tests: the first role the matrix allows, in this order.
ROLE_ORDER = ("sec_a", "office", "standing", "council", "propaganda", "organization", "inspection", "sec_b", "anon")


class FormParser(HTMLParser):
    """Every POST form of a page: its action and its fields (name -> kind and the options of a select).

    It also keeps the address of every link, whose query strings name the parameters a page reads.
    """

    def __init__(self, with_get=False):
        super().__init__()
        self.with_get = with_get
        self.forms = []
        self.links = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            if method == "post" or self.with_get:
                self._form = {"action": attrs.get("action") or "", "fields": {}, "formactions": [], "method": method}
                self.forms.append(self._form)
            return
        if self._form is not None and tag in ("button", "input") and attrs.get("formaction"):
            self._form["formactions"].append(attrs["formaction"])
        if self._form is None or not attrs.get("name") or attrs["name"] == "csrfmiddlewaretoken":
            return
        fields = self._form["fields"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            field = fields.setdefault(attrs["name"], {"kind": kind, "options": []})
            if kind in ("checkbox", "radio", "hidden") and attrs.get("value") is not None:
                field["options"].append(attrs["value"])
        elif tag == "textarea":
            fields.setdefault(attrs["name"], {"kind": "textarea", "options": []})
        elif tag == "select":
            self._select = fields.setdefault(attrs["name"], {"kind": "select", "options": []})
        elif tag == "option" and self._select is not None and attrs.get("value"):
            self._select["options"].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(html, *, with_get=False):
    return _parsed(html, with_get).forms


def _parsed(html, with_get):
    parser = FormParser(with_get=with_get)
    parser.feed(html)
    return parser


def query_fields(path, html, *, listing):
    """The GET parameters a page takes: its GET forms' fields, the parameters of its links to itself (state tabs,
    pagination, sorting) with their values as options, and for a list every name in QUERY_PARAMS."""
    parsed = _parsed(html, True)
    fields = {}
    for form in parsed.forms:
        if form["method"] == "get" and (form["action"] or path) == path:
            fields.update(form["fields"])
    for link in parsed.links:
        target = urlsplit(link)
        if target.path not in ("", path):
            continue
        for name, values in parse_qs(target.query, keep_blank_values=True).items():
            field = fields.setdefault(name, {"kind": "text", "options": []})
            field["options"].extend(value for value in values if value not in field["options"])
    if fields or listing:
        for name in QUERY_PARAMS:
            fields.setdefault(name, {"kind": "text", "options": []})
    return fields


def filter_pages(world):
    """[(url name, role, path, fields)] of every page that takes query parameters: a GET form (list filters,
    searches, lookups), links to itself with a query string, or a list (paginated, filtered by tabs)."""
    pages = []
    for name, cases in TABLE.items():
        for case in cases:
            role = next((r for r in ("office", "sec_a", "standing", "council", "anon") if r in case.allowed), None)
            if case.method != "GET" or role is None:
                continue
            path = reverse(name, kwargs=case.kwargs(world.objects) if case.kwargs else {})
            response = client_for(world, role).get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            fields = query_fields(path, response.content.decode(), listing=name.endswith(LISTING_SUFFIXES))
            if fields:
                pages.append((name, role, path, fields))
    return pages


def poster_of(case):
    return next((role for role in ROLE_ORDER if role in case.allowed), None)


def client_for(world, role):
    client = Client(raise_request_exception=False)
    if world.users.get(role) is not None:
        client.force_login(world.users[role])
    return client


def accepts_post(client, path):
    """Whether the endpoint takes a POST at all (anything but 405), without keeping what the post did."""
    with transaction.atomic():
        status = client.post(path, {}).status_code
        transaction.set_rollback(True)
    return status != 405


def post_endpoints(world):
    """[(url name, label, role, path, fields)] for every URL of the matrix that takes a POST.

    The fields are read from every form that posts to the path on the pages the same role can open.
    """
    endpoints = []
    pages = {}
    for name, cases in TABLE.items():
        for case in cases:
            role = poster_of(case)
            if role is None:
                continue
            path = reverse(name, kwargs=case.kwargs(world.objects) if case.kwargs else {})
            pages.setdefault(role, set())
            if case.method == "GET":
                pages[role].add(path)
            endpoints.append((name, case, role, path))
    # Pages that carry action forms: the objects' detail pages.
    for role in pages:
        for name, cases in TABLE.items():
            for case in cases:
                if case.method == "GET" and role in case.allowed and case.kwargs and name.endswith("_detail"):
                    pages[role].add(reverse(name, kwargs=case.kwargs(world.objects)))
    found = {}
    for role, paths in pages.items():
        client = client_for(world, role)
        for page in sorted(paths):
            response = client.get(page)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in forms_of(response.content.decode()):
                for action in form["formactions"] or [form["action"] or page]:
                    found.setdefault((role, action), {}).update(form["fields"])
    result = []
    for name, case, role, path in endpoints:
        fields = found.get((role, path))
        # A page that takes a POST only because nothing forbids it, and renders no form for it, is left out:
        # posting to it shows the page again.
        if case.method == "GET" and fields is None:
            continue
        if not accepts_post(client_for(world, role), path):
            continue
        result.append((name, case.label, role, path, fields or {}, case.data))
    return result
