"""Who may do what: the predicates every app composes, and the core's own permissions.

A user's roles are read once per request object and cached on it, so checks in loops cost no query.
Every object that belongs to a unit exposes it as ``obj.unit`` (or ``obj.owner_unit()``), and the
scope predicates below decide from the unit's materialized path without touching the database.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .enums import OBSERVER_ROLES, Role
from .models import Unit


def _assignments(user):
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        # user_id is read back by the related manager for every row: deferring it cost one query per role.
        cached = list(
            user.role_assignments.select_related("unit").only("role", "user_id", "unit__id", "unit__path", "unit__name")
        )
        user._role_cache = cached
    return cached


def roles_of(user):
    """The set of role codes the user holds."""
    return {assignment.role for assignment in _assignments(user)}


def secretary_units(user):
    """The units whose secretary the user is (their sub-units are covered too)."""
    return [a.unit for a in _assignments(user) if a.role == Role.SECRETARY and a.unit_id]


def owner_unit(obj):
    """The unit an object belongs to, for objects of any app."""
    if obj is None:
        return None
    if hasattr(obj, "owner_unit"):
        return obj.owner_unit()
    if isinstance(obj, Unit):
        return obj
    return getattr(obj, "unit", None)


def unit_in_scope(user, unit):
    """True when the unit is one of the user's secretary units or below one of them."""
    if unit is None:
        return False
    return any(unit.path.startswith(own.path) for own in secretary_units(user))


class _System:
    """The portal acting on its own (a worker, beat, a command): not a user, so never an anonymous request."""

    is_authenticated = False
    pk = None

    def __repr__(self):
        return "SYSTEM"

    def __bool__(self):
        return False


# Pass as ``by`` when no person asked for the change; the audit entry then names no actor.
SYSTEM = _System()


def check(user, perm, obj=None):
    """Refuse with PermissionDenied unless ``user`` holds ``perm`` (on ``obj``); SYSTEM always may.

    A missing user (None) is refused like an anonymous one: only an explicit SYSTEM skips the check.
    """
    if user is SYSTEM:
        return
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _has_role(role):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user):
        return user.is_active and (role in roles_of(user))

    return predicate


is_office = _has_role(Role.OFFICE)
is_secretary = _has_role(Role.SECRETARY)
is_council_member = _has_role(Role.COUNCIL)
is_standing_member = _has_role(Role.STANDING)
is_propaganda = _has_role(Role.PROPAGANDA)


@rules.predicate
def is_observer(user):
    return user.is_active and bool(roles_of(user) & OBSERVER_ROLES)


@rules.predicate
def is_own_unit_object(user, obj):
    """The object belongs to the user's unit or one of its sub-units."""
    return user.is_active and unit_in_scope(user, owner_unit(obj))


# Roles that read the records of every unit (but change nothing unless another rule allows it).
reads_every_unit = is_office | is_standing_member | is_council_member | is_observer
can_read_unit_object = reads_every_unit | is_own_unit_object
can_manage_unit_people = is_office | (is_secretary & is_own_unit_object)

rules.add_perm("emulation.view_unit", can_read_unit_object)
rules.add_perm("emulation.view_person", can_read_unit_object)
rules.add_perm("emulation.manage_people", can_manage_unit_people)
rules.add_perm("emulation.configure", is_office)
rules.add_perm("emulation.view_audit", is_office)
rules.add_perm("emulation.list_units", reads_every_unit | is_secretary)
