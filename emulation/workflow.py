"""The one way every app checks a permission, moves a record along its transition table and notifies.

Each stateful model declares a ``Workflow`` in its app's enums.py: the table ``{from_state: {action: to_state}}``,
the Vietnamese label of each action, the audit action each transition writes, and who must act next in each state
and by when (``waiting``, read by ``next_step`` for the "Đang chờ" block of every record's page). Services call ``transition``
(never ``obj.state = ...``), which refuses an action the table does not allow from the current state with a
message naming both, sets the state, saves and writes the audit entry in the caller's transaction.
"""

import contextvars
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError
from .rules import SYSTEM, check
from .services import log_action, notify

__all__ = [
    "COUNCIL",
    "HIGHER_LEVEL",
    "OFFICE",
    "PROPAGANDA",
    "STANDING",
    "SYSTEM",
    "SYSTEM_WORKER",
    "Waiting",
    "Workflow",
    "allows",
    "check",
    "next_step",
    "notify_after_commit",
    "registry",
    "require",
    "transition",
    "unit_secretary",
    "workflow_for",
]

_REGISTRY = {}

# Who acts next, as a record's page names them; the apps' tables use these so one role reads the same everywhere.
OFFICE = gettext_lazy("Văn phòng Đảng ủy Khối")
STANDING = gettext_lazy("Ban Thường vụ Đảng ủy Khối")
COUNCIL = gettext_lazy("Thành viên Hội đồng Thi đua - Khen thưởng")
PROPAGANDA = gettext_lazy("Ban Tuyên giáo")
HIGHER_LEVEL = gettext_lazy("Cấp trên (cấp có thẩm quyền khen thưởng)")
SYSTEM_WORKER = gettext_lazy("Hệ thống (máy chủ lập báo cáo)")


def unit_secretary(obj):
    """The filing unit's secretary, named by the unit (``obj.unit``, already joined by the page's selector)."""
    return _("Bí thư hoặc người được giao của %(unit)s") % {"unit": obj.unit.name}


class Waiting:
    """Who must act on a record in one state (a label, or a callable of the record) and by when: an attribute path
    (``"plan.registration_deadline"``) or a callable of the record returning a date, a datetime or None."""

    def __init__(self, actor, due=None):
        self.actor, self.due = actor, due

    def actor_of(self, obj):
        return self.actor(obj) if callable(self.actor) else self.actor

    def due_of(self, obj):
        if self.due is None:
            return None
        if callable(self.due):
            return self.due(obj)
        value = obj
        for name in self.due.split("."):
            value = getattr(value, name, None)
            if value is None:
                return None
        return value


class Workflow:
    """The transition table of one model (``"app_label.ModelName"``), registered on creation.

    ``noun`` names the record in a refusal ("hồ sơ", "kế hoạch"); ``labels`` maps each action to its Vietnamese
    label; ``audit`` maps each action to the audit action it writes, or is a prefix (``"award_proposal"`` gives
    ``"award_proposal.submit"``).
    """

    def __init__(self, model, table, *, noun, labels, audit, waiting=None):
        if model in _REGISTRY:
            raise ValueError(f"{model} already has a workflow.")
        self.model, self.table, self.noun, self.labels, self.audit = model, table, noun, labels, audit
        # {state: Waiting or None}: every state with a move out names who must make it; None says no one has to
        # (an accepted pledge may be revised, but nothing waits for it). A test holds every table to this.
        self.waiting = {state: _as_waiting(spec) for state, spec in (waiting or {}).items()}
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


def _as_waiting(spec):
    if spec is None or isinstance(spec, Waiting):
        return spec
    if isinstance(spec, tuple):
        return Waiting(*spec)
    return Waiting(spec)


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


def next_step(obj, *, now=None):
    """Where ``obj`` stands and who must act now, by when, read from its Workflow's ``waiting`` (no query beyond the
    relations the page already joined).

    {"state", "label", "actor", "due", "due_has_time", "overdue", "done"}: ``done`` when the state is final or no
    one waits; ``overdue`` when the due date (or time) has passed.
    """
    workflow = workflow_for(obj)
    step = {
        "state": obj.state,
        "label": obj.get_state_display(),
        "actor": None,
        "due": None,
        "due_has_time": False,
        "overdue": False,
        "done": True,
    }
    # A final state may still name who carries the record on elsewhere (a counted ballot waits for its list to be
    # published); its actor is then a function of the record that answers None once no one does.
    waiting = workflow.waiting.get(obj.state)
    if waiting is None or waiting.actor_of(obj) is None:
        return step
    now = now or timezone.now()
    due = waiting.due_of(obj)
    if isinstance(due, datetime.datetime):
        overdue = due < now
    elif isinstance(due, datetime.date):
        overdue = due < timezone.localdate(now)
    else:
        overdue = False
    step.update(
        actor=waiting.actor_of(obj),
        due=due,
        due_has_time=isinstance(due, datetime.datetime),
        overdue=overdue,
        done=False,
    )
    return step


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
