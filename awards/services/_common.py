"""Helpers every awards service shares: permission check, locking, the transition table, recipients."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.enums import Role
from emulation.errors import DomainError
from emulation.models import RoleAssignment
from emulation.services import log_action, notify

from ..enums import (
    ACTION_LABELS,
    PROPOSAL_TRANSITIONS,
)


def _check(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def users_with_role(role):
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(role_assignments__role=role, is_active=True).distinct().order_by("pk"))


def council_size():
    """The council's total membership: every active user holding the council role."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(role_assignments__role=Role.COUNCIL, is_active=True).distinct().count()


def secretaries_of(units):
    """Secretaries whose unit is one of the given units or above one of them."""
    paths = [u.path for u in units]
    assignments = RoleAssignment.objects.filter(role=Role.SECRETARY, user__is_active=True).select_related(
        "user", "unit"
    )
    return list({a.user for a in assignments if any(p.startswith(a.unit.path) for p in paths)})


def _notify_later(**kwargs):
    transaction.on_commit(lambda: notify(**kwargs))


def add_working_days(start, days):
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


def _transition(proposal, action, *, by, comment="", data=None):
    """Move a locked proposal along the table, or refuse with a message naming the action and the state."""
    target = PROPOSAL_TRANSITIONS.get(proposal.state, {}).get(action)
    if target is None:
        raise DomainError(
            _("Không thể thực hiện “%(action)s”: hồ sơ đang ở trạng thái “%(state)s”.")
            % {"action": ACTION_LABELS.get(f"award_proposal.{action}", action), "state": proposal.get_state_display()}
        )
    before = proposal.state
    proposal.state = target
    proposal.save(update_fields=["state", "updated_at"])
    log_action(
        actor=by,
        action=f"award_proposal.{action}",
        obj=proposal,
        comment=comment,
        data={"from": before, "to": target, **(data or {})},
    )
    return proposal
