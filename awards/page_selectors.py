"""What the ballot and proposal detail pages show besides their forms: rows, what the viewer may do on them, the
history; gathered here so the views only parse the request, paginate and render."""

from django.utils import timezone

from emulation.selectors import history_of
from emulation.workflow import OFFICE, allows

from . import eligibility, quotas
from .enums import EDITABLE_STATES, BallotState, NomineeResult, ProposalState, VoteChoice
from .recusal import is_recused, person_of
from .selectors import attachments_of, nominees_of, own_votes, with_holders

# A dossier is checked (eligibility, quotas) while it can still change or is being verified; later it is history.
LIVE_STATES = EDITABLE_STATES | {ProposalState.SUBMITTED, ProposalState.VERIFYING}


def ballot_page(ballot, page, user):
    """The context of one page of a ballot's nominees for ``user``: per row the member's own vote, whether the
    member is recused, the nominee withdrawn, the row votable; what the page offers (vote, tally, manage)."""
    page.object_list = list(page.object_list)
    with_holders([item.nominee for item in page.object_list])
    is_member = user.has_perm("awards.vote")
    mine = own_votes(user, ballot, page.object_list) if is_member else {}
    person = person_of(user) if is_member else None
    is_open = ballot.state == BallotState.OPEN and timezone.now() < ballot.closes_at
    rows = []
    for item in page.object_list:
        recused = is_member and is_recused(person, item.nominee)
        withdrawn = item.nominee.result == NomineeResult.WITHDRAWN
        votable = is_member and is_open and not recused and not withdrawn and item.pk not in mine
        rows.append(
            {"item": item, "my_vote": mine.get(item.pk), "recused": recused, "withdrawn": withdrawn, "votable": votable}
        )
    return {
        "ballot": ballot,
        "page": page,
        "rows": rows,
        "is_member": is_member,
        "is_open": is_open,
        "can_vote": any(row["votable"] for row in rows),
        "vote_choices": VoteChoice.choices,
        "closed": ballot.state == BallotState.CLOSED,
        "can_manage": user.has_perm("awards.manage_ballot"),
        "can_tally": ballot.state == BallotState.OPEN and not is_open,
        "notice": getattr(ballot, "notice", None),
        "history": history_of(ballot).exclude(action="award_ballot.voted"),
    }


def proposal_page(proposal, user):
    """The context of a dossier's page for ``user``: its nominees with their eligibility check (while the dossier is
    live), the round's quotas, attachments, versions, history and what the user may do with it."""
    nominees = list(nominees_of(proposal))
    live = proposal.state in LIVE_STATES
    checks = eligibility.check_nominees(nominees, proposal.round.year) if live else {}
    return {
        "proposal": proposal,
        "rows": [(n, checks.get(n.pk)) for n in nominees],
        "quotas": quotas.quotas_for_round(round=proposal.round, unit=proposal.unit) if live else [],
        "attachments": attachments_of(proposal, nominees),
        "versions": proposal.versions.defer("snapshot"),  # the list shows numbers and dates, not the copies
        "history": history_of(proposal),
        "can_edit": user.has_perm("awards.edit_proposal", proposal) and proposal.state in EDITABLE_STATES,
        "can_verify": user.has_perm("awards.verify_proposal", proposal) and proposal.state == ProposalState.VERIFYING,
        "can_withdraw": user.has_perm("awards.withdraw_proposal", proposal) and allows(proposal, "withdraw"),
        "can_answer": user.has_perm("awards.record_higher_answer"),
        "NomineeResult": NomineeResult,
    }


def decision_step(decision):
    """The decision page's "Đang chờ" block (a decision has no workflow of its own): recorded, then the Office
    issues the certificates; done once they are issued. Same shape as emulation.workflow.next_step."""
    done = decision.certificates_issued_at is not None
    return {
        "state": ProposalState.CERTIFIED if done else ProposalState.DECIDED,
        "label": ProposalState.CERTIFIED.label if done else ProposalState.DECIDED.label,
        "actor": None if done else OFFICE,
        "due": None,
        "due_has_time": False,
        "overdue": False,
        "done": done,
    }
