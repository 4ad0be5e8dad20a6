"""Helpers every awards service shares: locking, recipients, working days (permissions, transitions and
notifications are the core's: emulation.workflow)."""

import datetime

from emulation.enums import Role
from emulation.models import RoleAssignment


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


def add_working_days(start, days):
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)
