"""Helpers every awards service shares: locking, recipients, working days (permissions, transitions and
notifications are the core's: emulation.workflow)."""

import datetime

from emulation.enums import Role
from emulation.models import RoleAssignment
from emulation.selectors import role_holders


def users_with_role(role):
    return list(role_holders(role))


def council_size():
    """The council's total membership: every active user holding the council role (as the turnout counts them)."""
    return role_holders(Role.COUNCIL).count()


def secretaries_of(units):
    """Secretaries whose unit is one of the given units or above one of them."""
    paths = [u.path for u in units]
    assignments = RoleAssignment.objects.filter(role=Role.SECRETARY, user__is_active=True).select_related(
        "user", "unit"
    )
    return list({a.user for a in assignments if any(p.startswith(a.unit.path) for p in paths)})


def add_working_days(start, days):
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)
