"""The award catalog and its conditions; the records the checks read; rounds, proposals, ballots, notices, decisions."""

from .ballots import Ballot, BallotItem, Vote
from .catalog import Award, Condition, ConditionSet, DocumentType, QuotaRule
from .decisions import Decision, NoticeFeedback, PublicNotice
from .dossiers import Attachment, Nominee, NomineeComment, Proposal, ProposalVersion, Round, attachment_path
from .history import AwardRecord, DisciplineRecord, PersonRating, UnitRating

__all__ = [
    "DocumentType",
    "Award",
    "ConditionSet",
    "Condition",
    "QuotaRule",
    "AwardRecord",
    "PersonRating",
    "UnitRating",
    "DisciplineRecord",
    "Round",
    "Proposal",
    "ProposalVersion",
    "Nominee",
    "NomineeComment",
    "attachment_path",
    "Attachment",
    "Ballot",
    "BallotItem",
    "Vote",
    "PublicNotice",
    "NoticeFeedback",
    "Decision",
]
