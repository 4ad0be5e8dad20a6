"""Every stateful model moves through one helper (emulation.workflow) along a table in its app's enums.py.

The guard reads the models from django.apps and the services from their source, so a new model with a ``state``
field, or a service that sets ``obj.state = ...`` by hand, fails here until it joins the workflow.
Each test imports the helper itself, so each fails for its own reason where the helper is missing.
"""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from emulation.errors import DomainError

ROOT = Path(settings.BASE_DIR)
APPS = ("emulation", "campaigns", "awards", "reports")


def _stateful_models():
    found = []
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if any(field.name == "state" and field.concrete for field in model._meta.get_fields()):
                found.append(model)
    return found


def _service_modules():
    paths = []
    for app in APPS:
        paths += [ROOT / app / "services.py", *sorted((ROOT / app / "services").glob("*.py"))]
    paths.append(ROOT / "reports" / "production.py")
    return [path for path in paths if path.exists()]


def test_the_stateful_models_are_the_ones_the_portal_knows():
    labels = {model._meta.label for model in _stateful_models()}
    assert {
        "campaigns.YearPlan",
        "campaigns.Pledge",
        "campaigns.ResultReport",
        "campaigns.Covenant",
        "campaigns.Exemplar",
        "campaigns.Initiative",
        "awards.Round",
        "awards.Proposal",
        "awards.Ballot",
        "awards.PublicNotice",
        "reports.Report",
    } <= labels


@pytest.mark.parametrize("model", _stateful_models(), ids=lambda model: model._meta.label)
def test_every_stateful_model_has_a_table_in_its_apps_enums_registered_with_the_helper(model):
    from emulation.workflow import registry

    workflow = registry().get(model._meta.label)
    assert workflow is not None, f"{model._meta.label} has a state but no Workflow in its app's enums.py"
    enums = importlib.import_module(f"{model._meta.app_label}.enums")
    assert any(value is workflow for value in vars(enums).values())
    assert any(value is workflow.table for value in vars(enums).values())


@pytest.mark.parametrize("model", _stateful_models(), ids=lambda model: model._meta.label)
def test_every_table_moves_between_the_models_own_states(model):
    from emulation.workflow import workflow_for

    workflow = workflow_for(model)
    states = {value for value, _label in model._meta.get_field("state").choices}
    assert set(workflow.table) == states, "every state has a row, even a final one (an empty row)"
    for moves in workflow.table.values():
        assert set(moves.values()) <= states
    for action in workflow.actions:
        assert workflow.labels.get(action), f"{action} has no Vietnamese label"
        assert workflow.audit_action(action)


@pytest.mark.parametrize("model", _stateful_models(), ids=lambda model: model._meta.label)
def test_an_action_the_table_does_not_allow_is_refused_naming_the_action_and_the_state(model):
    from emulation.workflow import transition, workflow_for

    workflow = workflow_for(model)
    for state, moves in workflow.table.items():
        for action in workflow.actions - set(moves):
            obj = model(state=state)
            with pytest.raises(DomainError) as refused:
                transition(obj, action, by=None)
            assert str(workflow.labels[action]) in refused.value.message
            assert obj.get_state_display() in refused.value.message
            assert obj.state == state


def test_a_plan_is_approved_in_a_loop_before_it_is_launched():
    """The Office submits the draft; the Standing Committee approves it or returns it to draft; only an approved plan
    is launched."""
    from campaigns.enums import PLAN_WORKFLOW, PlanState

    table = PLAN_WORKFLOW.table
    assert table[PlanState.DRAFT] == {"submit": PlanState.SUBMITTED}
    assert table[PlanState.SUBMITTED] == {"approve": PlanState.APPROVED, "return": PlanState.DRAFT}
    assert [state for state, moves in table.items() if "launch" in moves] == [PlanState.APPROVED]
    assert PLAN_WORKFLOW.audit_action("submit") == "plan.submitted"
    assert PLAN_WORKFLOW.audit_action("return") == "plan.returned"


