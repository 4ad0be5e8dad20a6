"""Every write of the awards app: one function per action, permission-checked, atomic, logged, notified.

Each service checks the user's permission, locks what it changes (select_for_update), consults the transition
table in enums.py, writes, appends an audit entry, and queues notifications after the commit.
"""

from ._common import add_working_days, council_size, secretaries_of, users_with_role
from .ballots import (
    cast_votes,
    close_ballot,
    number_ballot_items,
    open_ballot,
)
from .decisions import issue_certificates, number_decision_nominees, record_decision, record_higher_answer
from .history import IMPORT_COLUMNS, ImportResult, import_history
from .notices import publish_notice, resolve_feedback, send_feedback
from .proposals import (
    add_attachment,
    add_nominee,
    create_proposal,
    override_condition,
    remove_nominee,
    return_proposal,
    start_verification,
    submit_proposal,
    update_proposal,
    verify_proposal,
    withdraw_proposal,
)
from .rounds import close_round, open_round
from .upkeep import complete_bulk_load

__all__ = [
    "IMPORT_COLUMNS",
    "ImportResult",
    "add_attachment",
    "add_nominee",
    "add_working_days",
    "cast_votes",
    "close_ballot",
    "close_round",
    "council_size",
    "create_proposal",
    "import_history",
    "issue_certificates",
    "complete_bulk_load",
    "number_ballot_items",
    "number_decision_nominees",
    "open_ballot",
    "open_round",
    "override_condition",
    "publish_notice",
    "record_decision",
    "record_higher_answer",
    "remove_nominee",
    "resolve_feedback",
    "return_proposal",
    "secretaries_of",
    "send_feedback",
    "start_verification",
    "submit_proposal",
    "update_proposal",
    "users_with_role",
    "verify_proposal",
    "withdraw_proposal",
]
