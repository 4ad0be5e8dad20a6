"""Daily reminders of filing deadlines: due in seven days, and overdue."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import PlanState, ReportingPeriod, period_label
from campaigns.models import Pledge, ResultReport, YearPlan
from emulation.enums import NotificationKind, Role
from emulation.models import Notification, Unit
from emulation.services import notify

from .data import FILED_RESULT_STATES, FILING_LEVELS, PLEDGED_STATES

DAYS_AHEAD = 7
# Overdue reminders stop after this many days; the Office follows up by other means.
OVERDUE_DAYS = 30
REMIND_AGAIN_AFTER = timedelta(hours=20)


def _deadlines(plan):
    """(what is due, with its year; deadline; units that have not filed it). The label carries the year itself:
    "báo cáo kết quả cả năm" followed by "năm 2026" read "cả năm năm 2026"."""
    units = Unit.objects.filter(is_active=True, level__in=FILING_LEVELS)
    pledged = Pledge.objects.filter(plan=plan, state__in=PLEDGED_STATES).values("unit")
    yield (
        _("đăng ký thi đua năm %(year)s") % {"year": plan.year},
        plan.registration_deadline,
        units.exclude(pk__in=pledged),
    )
    for period in (ReportingPeriod.SIX_MONTH, ReportingPeriod.YEAR_END):
        filed = ResultReport.objects.filter(plan=plan, period=period, state__in=FILED_RESULT_STATES).values("unit")
        label = _("báo cáo kết quả %(period)s") % {"period": period_label(period, plan.year)}
        yield label, plan.deadline_for(period), units.exclude(pk__in=filed)


def send_deadline_reminders(*, today=None):
    """Remind the secretaries of units that have not filed, once a day per deadline; return how many were sent.

    Side effects: notifications to the secretaries, and an overdue summary to the Office (reminders, mailed in each
    person's daily digest: emulation.tasks.send_reminder_digests).
    Beat runs it outside any transaction and it writes nothing else, so it notifies at once (there is no write to
    wait for, unlike the services, which use emulation.workflow.notify_after_commit) and counts what it sent.
    """
    today = today or timezone.localdate()
    users = get_user_model().objects.filter(is_active=True)
    sent = 0
    for plan in YearPlan.objects.filter(state=PlanState.LAUNCHED).order_by("year"):
        for label, deadline, missing in _deadlines(plan):
            overdue = today > deadline
            if deadline != today + timedelta(days=DAYS_AHEAD) and not (
                overdue and (today - deadline).days <= OVERDUE_DAYS
            ):
                continue
            values = {"what": label, "year": plan.year, "date": deadline.strftime("%d/%m/%Y")}
            if overdue:
                title = _("Quá hạn %(what)s (hạn %(date)s)") % values
            else:
                title = _("Còn 7 ngày đến hạn %(what)s (hạn %(date)s)") % values
            # Once a day: beat may fire twice (a restart, a second beat by mistake) without doubling reminders.
            already = Notification.objects.filter(
                title=title, created_at__gte=timezone.now() - REMIND_AGAIN_AFTER
            ).values("recipient")
            secretaries = (
                users.filter(Q(role_assignments__role=Role.SECRETARY) & Q(role_assignments__unit__in=missing))
                .exclude(pk__in=already)
                .distinct()
            )
            body = _("Đơn vị của đồng chí chưa hoàn thành %(what)s theo kế hoạch thi đua.") % values
            sent += len(
                notify(
                    kind=NotificationKind.REMINDER,
                    recipients=list(secretaries),
                    title=title,
                    body=body,
                    url=plan.get_absolute_url(),
                    deadline=deadline,
                )
            )
            if overdue:
                count = missing.count()
                if count:
                    office = users.filter(role_assignments__role=Role.OFFICE).exclude(pk__in=already).distinct()
                    summary = _("%(n)s đơn vị chưa hoàn thành %(what)s (hạn %(date)s).") % {
                        **values,
                        "n": count,
                    }
                    sent += len(
                        notify(
                            kind=NotificationKind.REMINDER,
                            recipients=list(office),
                            title=title,
                            body=summary,
                            url=plan.get_absolute_url(),
                            deadline=deadline,
                        )
                    )
    return sent