def _state_writes(tree):
    """(line, what) of every write of a ``state`` attribute, or bulk update of ``state``, in a module."""
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr == "state" and isinstance(part.ctx, ast.Store):
                    found.append((node.lineno, "assigns .state"))
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name) and function.id == "setattr" and len(node.args) > 1:
                if isinstance(node.args[1], ast.Constant) and node.args[1].value == "state":
                    found.append((node.lineno, "setattr(..., 'state', ...)"))
            if isinstance(function, ast.Attribute) and function.attr in {"update", "bulk_update"}:
                if any(keyword.arg == "state" for keyword in node.keywords):
                    found.append((node.lineno, ".update(state=...)"))
    return found


def test_no_service_sets_a_state_outside_the_helper():
    """A bulk update that mirrors a transition is allowed only with a ``# workflow:`` comment saying why."""
    offences = []
    for path in _service_modules():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for line, what in _state_writes(ast.parse(source)):
            if "# workflow:" not in lines[line - 1]:
                offences.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not offences, "state changed outside emulation.workflow.transition:\n" + "\n".join(offences)


def test_the_guard_sees_a_hand_written_state():
    tree = ast.parse(
        "def f(obj):\n    obj.state = 'x'\n    obj.state, obj.at = 'y', 1\n    Q.objects.update(state='z')\n"
    )
    assert [line for line, _what in _state_writes(tree)] == [2, 3, 4]


def test_one_permission_check_refuses_a_missing_or_anonymous_user_and_lets_the_system_through():
    from emulation.workflow import SYSTEM, check

    check(SYSTEM, "emulation.configure")
    for user in (None, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            check(user, "emulation.configure")


def test_the_copies_are_gone():
    """One check, one transition, one after-commit notification, one view wrapper: the apps' copies do not come
    back."""
    for module, names in {
        "emulation.services": ["_check"],
        "awards.services._common": ["_check", "_transition", "_notify_later"],
        "campaigns.services.common": ["check", "next_state"],
        "reports.services": ["_check"],
        "reports.production": ["transition"],
        "awards.views._common": ["_attempt"],
        "campaigns.views.common": ["attempt"],
    }.items():
        imported = importlib.import_module(module)
        assert not any(
            isinstance(node, ast.FunctionDef) and node.name in names
            for node in ast.walk(ast.parse(Path(imported.__file__).read_text(encoding="utf-8")))
        ), f"{module} defines its own {names}"


@pytest.mark.django_db
def test_a_rolled_back_write_notifies_no_one(django_capture_on_commit_callbacks):
    from emulation.models import Notification
    from emulation.tests.factories import office_user
    from emulation.workflow import notify_after_commit

    user = office_user(username="vanphong-thongbao")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                notify_after_commit(recipients=[user], title="Không được gửi", email=False)
                raise RuntimeError("rolled back")
    assert not Notification.objects.filter(recipient=user).exists()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            notify_after_commit(recipients=[user], title="Được gửi", email=False)
        assert not Notification.objects.filter(recipient=user).exists()  # not before the commit
    assert Notification.objects.get(recipient=user).title == "Được gửi"


def _registered():
    import awards.enums  # noqa: F401
    import campaigns.enums  # noqa: F401 - each app's tables register on import
    import reports.enums  # noqa: F401
    from emulation.workflow import registry

    return sorted(registry().values(), key=lambda workflow: workflow.model)


@pytest.mark.parametrize("workflow", _registered(), ids=repr)
def test_every_workflow_says_who_waits_in_each_state_that_is_not_final(workflow):
    """A state with a move out names who must make it (or None: no one has to), so a new state added to a table
    without its "Đang chờ" fails here instead of showing a record nobody is told to act on."""
    from emulation.workflow import Waiting

    missing = [str(state) for state, moves in workflow.table.items() if moves and state not in workflow.waiting]
    assert not missing, f"{workflow.model}: no 'waiting' entry for {missing}"
    assert set(workflow.waiting) <= set(workflow.table), "a waiting entry for a state the table does not have"
    for state, waiting in workflow.waiting.items():
        assert waiting is None or isinstance(waiting, Waiting)
        if waiting is not None:
            # A final state may only name who carries the record on elsewhere, as a function of the record that
            # answers None once no one does (a counted ballot, until its list is published).
            assert workflow.table[state] or callable(waiting.actor), f"{workflow.model}: {state} is final"
            assert callable(waiting.actor) or str(waiting.actor), f"{workflow.model}: {state} names no actor"
