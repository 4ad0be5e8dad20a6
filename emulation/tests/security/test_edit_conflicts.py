"""Two people editing the same record from two browsers: the later save is refused with a conflict, not applied.

Each browser opens the edit form, reads every field it renders (a hidden version included, if any), and sends
it back with its own change; the first save wins, the second gets a message and changes nothing.
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from emulation.tests.factories import UnitFactory, secretary_of

from .forms_found import forms_of

pytestmark = pytest.mark.django_db

CONFLICT_SIGNS = ("alert-danger", "is-invalid", "invalid-feedback", "errorlist")


def browser(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(client, page, action):
    """The fields a browser would send from the form posting to ``action`` on ``page``, with their current values."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    html = response.content.decode()
    fields = {}
    for form in forms_of(html):
        if (form["action"] or page) == action:
            fields.update(form["fields"])
    assert fields, f"no form posting to {action} on {page}"
    return _values(html, fields)


def _values(html, fields):
    """Current values: read again with a parser that keeps value attributes and textarea text."""
    from html.parser import HTMLParser

    values = {}

    class Values(HTMLParser):
        textarea = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            name = attrs.get("name")
            if name not in fields:
                return
            if tag == "input":
                kind = (attrs.get("type") or "text").lower()
                if kind in ("checkbox", "radio"):
                    if "checked" in attrs:
                        values.setdefault(name, []).append(attrs.get("value", "on"))
                else:
                    values[name] = attrs.get("value", "")
            elif tag == "textarea":
                self.textarea = name
                values[name] = ""

        def handle_data(self, data):
            if self.textarea:
                values[self.textarea] += data

        def handle_endtag(self, tag):
            if tag == "textarea":
                self.textarea = None

    Values().feed(html)
    return values


def two_saves(first, second, page, action, field, texts):
    data_one = form_data(first, page, action)
    data_two = form_data(second, page, action)
    first.post(action, {**data_one, field: texts[0]})
    return second.post(action, {**data_two, field: texts[1]}, follow=True)


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def two_secretaries(unit):
    return browser(secretary_of(unit)), browser(secretary_of(unit))


@pytest.fixture
def draft_pledge(unit):
    from campaigns.models import PledgeTarget
    from campaigns.tests.factories import PledgeFactory, plan_with_criteria

    plan = plan_with_criteria()
    pledge = PledgeFactory(plan=plan, unit=unit)
    for criterion in plan.criteria.all():
        PledgeTarget.objects.create(pledge=pledge, criterion=criterion, value=Decimal("1"))
    return pledge


def assert_conflict(response, obj, field, kept):
    obj.refresh_from_db()
    assert getattr(obj, field) == kept, "the later save overwrote the earlier one"
    assert any(sign in response.content.decode() for sign in CONFLICT_SIGNS)


def test_two_browsers_editing_one_pledge_the_later_save_is_refused(two_secretaries, draft_pledge):
    page = action = reverse("campaigns:pledge_edit", kwargs={"pk": draft_pledge.pk})
    response = two_saves(*two_secretaries, page, action, "commitment", ["Bản thứ nhất", "Bản thứ hai"])
    assert_conflict(response, draft_pledge, "commitment", "Bản thứ nhất")


def test_two_browsers_editing_one_result_the_later_save_is_refused(two_secretaries, draft_pledge):
    from campaigns.tests.factories import ResultFactory

    type(draft_pledge).objects.filter(pk=draft_pledge.pk).update(state="accepted")
    report = ResultFactory(pledge=draft_pledge)
    page = action = reverse("campaigns:result_edit", kwargs={"pk": report.pk})
    response = two_saves(*two_secretaries, page, action, "narrative", ["Kết quả thứ nhất", "Kết quả thứ hai"])
    assert_conflict(response, report, "narrative", "Kết quả thứ nhất")


def test_two_browsers_editing_one_proposal_the_later_save_is_refused(two_secretaries, unit):
    from awards.tests.factories import ProposalFactory

    proposal = ProposalFactory(unit=unit)
    page = reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})
    action = reverse("awards:proposal_edit", kwargs={"pk": proposal.pk})
    response = two_saves(*two_secretaries, page, action, "achievement_report", ["Thành tích một", "Thành tích hai"])
    assert_conflict(response, proposal, "achievement_report", "Thành tích một")


def test_a_single_browser_saves_twice_without_conflict(two_secretaries, draft_pledge):
    first, _second = two_secretaries
    page = action = reverse("campaigns:pledge_edit", kwargs={"pk": draft_pledge.pk})
    for text in ("Lần một", "Lần hai"):
        data = form_data(first, page, action)
        first.post(action, {**data, "commitment": text})
    draft_pledge.refresh_from_db()
    assert draft_pledge.commitment == "Lần hai"
