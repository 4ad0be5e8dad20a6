"""What the ballot and proposal detail pages show besides their forms: rows, what the viewer may do on them, the
history; gathered here so the views only parse the request, paginate and render."""

from django.utils import timezone

from emulation.selectors import history_of
from emulation.workflow import OFFICE, allows

from . import eligibility, quotas
from .enums import EDITABLE_STATES, BallotState, NomineeResult, ProposalState, VoteChoice
from .models import Attachment
from .recusal import is_recused, person_of
from .selectors import attachments_of, nominees_of, own_votes, with_holders
from .turnout import ballot_turnout

# A dossier is checked (eligibility, quotas) while it can still change or is being verified; later it is history.
LIVE_STATES = EDITABLE_STATES | {ProposalState.SUBMITTED, ProposalState.VERIFYING}


def ballot_page(ballot, page, user):
    """The context of one page of a ballot's nominees for ``user``: per row the member's own vote, whether the
    member is recused, the nominee withdrawn, the row votable, whether the dossier may be opened and the nominee's
    files; what the page offers (vote, tally, close early, manage) and, for the Office, the turnout."""
    page.object_list = list(page.object_list)
    nominees = with_holders([item.nominee for item in page.object_list])
    is_member = user.has_perm("awards.vote")
    mine = own_votes(user, ballot, page.object_list) if is_member else {}
    person = person_of(user) if is_member else None
    is_open = ballot.state == BallotState.OPEN and timezone.now() < ballot.closes_at
    readable = {n.pk for n in nominees if user.has_perm("awards.view_proposal", n.proposal)}
    files = nominee_files([n for n in nominees if n.pk in readable])
    rows = []
    for item in page.object_list:
        recused = is_member and is_recused(person, item.nominee)
        withdrawn = item.nominee.result == NomineeResult.WITHDRAWN
        votable = is_member and is_open and not recused and not withdrawn and item.pk not in mine
        rows.append(
            {
                "item": item,
                "my_vote": mine.get(item.pk),
                "recused": recused,
                "withdrawn": withdrawn,
                "votable": votable,
                "dossier_readable": item.nominee_id in readable,
                "files": files.get(item.nominee_id, []),
            }
        )
    can_manage = user.has_perm("awards.manage_ballot")
    return {
        **(turnout_block(ballot) if can_manage else {"turnout": None, "can_close_early": False}),
        "ballot": ballot,
        "page": page,
        "rows": rows,
        "is_member": is_member,
        "is_open": is_open,
        "can_vote": any(row["votable"] for row in rows),
        "vote_choices": VoteChoice.choices,
        "closed": ballot.state == BallotState.CLOSED,
        "can_manage": can_manage,
        "can_tally": ballot.state == BallotState.OPEN and not is_open,
        "notice": getattr(ballot, "notice", None),
        "history": history_of(ballot).exclude(action="award_ballot.voted"),
    }


def turnout_block(ballot):
    """The context of the Office's turnout block, alone (refreshed every few seconds while the ballot is open): who
    has voted, never how. Once the ballot is tallied the names go: beside the totals they could give a vote away."""
    is_open = ballot.state == BallotState.OPEN and timezone.now() < ballot.closes_at
    turnout = ballot_turnout(ballot) if ballot.state == BallotState.OPEN else None
    return {
        "ballot": ballot,
        "is_open": is_open,
        "turnout": turnout,
        "can_close_early": is_open and turnout is not None and turnout.complete,
    }


def nominee_files(nominees):
    """Each nominee's own files (achievement report, evidence) as {nominee id: [attachment]}, in one query; the
    dossier's common files are on its page."""
    if not nominees:
        return {}
    files = {}
    attachments = (
        Attachment.objects.filter(nominee__in=[n.pk for n in nominees])
        .select_related("document_type")
        .only("pk", "nominee", "original_name", "document_type__name")
        .order_by("uploaded_at", "pk")
    )
    for attachment in attachments:
        files.setdefault(attachment.nominee_id, []).append(attachment)
    return files


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
