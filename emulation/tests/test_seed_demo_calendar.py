"""The demo tells a story that is true on the day it is loaded: seed_demo run with the clock moved across a year."""

import datetime
import io
from collections import Counter
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from awards.models import Ballot, Decision, Proposal, PublicNotice, Round
from awards.services import add_working_days
from campaigns.models import Pledge, ResultReport, Term, YearPlan
from campaigns.selectors.home import secretary_home
from emulation.enums import Role
from emulation.models import Person, RoleAssignment

pytestmark = pytest.mark.django_db

DAYS = [
    datetime.date(2026, 1, 15),
    datetime.date(2026, 6, 30),
    datetime.date(2026, 12, 3),
    datetime.date(2026, 12, 31),
]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_seed_demo_tells_a_story_true_on_the_day_it_is_loaded(today, settings):
    """seed_demo run on ``today`` at ten in the morning (seeding takes a while: one run per day, every check)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(10, 0)))
    with mock.patch("django.utils.timezone.now", return_value=now):
        call_command("seed_demo", stdout=io.StringIO())
        for check in CHECKS:
            check(today)


def check_the_current_term_holds_this_years_launched_plan_last_years_closed_and_next_years_draft(today):
    year = today.year
    term = Term.objects.get(start_year__lte=year, end_year__gt=year)
    plans = {p.year: p for p in YearPlan.objects.select_related("term")}
    assert plans[year].term == term and plans[year].state == "launched"
    assert plans[year - 1].state == "closed"
    assert plans[year + 1].state == "draft"
    assert list(YearPlan.objects.filter(state="launched").values_list("year", flat=True)) == [year]
    assert Term.objects.filter(end_year__lte=year).exists()  # the previous term, closed


def check_last_years_plan_is_fully_reported(today):
    last = YearPlan.objects.get(year=today.year - 1)
    pledges = Pledge.objects.filter(plan=last)
    assert pledges.exists() and set(pledges.values_list("state", flat=True)) == {"accepted"}
    reports = ResultReport.objects.filter(plan=last)
    assert reports.count() == 2 * pledges.count()
    assert set(reports.values_list("state", flat=True)) == {"accepted"}


def check_nothing_is_dated_after_today_and_only_what_is_late_is_late(today):
    now = timezone.now()
    for model in (Pledge, ResultReport, Proposal):
        assert not model.objects.filter(submitted_at__gt=now).exists(), model
    for model in (Pledge, ResultReport):
        assert not model.objects.filter(reviewed_at__gt=now).exists(), model
    assert not YearPlan.objects.filter(launched_at__gt=now).exists()
    assert not Decision.objects.filter(date__gt=today).exists()
    for pledge in Pledge.objects.filter(is_late=True).select_related("plan"):
        assert pledge.submitted_at.date() > pledge.plan.registration_deadline


def check_no_secretary_is_told_something_is_overdue_that_is_not(today):
    for user in User.objects.filter(role_assignments__role=Role.SECRETARY):
        for entry in secretary_home(user, today):
            assert entry["plan"].year == today.year
            for item in entry["items"]:
                assert item["overdue"] == (item["deadline"] < today)


def check_open_rounds_take_dossiers_until_a_day_still_ahead_and_last_years_round_is_closed(today):
    assert Round.objects.filter(state="open").exists()
    assert not Round.objects.filter(state="open", submission_deadline__lt=today).exists()
    assert Round.objects.get(kind="annual", year=today.year).state == "open"
    assert Round.objects.get(year=today.year - 1).state == "closed"


def check_every_notice_ends_after_it_starts_counted_in_working_days(today):
    notices = PublicNotice.objects.select_related("ballot__round")
    assert notices.exists()
    for notice in notices:
        published = timezone.localtime(notice.published_at).date()
        assert published <= today
        assert notice.ends_on == add_working_days(published, notice.ballot.round.notice_days)
    ended = notices.get(state="decided")
    assert ended.ends_on < today
    assert ended.decision.date > ended.ends_on
    running = notices.get(state="open")
    assert timezone.localtime(running.published_at).date() < today <= running.ends_on
    assert not Ballot.objects.filter(state="closed", closes_at__gt=timezone.now()).exists()
    assert Ballot.objects.filter(state="open", closes_at__gt=timezone.now()).exists()


def check_one_secretary_per_unit_and_a_person_with_two_roles(today):
    secretaries = Counter(RoleAssignment.objects.filter(role=Role.SECRETARY).values_list("unit", flat=True))
    assert secretaries and max(secretaries.values()) == 1
    titled = Counter(Person.objects.filter(position="Bí thư", is_active=True).values_list("unit", flat=True))
    assert max(titled.values()) == 1
    roles = Counter(RoleAssignment.objects.values_list("user", flat=True))
    assert max(roles.values()) >= 2


CHECKS = [
    check_the_current_term_holds_this_years_launched_plan_last_years_closed_and_next_years_draft,
    check_last_years_plan_is_fully_reported,
    check_nothing_is_dated_after_today_and_only_what_is_late_is_late,
    check_no_secretary_is_told_something_is_overdue_that_is_not,
    check_open_rounds_take_dossiers_until_a_day_still_ahead_and_last_years_round_is_closed,
    check_every_notice_ends_after_it_starts_counted_in_working_days,
    check_one_secretary_per_unit_and_a_person_with_two_roles,
]
