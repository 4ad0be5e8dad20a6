"""Ids, choices and text read from a request outside a form.

Every value a view takes from ``request.GET`` or ``request.POST`` without a form goes through one of these, so a
hostile value becomes "nothing chosen" instead of an exception from ``int()`` or the database. ``str.isdigit()`` is
no guard: it accepts "²" (which ``int()`` refuses) and "١٢٣" (which ``int()`` reads as 123), and a string of 5,000
digits passes it but exceeds Python's limit on converting text to int.
"""

import re

# The largest key a PostgreSQL bigint and an SQLite INTEGER hold: a bigger id would overflow the query.
MAX_ID = 2**63 - 1
# ASCII digits only ([0-9] is not \d, which matches every script's digits), at most as many as MAX_ID has.
_ID = re.compile(r"[0-9]{1,19}")


def id_param(value):
    """The positive id ``value`` spells in ASCII digits, or None for anything else (missing, signed, too big)."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def id_list(values, *, limit):
    """The valid ids among ``values`` (a ``getlist()``), in order, without repeats, at most ``limit`` of them."""
    ids = {}
    for value in values:
        number = id_param(value)
        if number is not None:
            ids[number] = None
            if len(ids) >= limit:
                break
    return list(ids)


def choice_param(value, choices, default=""):
    """``value`` if it is one of ``choices`` (a TextChoices' values, or any container of strings), else ``default``."""
    return value if isinstance(value, str) and value in choices else default


def text_param(value, max_length):
    """A search text: stripped and cut to ``max_length`` characters ("" when missing)."""
    return value.strip()[:max_length] if isinstance(value, str) else ""


def page_param(value):
    """The page number a list was asked for, or None (the paginator then shows the first page)."""
    return id_param(value)
