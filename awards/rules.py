"""Who may do what in the awards app, composed from the core's predicates."""

import rules

from emulation.rules import (
    is_council_member,
    is_observer,
    is_office,
    is_own_unit_object,
    is_secretary,
    is_standing_member,
    reads_every_unit,
)

from .enums import COUNCIL_VISIBLE_STATES, FILED_STATES, NomineeResult


@rules.predicate
def proposal_is_filed(user, proposal):
    return proposal is not None and proposal.state in FILED_STATES


@rules.predicate
def proposal_is_council_visible(user, proposal):
    return proposal is not None and proposal.state in COUNCIL_VISIBLE_STATES


@rules.predicate
def decision_is_issued(user, decision):
    """A decision row exists only once the Standing Committee has recorded it signed (number, date, signer): its
    draft is the decision form, which record_decision guards, and nothing of it is stored before."""
    return decision is not None and decision.pk is not None and bool(decision.number) and decision.date is not None


@rules.predicate
def nominee_is_awarded(user, nominee):
    return nominee is not None and nominee.result == NomineeResult.AWARDED


is_logged_in = rules.is_authenticated & rules.is_active
own_unit_secretary = is_secretary & is_own_unit_object

can_view_proposal = (
    own_unit_secretary
    | ((is_office | is_standing_member | is_observer) & proposal_is_filed)
    | (is_council_member & proposal_is_council_visible)
)

rules.add_perm("awards.view_catalog", is_logged_in)
rules.add_perm("awards.manage_catalog", is_office)
rules.add_perm("awards.view_rounds", reads_every_unit | is_secretary)
rules.add_perm("awards.manage_round", is_office)
rules.add_perm("awards.list_proposals", reads_every_unit | is_secretary)
# The object is the proposing unit when creating, the proposal otherwise.
rules.add_perm("awards.add_proposal", own_unit_secretary)
rules.add_perm("awards.view_proposal", can_view_proposal)
rules.add_perm("awards.edit_proposal", own_unit_secretary)
rules.add_perm("awards.withdraw_proposal", own_unit_secretary)
rules.add_perm("awards.verify_proposal", is_office)
rules.add_perm("awards.override_condition", is_office)
rules.add_perm("awards.check_eligibility", reads_every_unit | is_secretary)
rules.add_perm("awards.view_ballots", is_office | is_council_member | is_standing_member)
rules.add_perm("awards.manage_ballot", is_office)
rules.add_perm("awards.vote", is_council_member)
rules.add_perm("awards.view_notice", is_logged_in)
rules.add_perm("awards.comment_notice", is_logged_in)
rules.add_perm("awards.manage_notice", is_office)
rules.add_perm("awards.record_decision", is_standing_member)
rules.add_perm("awards.view_decisions", reads_every_unit | is_secretary)
# An issued decision is public to the Bloc: every grassroots committee receives it ("Nơi nhận"), and its list was
# public already during the notice. So every role of the Bloc reads the whole decision, annex included, the same on
# the page and in the PDF. What stays the unit's is the dossier behind each row (view_proposal) and the certificate,
# a personal document handed over through the awardee's unit: its secretary, and the roles that read every unit's
# filed dossiers (the Office issues and archives them), may download it.
rules.add_perm("awards.view_decision", (reads_every_unit | is_secretary) & decision_is_issued)
rules.add_perm("awards.view_certificate", nominee_is_awarded & (reads_every_unit | own_unit_secretary))
rules.add_perm("awards.issue_certificates", is_office)
rules.add_perm("awards.record_higher_answer", is_office)
rules.add_perm("awards.lookup", reads_every_unit | is_secretary)
rules.add_perm("awards.import_history", is_office)
