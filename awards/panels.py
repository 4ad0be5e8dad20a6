"""The awards' panels on the home page, each in a bounded number of queries."""

from emulation.rules import is_council_member, is_office, is_standing_member, secretary_units

from . import selectors


def home_panels(user):
    panels = []
    if is_council_member(user):
        ballots = selectors.ballots_awaiting_vote(user)[:5]
        panels.append({"template": "awards/panels/council.html", "order": 20, "context": {"ballots": ballots}})
    if is_standing_member(user):
        notices = list(selectors.notices_awaiting_decision()[:5])
        panels.append(
            {
                "template": "awards/panels/standing.html",
                "order": 20,
                "context": {"notices": notices},
            }
        )
    if is_office(user):
        queryset = selectors.proposals_to_verify()
        panels.append(
            {
                "template": "awards/panels/office.html",
                "order": 30,
                "context": {"proposals": list(queryset[:5]), "total": selectors.proposals_to_verify_count(user)},
            }
        )
    if secretary_units(user):
        proposals = list(selectors.proposals_for(user)[:5])
        rounds = list(selectors.open_rounds()[:5])
        panels.append(
            {
                "template": "awards/panels/secretary.html",
                "order": 30,
                "context": {"proposals": proposals, "rounds": rounds},
            }
        )
    return panels
