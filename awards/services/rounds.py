"""Rounds (đợt xét khen thưởng): opened and closed by the Office."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.enums import NotificationKind, Role
from emulation.errors import DomainError
from emulation.services import log_action
from emulation.workflow import check, notify_after_commit, transition

from ..enums import (
    RoundState,
)
from ..models import (
    Round,
)
from ._common import (
    _lock,
    users_with_role,
)


@transaction.atomic
def open_round(
    *, by, name, kind, year, submission_deadline, awards, phase=None, movement=None, notice_days=5, description=""
):
    """Open a round for proposals; every unit secretary is told, with the deadline."""
    check(by, "awards.manage_round")
    round = Round(
        name=name,
        kind=kind,
        year=year,
        submission_deadline=submission_deadline,
        phase=phase,
        movement=movement,
        notice_days=notice_days,
        description=description,
        opened_by=by,
    )
    try:
        round.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    round.save()
    round.awards.set(awards)
    log_action(actor=by, action="award_round.opened", obj=round)
    notify_after_commit(
        kind=NotificationKind.ANNOUNCEMENT,
        recipients=users_with_role(Role.SECRETARY),
        title=_("Mở đợt xét khen thưởng: %(name)s") % {"name": name},
        body=_("Đơn vị lập hồ sơ đề nghị khen thưởng và gửi trước hạn."),
        url=round.get_absolute_url(),
        deadline=submission_deadline,
    )
    return round


@transaction.atomic
def close_round(*, round, by):
    check(by, "awards.manage_round")
    round = _lock(Round, round)
    if round.state == RoundState.CLOSED:
        raise DomainError(_("Đợt xét đã kết thúc."))
    return transition(round, "close", by=by, fields=[])
