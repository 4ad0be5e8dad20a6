"""Every page a user reaches runs a bounded number of queries, the same on a small and on a larger data set.

The data is the benchmark's own generator at two sizes (SQLite here; PostgreSQL in the benchmark), and the
pages are enumerated from the URL resolver as the benchmark does, so a new page is guarded as soon as it exists.
"""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks import pages
from benchmarks.datagen import generate, seed_base

MAX_QUERIES = 20


def _measure(client, path):
    """Status and the larger query count of a cold and a warm request (caching must not hide an unbounded miss)."""
    client.get(path)  # warms the process-wide caches (content types) that a running server keeps warm
    cache.clear()
    statuses, numbers = [], []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        statuses.append(response.status_code)
        numbers.append(len(ctx.captured_queries))
    return statuses[0], max(numbers)


def _counts():
    users = pages.users()
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    measured, _skipped = pages.plan()
    counts = {}
    for label, role, path in measured:
        status, number = _measure(clients[role], path)
        if status == 405:
            continue
        if status == 403 and role == "office":  # a page the Office does not reach (a unit's own forms)
            status, number = _measure(clients["secretary"], path)
        counts[label] = (status, number, path)
    return counts


def _at(scale):
    with transaction.atomic():
        seed_base()
        generate(scale, seed=1)
        counts = _counts()
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db
def test_every_page_has_bounded_queries_independent_of_data_size():
    small = _at("tiny")
    larger = _at("small")
    assert set(small) == set(larger)
    problems = []
    for label, (status, count, path) in sorted(larger.items()):
        if status != 200:
            problems.append(f"{label} {path}: status {status}")
        if count > MAX_QUERIES:
            problems.append(f"{label} {path}: {count} queries (at most {MAX_QUERIES})")
        if count != small[label][1]:
            problems.append(f"{label} {path}: {small[label][1]} queries on the small data, {count} on the larger")
    assert not problems, "\n".join(problems)
    assert len(larger) >= 50  # the resolver really was enumerated
