"""Every URL of the project, for every role, on objects of unit A: the allowed get through, the others get 403/404.

The URL list comes from the resolver, so a new URL without a row in matrix_table.TABLE fails this test.
Beyond the status, no response may show private text of unit A to a role that may not read it (markers in
world.py), a refused POST must leave the database exactly as it was, and no GET writes to the database: a read
never repairs, counts or stamps anything (the session and the audit entry of a download aside).
"""

import os
import re

from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .inspect_responses import visible_text
from .matrix_table import ADMIN_CASE, ADMIN_SPECIAL, OPTIONAL, TABLE
from .world import ROLES

LOGIN = "/accounts/login/"
OK_STATUSES = {200, 302, 400}
REFUSED_STATUSES = {403, 404}
WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)", re.IGNORECASE)
# What a GET may write: the session (a message shown, a language chosen), and the audit entry that records who
# downloaded a file (the export log of the security rules).
GET_MAY_WRITE = {"django_session"}
DOWNLOAD_MAY_WRITE = {"emulation_auditentry"}


def walk(resolver=None, prefix="", namespace=None):
    """(full name or None, route text) of every pattern, descending into includes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            inner = f"{namespace}:{ns}" if namespace and ns else ns or namespace
            yield from walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


ADMIN_FILL = {"object_id": "1", "app_label": "campaigns", "content_type_id": "1", "id": "1", "url": "khong-co/"}


def admin_path(route):
    """A concrete path for an admin route, whatever mix of converters and regex groups it uses."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ADMIN_FILL.get(m.group(1), "1"), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: ADMIN_FILL.get(m.group(1), "1"), path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def _fingerprint_sql():
    """One query: for every table its row count, and a checksum of the state-like columns of its rows."""
    from django.db import connection

    quote = connection.ops.quote_name
    parts = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        columns = {f.name: f.column for f in model._meta.concrete_fields}
        pk = quote(model._meta.pk.column)
        if model._meta.pk.get_internal_type() not in ("AutoField", "BigAutoField", "IntegerField"):
            parts.append(f"SELECT '{model._meta.label}', COUNT(*), 0 FROM {quote(model._meta.db_table)}")  # noqa: S608
            continue
        terms = [f"LENGTH({quote(columns[n])})" for n in ("state", "result") if n in columns]
        terms += [f"{quote(columns[n])}" for n in ("version", "revision") if n in columns]
        weight = " + ".join(["1", *(f"{i + 2} * COALESCE({t}, 0)" for i, t in enumerate(terms))])
        parts.append(
            f"SELECT '{model._meta.label}', COUNT(*), COALESCE(SUM({pk} * ({weight})), 0) "  # noqa: S608 - model metadata only
            f"FROM {quote(model._meta.db_table)}"
        )
    return " UNION ALL ".join(parts)


def fingerprint():
    """Row counts of every model, with a checksum of the state and version of every row that has them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return sorted(cursor.fetchall())


class Outcome:
    def __init__(self):
        self.cases = 0
        self.soft_refusals = 0
        self.failures = []
        self.markers_seen = set()

    def fail(self, name, case, role, why):
        self.failures.append(f"{name} [{case.label}] as {role}: {why}")


def client_for(world, role):
    client = Client(raise_request_exception=False)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def run_case(world, outcome, name, case, role, path, data):
    client = client_for(world, role)
    before = fingerprint() if case.method == "POST" and role not in case.allowed else None
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        if case.method == "POST":
            response = client.post(path, data or {})
        else:
            response = client.get(path)
        after = fingerprint() if before else None
        transaction.set_rollback(True)
    outcome.cases += 1
    status = response.status_code
    if case.method == "GET":
        is_file = not response.get("Content-Type", "").startswith("text/")
        allowed = GET_MAY_WRITE | (DOWNLOAD_MAY_WRITE if is_file else set())
        written = {m.group(1) for q in queries.captured_queries if (m := WRITE.match(q["sql"]))} - allowed
        if written:
            outcome.fail(name, case, role, f"GET wrote to {sorted(written)}")
    if os.environ.get("MATRIX_TRACE"):
        print(name, case.label, role, status, response.get("Location", ""), before == after if before else "")
    location = response.get("Location", "")
    text = visible_text(response)
    for marker, readers in world.markers.items():
        if marker in text:
            if role in readers:
                outcome.markers_seen.add(marker)
            else:
                outcome.fail(name, case, role, f"shows {marker}")
    if status >= 500:
        outcome.fail(name, case, role, f"status {status}")
        return
    if role in case.allowed and case is ADMIN_CASE:
        return  # the admin's own per-model permissions apply (deletes and audit rows are refused there)
    if role in case.allowed:
        to_login = (
            status == 302 and location.startswith(LOGIN) and role != "anon" and name not in ("logout", "admin:logout")
        )
        if status not in OK_STATUSES or to_login:
            outcome.fail(name, case, role, f"allowed role got {status} {location}")
        return
    if role == "anon":
        if not (status == 302 and location.startswith((LOGIN, "/admin/login/"))) and status not in REFUSED_STATUSES:
            outcome.fail(name, case, role, f"anonymous got {status} {location}")
        return
    if status in REFUSED_STATUSES or (status == 302 and location.startswith("/admin/login/")):
        if before and before != after:
            outcome.fail(name, case, role, f"refused with {status} but the database changed")
        return
    if case.method == "POST" and status in (200, 302) and before == after:
        # The view let the service refuse: a message and no change at all.
        outcome.soft_refusals += 1
        return
    outcome.fail(name, case, role, f"refused role got {status} {location}")


def test_every_url_for_every_role_on_unit_a_objects(in_world, capsys):
    world = in_world
    patterns = list(walk())
    named = {name for name, _route in patterns if name and not name.startswith("admin:")}
    missing = sorted(named - set(TABLE))
    stale = sorted(set(TABLE) - named - OPTIONAL)
    assert not missing, f"URL patterns without a row in the authorization matrix: {missing}"
    assert not stale, f"rows for URL names that no longer exist: {stale}"
    unnamed = [route for name, route in patterns if not name and not route.startswith("admin/")]
    assert not unnamed, f"unnamed URL patterns outside the admin cannot be checked: {unnamed}"

    outcome = Outcome()
    for name in sorted(TABLE.keys() & named):
        for case in TABLE[name]:
            kwargs = case.kwargs(world.objects) if case.kwargs else {}
            path = reverse(name, kwargs=kwargs)
            data = case.data(world.objects) if case.data else None
            for role in ROLES:
                run_case(world, outcome, name, case, role, path, data)
    for name, route in patterns:
        if route.startswith("admin/"):
            path = admin_path(route)
            case = ADMIN_SPECIAL.get(name, ADMIN_CASE)
            for role in ROLES:
                run_case(world, outcome, name or route, case, role, path, None)

    with capsys.disabled():
        print(
            f"\nauthorization matrix: {outcome.cases} URL x role x object cases, "
            f"{len(patterns)} URL patterns, {outcome.soft_refusals} refusals by the service with nothing changed"
        )
    assert not outcome.failures, "\n".join(outcome.failures)
    # A marker no page ever shows would make its leak check vacuous.
    assert outcome.markers_seen == set(world.markers), set(world.markers) - outcome.markers_seen
