"""Every page of the portal, opened once by a role allowed to read it, says each word once.

The URL list is the authorization matrix's (every URL name has a row there), so a new page is scanned as soon as
it exists. A doubled word ("sáu tháng đầu năm năm 2027", "Tỷ lệ (%) (%)") comes from a label composed in two
places; the fix is one function that composes it (campaigns.enums.period_label, Criterion.measure_label).
"""

import html
import re

from django.db import transaction
from django.urls import reverse

from .inspect_responses import visible_text
from .matrix_table import TABLE
from .test_authorization_matrix import client_for

# Who opens each page: the first of these roles the matrix allows (the Office reads the most).
READER_ORDER = ("office", "standing", "council", "sec_a", "propaganda", "organization", "inspection", "sec_b", "anon")
# In PDF and workbook text, cells run into each other ("Có Có" is two cells), so only the known doublings count.
KNOWN_DOUBLINGS = re.compile(r"\bnăm\s+năm\b|\(%\)\s*\(%\)", re.IGNORECASE)
# Inside one element of a page, any word written twice in a row.
DOUBLED_WORD = re.compile(r"(?<!\w)([^\W\d_]{2,})\s+\1(?!\w)", re.IGNORECASE)
TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.DOTALL | re.IGNORECASE)


def doubled(response):
    text = visible_text(response)
    found = [m.group(0) for m in KNOWN_DOUBLINGS.finditer(" ".join(text.split()))]
    if "html" in response.get("Content-Type", ""):
        for segment in TAG.split(text):
            found += [m.group(0) for m in DOUBLED_WORD.finditer(" ".join(html.unescape(segment).split()))]
    return found


def test_no_page_a_role_can_open_doubles_a_word(in_world):
    world = in_world
    problems, pages = [], 0
    for name in sorted(TABLE):
        for case in TABLE[name]:
            role = next((r for r in READER_ORDER if r in case.allowed), None)
            if case.method != "GET" or role is None:
                continue
            path = reverse(name, kwargs=case.kwargs(world.objects) if case.kwargs else {})
            with transaction.atomic():
                response = client_for(world, role).get(path)
                transaction.set_rollback(True)
            pages += 1
            if response.status_code == 200:
                problems += [f"{name} [{case.label}] as {role}: {word!r}" for word in doubled(response)]
    assert pages > 50
    assert not problems, "\n".join(problems)


def test_the_demo_decisions_are_signed_with_the_position_their_standing_member_holds(in_world):
    """The demo's Standing Committee member signs as what his person record says, as the decision form proposes."""
    from awards.models import Decision
    from emulation.documents import default_signer

    decisions = list(Decision.objects.select_related("recorded_by"))
    assert decisions
    for decision in decisions:
        assert (decision.signer_name, decision.signer_position) == default_signer(decision.recorded_by)
