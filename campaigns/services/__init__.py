"""Writes of the campaigns app: one function per action a user can take (see each module)."""

from .covenants import draft_covenant, open_covenant, sign_covenant, update_covenant
from .exemplars import (
    propose_exemplar,
    propose_initiative,
    publish_exemplar,
    recognize_initiative,
    reject_exemplar,
    reject_initiative,
    unpublish_exemplar,
    verify_exemplar,
)
from .plans import (
    approve_plan,
    close_plan,
    launch_plan,
    save_criterion,
    save_movement,
    save_phase,
    save_plan,
    save_term,
)
from .pledges import (
    accept_pledge,
    add_registration,
    import_registrations,
    remove_registration,
    return_pledge,
    revise_pledge,
    save_pledge,
    start_pledge,
    submit_pledge,
)
from .reminders import send_reminder
from .results import accept_result, return_result, save_result, start_result, submit_result, upload_evidence
from .summaries import rebuild_plan_summaries, refresh_summaries

__all__ = [
    "accept_pledge",
    "accept_result",
    "add_registration",
    "approve_plan",
    "close_plan",
    "draft_covenant",
    "import_registrations",
    "launch_plan",
    "open_covenant",
    "propose_exemplar",
    "rebuild_plan_summaries",
    "refresh_summaries",
    "propose_initiative",
    "publish_exemplar",
    "recognize_initiative",
    "reject_exemplar",
    "reject_initiative",
    "remove_registration",
    "return_pledge",
    "return_result",
    "revise_pledge",
    "save_criterion",
    "save_movement",
    "save_phase",
    "save_plan",
    "save_pledge",
    "save_result",
    "save_term",
    "send_reminder",
    "sign_covenant",
    "start_pledge",
    "start_result",
    "submit_pledge",
    "submit_result",
    "unpublish_exemplar",
    "update_covenant",
    "verify_exemplar",
    "upload_evidence",
]
