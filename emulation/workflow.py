"""The one way every app checks a permission, moves a record along its transition table and notifies.

Each stateful model declares a ``Workflow`` in its app's enums.py: the table ``{from_state: {action: to_state}}``,
the Vietnamese label of each action and the audit action each transition writes. Services call ``transition``
(never ``obj.state = ...``), which refuses an action the table does not allow from the current state with a
message naming both, sets the state, saves and writes the audit entry in the caller's transaction.
"""

import contextvars

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import DomainError
from .rules import SYSTEM, check
from .services import log_action, notify

__all__ = [
    "SYSTEM",
    "Workflow",
    "allows",
    "check",
    "notify_after_commit",
    "registry",
    "require",
    "transition",
    "workflow_for",
]

_REGISTRY = {}


class Workflow:
    """The transition table of one model (``"app_label.ModelName"``), registered on creation.

    ``noun`` names the record in a refusal ("hồ sơ", "kế hoạch"); ``labels`` maps each action to its Vietnamese
    label; ``audit`` maps each action to the audit action it writes, or is a prefix (``"award_proposal"`` gives
    ``"award_proposal.submit"``).
    """

    def __init__(self, model, table, *, noun, labels, audit):
        if model in _REGISTRY:
            raise ValueError(f"{model} already has a workflow.")
        self.model, self.table, self.noun, self.labels, self.audit = model, table, noun, labels, audit
        _REGISTRY[model] = self

    def __repr__(self):
        return f"Workflow({self.model})"

    @property
    def actions(self):
        return {action for moves in self.table.values() for action in moves}

    def allows(self, state, action):
        return action in self.table.get(state, {})

    def target(self, obj, action):
        """The state ``action`` leads ``obj`` to; a DomainError naming the action and the state if none."""
        target = self.table.get(obj.state, {}).get(action)
        if target is None:
            raise DomainError(
                _("Không thể thực hiện “%(action)s”: %(noun)s đang ở trạng thái “%(state)s”.")
                % {"action": self.labels.get(action, action), "noun": self.noun, "state": obj.get_state_display()}
            )
        return target

    def audit_action(self, action):
        if isinstance(self.audit, str):
            return f"{self.audit}.{action}"
        return self.audit[action]


def registry():
    """{model label: Workflow} of every model that declared one."""
    return dict(_REGISTRY)


def workflow_for(obj_or_model):
    return _REGISTRY[obj_or_model._meta.label]


def allows(obj, action):
    """True when the table lets ``obj`` take ``action`` from its current state."""
    return workflow_for(obj).allows(obj.state, action)


def require(obj, action):
    """Refuse early (before other checks) as ``transition`` would, without changing anything."""
    return workflow_for(obj).target(obj, action)


def transition(obj, action, *, by, comment="", data=None, changes=None, fields=None, save=True, unit=None):
    """Move ``obj`` (locked by the caller) along its table and record who did it.

    ``changes`` are other attributes set with the state (timestamps, reviewer); ``fields`` limits the save to the
    state and those fields (a full save without it); ``save=False`` leaves the save to the caller, in the same
    transaction. Side effects: the state (and changes) written, an audit entry with the states before and after.
    """
    workflow = workflow_for(obj)
    target = workflow.target(obj, action)
    before = obj.state
    obj.state = target
    for name, value in (changes or {}).items():
        setattr(obj, name, value)
    if save:
        obj.save(update_fields=["state", *fields] if fields is not None else None)
    log_action(
        actor=by,
        action=workflow.audit_action(action),
        obj=obj,
        unit=unit,
        comment=comment,
        data={"from": str(before), "to": str(target), **(data or {})},
    )
    return obj


def notify_after_commit(**kwargs):
    """``notify`` once the caller's transaction commits, so a write that is rolled back tells no one.

    It runs in the context of the call (emulation.services.without_mail holds when the write was made within it,
    even if the outermost transaction commits outside it)."""
    context = contextvars.copy_context()
    transaction.on_commit(lambda: context.run(notify, **kwargs))
