"""Urging units (đôn đốc): a reminder to the secretaries of late or missing units, in the portal and by email."""

from django.db import transaction
from django.utils.translation import gettext as _

from emulation.enums import NotificationKind
from emulation.errors import DomainError
from emulation.services import log_action
from emulation.workflow import check, notify_after_commit

from ..selectors import member_units, owed_items, tracking_rows, tracking_started
from .plans import unit_secretaries


@transaction.atomic
def send_reminder(*, plan, units, by, message=""):
    """Remind each unit's secretaries of what it still owes for the plan and by when; refused before the plan is
    launched, when the units owe nothing yet.

    Side effects: a notification per secretary (a reminder, mailed in the next daily digest), an audit entry on
    the plan naming the units.
    Returns the number of units reminded.
    """
    check(by, "campaigns.send_reminder", plan)
    if not tracking_started(plan):
        raise DomainError(
            _(
                "Kế hoạch chưa được phát động nên các đơn vị chưa có việc gì phải nộp: chưa thể gửi nhắc nhở. "
                "Việc theo dõi và nhắc nhở bắt đầu sau khi Văn phòng phát động kế hoạch."
            )
        )
    unit_ids = [u.pk for u in units]
    if not unit_ids:
        raise DomainError(_("Chưa chọn đơn vị nào để nhắc."))
    rows = tracking_rows(plan, member_units().filter(pk__in=unit_ids))
    reminded = []
    for row in rows:
        items = owed_items(plan, row)
        if not items:
            continue
        lines = [f"- {item['label']}: {_('hạn')} {item['deadline']:%d/%m/%Y}" for item in items]
        body = "\n".join(([message.strip(), ""] if message.strip() else []) + lines)
        notify_after_commit(
            kind=NotificationKind.REMINDER,
            recipients=list(unit_secretaries([row])),
            title=_("Đôn đốc thực hiện %(plan)s") % {"plan": plan},
            body=body,
            url=plan.get_absolute_url(),
            deadline=min(item["deadline"] for item in items),
        )
        reminded.append(row)
    if not reminded:
        raise DomainError(_("Các đơn vị đã chọn không còn việc nào phải nộp."))
    log_action(
        actor=by,
        action="plan.reminder_sent",
        obj=plan,
        comment=", ".join(str(u) for u in reminded)[:2000],
        data={"units": [u.pk for u in reminded]},
    )
    return len(reminded)
