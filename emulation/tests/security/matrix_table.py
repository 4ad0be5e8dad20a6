"""The expectation table of the authorization matrix: for every URL name, the objects to try and who may use it.

Roles: office, sec_a (secretary of unit A, whose objects are tried), sec_b (secretary of unit B, same cluster),
council, standing, propaganda, organization, inspection, anon. ``allowed`` names the roles that must get through
(200, 302 to a page, or 400 for an empty form); every other role must get 403 or 404 (anonymous: the login page).
"""

from dataclasses import dataclass

LOGGED_IN = frozenset({"office", "sec_a", "sec_b", "council", "standing", "propaganda", "organization", "inspection"})
EVERYONE = LOGGED_IN | {"anon"}
OBSERVERS = frozenset({"propaganda", "organization", "inspection"})
READERS = frozenset({"office", "council", "standing"}) | OBSERVERS  # read every unit's records
OWN_A = READERS | {"sec_a"}
SECRETARIES = frozenset({"sec_a", "sec_b"})
OFFICE = frozenset({"office"})
NOBODY = frozenset()


@dataclass(frozen=True)
class Case:
    label: str  # the object (or state) tried
    allowed: frozenset
    kwargs: object = None  # world.objects -> URL kwargs
    method: str = "GET"
    data: object = None  # world.objects -> POST data


def get(label, allowed, kwargs=None):
    return Case(label, frozenset(allowed), kwargs)


def post(label, allowed, kwargs=None, data=None):
    return Case(label, frozenset(allowed), kwargs, "POST", data)


def pk(name):
    return lambda o: {"pk": o[name].pk}


TABLE = {
    "home": [get("-", LOGGED_IN)],
    "healthz": [get("-", EVERYONE)],
    "login": [get("-", EVERYONE)],
    "logout": [post("-", LOGGED_IN)],
    "password_change": [get("-", LOGGED_IN)],
    "password_change_done": [get("-", LOGGED_IN)],
    "password_reset": [get("-", EVERYONE)],
    "password_reset_done": [get("-", EVERYONE)],
    "password_reset_confirm": [get("bad token", EVERYONE, lambda o: {"uidb64": "MQ", "token": "x-y"})],
    "password_reset_complete": [get("-", EVERYONE)],
    "set_language": [post("-", EVERYONE, data=lambda o: {"language": "vi", "next": "/"})],
    "unit_list": [get("-", LOGGED_IN)],
    "unit_detail": [get("unit A", OWN_A, lambda o: {"pk": o["unit_a"].pk})],
    "person_create": [get("unit A", {"office", "sec_a"}, lambda o: {"unit_pk": o["unit_a"].pk})],
    "cluster_list": [get("-", LOGGED_IN)],
    "cluster_detail": [get("cluster of A", LOGGED_IN, pk("cluster"))],
    "person_list": [get("-", LOGGED_IN)],
    "person_detail": [get("person of A", OWN_A, pk("person_a"))],
    "person_update": [get("person of A", {"office", "sec_a"}, pk("person_a"))],
    "notification_list": [get("-", LOGGED_IN)],
    "notifications_mark_read": [post("-", LOGGED_IN)],
    "notification_settings": [get("-", LOGGED_IN), post("empty form", LOGGED_IN)],
    "audit_log": [get("-", OFFICE)],
    "campaigns:term_list": [get("-", LOGGED_IN)],
    "campaigns:term_create": [get("-", OFFICE), post("empty form", OFFICE)],
    "campaigns:term_detail": [get("term", LOGGED_IN, pk("term"))],
    "campaigns:term_update": [get("term", OFFICE, pk("term"))],
    "campaigns:movement_create": [get("term", OFFICE, lambda o: {"term_pk": o["term"].pk})],
    "campaigns:movement_update": [get("movement", OFFICE, pk("movement"))],
    "campaigns:plan_list": [get("-", LOGGED_IN)],
    "campaigns:plan_create": [get("-", OFFICE)],
    "campaigns:plan_detail": [
        get("launched plan", LOGGED_IN, pk("launched_plan")),
        get("draft plan", {"office", "standing"}, pk("draft_plan")),
    ],
    "campaigns:plan_update": [get("draft plan", OFFICE, pk("draft_plan"))],
    "campaigns:plan_action": [
        # Submission is the Office's, approval and return the Standing Committee's; the view lets the service refuse
        # the others with a message, so only who reaches the service is checked here and the refusals are checked on
        # the database state.
        post("submit draft plan", OFFICE, lambda o: {"pk": o["draft_plan"].pk, "action": "submit"}),
        post("approve draft plan", {"standing"}, lambda o: {"pk": o["draft_plan"].pk, "action": "approve"}),
        post("return draft plan", {"standing"}, lambda o: {"pk": o["draft_plan"].pk, "action": "return"}),
        post("launch draft plan", OFFICE, lambda o: {"pk": o["draft_plan"].pk, "action": "launch"}),
        post("close launched plan", OFFICE, lambda o: {"pk": o["launched_plan"].pk, "action": "close"}),
    ],
    "campaigns:phase_create": [get("launched plan", OFFICE, lambda o: {"plan_pk": o["launched_plan"].pk})],
    "campaigns:phase_update": [get("phase", OFFICE, pk("phase"))],
    "campaigns:criterion_create": [get("launched plan", OFFICE, lambda o: {"plan_pk": o["launched_plan"].pk})],
    "campaigns:criterion_update": [get("criterion", OFFICE, pk("criterion"))],
    "campaigns:plan_tracking": [get("launched plan", {"office", "standing"} | OBSERVERS, pk("launched_plan"))],
    "campaigns:tracking_export": [
        get(
            "tracking xlsx", {"office", "standing"} | OBSERVERS, lambda o: {"pk": o["launched_plan"].pk, "kind": "bang"}
        ),
        get(
            "late xlsx", {"office", "standing"} | OBSERVERS, lambda o: {"pk": o["launched_plan"].pk, "kind": "tre-han"}
        ),
    ],
    "campaigns:plan_remind": [post("launched plan", OFFICE, pk("launched_plan"))],
    "campaigns:plan_ranking": [get("launched plan", {"office", "standing"} | OBSERVERS, pk("launched_plan"))],
    "campaigns:pledge_start": [
        post(
            "unit A on launched plan",
            {"sec_a"},
            lambda o: {"plan_pk": o["launched_plan"].pk},
            lambda o: {"unit": o["unit_a"].pk},
        )
    ],
    "campaigns:covenant_create": [
        get("cluster led by A", {"sec_a"}, lambda o: {"plan_pk": o["launched_plan"].pk, "cluster_pk": o["cluster"].pk})
    ],
    "campaigns:pledge_list": [get("-", LOGGED_IN)],
    "campaigns:pledge_detail": [get("pledge of A", OWN_A, pk("pledge"))],
    "campaigns:pledge_edit": [get("pledge of A", {"sec_a"}, pk("pledge"))],
    "campaigns:pledge_action": [
        post("submit pledge of A", {"sec_a"}, lambda o: {"pk": o["pledge"].pk, "action": "submit"}),
        post("accept pledge of A", OFFICE, lambda o: {"pk": o["pledge"].pk, "action": "accept"}),
        post("return pledge of A", OFFICE, lambda o: {"pk": o["pledge"].pk, "action": "return"}),
        post("revise pledge of A", {"sec_a"}, lambda o: {"pk": o["pledge"].pk, "action": "revise"}),
    ],
    "campaigns:registration_add": [get("pledge of A", {"sec_a"}, pk("pledge"))],
    "campaigns:registration_remove": [
        post(
            "registration in pledge of A",
            {"sec_a"},
            lambda o: {"pk": o["pledge"].pk, "registration_pk": o["registration"].pk},
        )
    ],
    "campaigns:registration_template": [get("pledge of A", {"sec_a"}, pk("pledge"))],
    "campaigns:registration_import": [get("pledge of A", {"sec_a"}, pk("pledge"))],
    "campaigns:result_start": [
        post("pledge of A", {"sec_a"}, lambda o: {"pledge_pk": o["pledge"].pk}, lambda o: {"period": "year_end"})
    ],
    "campaigns:result_list": [get("-", LOGGED_IN)],
    "campaigns:result_detail": [
        get("result of A", OWN_A, pk("result")),
        get("draft result of A", {"sec_a"}, pk("draft_result")),
    ],
    "campaigns:result_edit": [get("result of A", {"sec_a"}, pk("result"))],
    "campaigns:result_action": [
        post("submit result of A", {"sec_a"}, lambda o: {"pk": o["result"].pk, "action": "submit"}),
        post("accept result of A", OFFICE, lambda o: {"pk": o["result"].pk, "action": "accept"}),
        post("return result of A", OFFICE, lambda o: {"pk": o["result"].pk, "action": "return"}),
    ],
    "campaigns:result_adjust_score": [post("result of A", OFFICE, pk("result"))],
    "campaigns:evidence_upload": [post("result of A", {"sec_a"}, pk("result"))],
    "campaigns:evidence_download": [
        get("evidence of A", OWN_A, lambda o: {"pk": o["result"].pk, "evidence_pk": o["evidence"].pk}),
        get(
            "evidence of draft result of A",
            {"sec_a"},
            lambda o: {"pk": o["draft_result"].pk, "evidence_pk": o["draft_evidence"].pk},
        ),
    ],
    "campaigns:covenant_list": [get("-", LOGGED_IN)],
    "campaigns:covenant_detail": [get("covenant of cluster 1", READERS | SECRETARIES, pk("covenant"))],
    "campaigns:covenant_edit": [get("covenant led by A", {"sec_a"}, pk("covenant"))],
    "campaigns:covenant_open": [post("covenant led by A", {"sec_a"}, pk("covenant"))],
    # Unit A has signed already: B's secretary signs for B; A's secretary may not sign in B's name (404).
    "campaigns:covenant_sign": [
        post("covenant of cluster 1, for unit B", {"sec_b"}, pk("covenant"), lambda o: {"unit": o["unit_b"].pk})
    ],
    "campaigns:exemplar_list": [get("-", LOGGED_IN)],
    "campaigns:exemplar_create": [get("-", SECRETARIES)],
    "campaigns:exemplar_detail": [get("proposed exemplar of A", OWN_A, pk("exemplar"))],
    "campaigns:exemplar_action": [
        post("verify exemplar of A", OFFICE, lambda o: {"pk": o["exemplar"].pk, "action": "verify"}),
        post("reject exemplar of A", OFFICE, lambda o: {"pk": o["exemplar"].pk, "action": "reject"}),
        post("publish exemplar of A", {"propaganda"}, lambda o: {"pk": o["exemplar"].pk, "action": "publish"}),
        post(
            "unpublish exemplar of A",
            {"propaganda"},
            lambda o: {"pk": o["published_exemplar"].pk, "action": "unpublish"},
        ),
    ],
    "campaigns:initiative_list": [get("-", LOGGED_IN)],
    "campaigns:initiative_create": [get("-", SECRETARIES)],
    "campaigns:initiative_detail": [get("proposed initiative of A", OWN_A, pk("initiative"))],
    "campaigns:initiative_recognize": [post("initiative of A", OFFICE, pk("initiative"))],
    "campaigns:initiative_reject": [post("initiative of A", OFFICE, pk("initiative"))],
    "campaigns:public_exemplars": [get("-", EVERYONE)],
    "campaigns:public_exemplar": [
        get("published exemplar of A", EVERYONE, pk("published_exemplar")),
        get("unpublished exemplar of A", NOBODY, pk("exemplar")),
    ],
    "awards:catalog": [get("-", LOGGED_IN)],
    "awards:award_detail": [get("award", LOGGED_IN, lambda o: {"pk": o["certified_nominee"].award_id})],
    "awards:round_list": [get("-", LOGGED_IN)],
    "awards:round_create": [get("-", OFFICE)],
    "awards:round_detail": [get("round", LOGGED_IN, pk("round"))],
    "awards:round_close": [post("round", OFFICE, pk("round"))],
    "awards:proposal_create": [get("open round", SECRETARIES, lambda o: {"round_pk": o["open_round"].pk})],
    "awards:ballot_create": [get("round", OFFICE, lambda o: {"round_pk": o["round"].pk})],
    "awards:proposal_list": [get("-", LOGGED_IN)],
    "awards:proposal_detail": [
        get("draft proposal of A", {"sec_a"}, pk("draft_proposal")),
        get("proposal of A in ballot", OWN_A, pk("ballot_proposal")),
        get("certified proposal of A", OWN_A, pk("certified_proposal")),
    ],
    "awards:proposal_edit": [post("draft proposal of A", {"sec_a"}, pk("draft_proposal"))],
    "awards:nominee_add": [get("draft proposal of A", {"sec_a"}, pk("draft_proposal"))],
    "awards:nominee_remove": [
        post(
            "nominee of draft proposal of A",
            {"sec_a"},
            lambda o: {"pk": o["draft_proposal"].pk, "nominee_pk": o["draft_nominee"].pk},
        )
    ],
    "awards:nominee_override": [
        get(
            "nominee of A in ballot",
            OFFICE,
            lambda o: {"pk": o["ballot_proposal"].pk, "nominee_pk": o["ballot_nominee"].pk},
        )
    ],
    "awards:attachment_add": [post("draft proposal of A", {"sec_a"}, pk("draft_proposal"))],
    "awards:proposal_transition": [
        post("submit draft of A", {"sec_a"}, lambda o: {"pk": o["draft_proposal"].pk, "action": "submit"}),
        post(
            "verify proposal of A in ballot",
            OFFICE,
            lambda o: {"pk": o["ballot_proposal"].pk, "action": "verify"},
        ),
    ],
    "awards:proposal_return": [get("proposal of A in ballot", OFFICE, pk("ballot_proposal"))],
    "awards:proposal_withdraw": [get("proposal of A in ballot", {"sec_a"}, pk("ballot_proposal"))],
    "awards:proposal_version": [
        get("version 1 of certified proposal of A", OWN_A, lambda o: {"pk": o["certified_proposal"].pk, "number": 1})
    ],
    "awards:attachment_download": [
        get("attachment of draft proposal of A", {"sec_a"}, pk("draft_attachment")),
        get("attachment of certified proposal of A", OWN_A, pk("certified_attachment")),
    ],
    "awards:higher_answer": [get("nominee of A", OFFICE, lambda o: {"nominee_pk": o["certified_nominee"].pk})],
    "awards:certificate_pdf": [get("awarded nominee of A", OWN_A, lambda o: {"nominee_pk": o["certified_nominee"].pk})],
    "awards:eligibility_check": [get("-", LOGGED_IN)],
    "awards:ballot_list": [get("-", {"office", "council", "standing"})],
    "awards:ballot_detail": [
        get("open ballot", {"office", "council", "standing"}, pk("open_ballot")),
        get("closed ballot", {"office", "council", "standing"}, pk("closed_ballot")),
    ],
    "awards:ballot_vote": [post("open ballot", {"council"}, pk("open_ballot"))],
    # Who has voted (never how) is the Office's, to urge the members; nobody else reads it.
    "awards:ballot_turnout": [
        get("open ballot", OFFICE, pk("open_ballot")),
        get("closed ballot", OFFICE, pk("closed_ballot")),
    ],
    "awards:ballot_close": [post("open ballot", OFFICE, pk("open_ballot"))],
    "awards:ballot_minutes": [get("closed ballot", {"office", "council", "standing"}, pk("closed_ballot"))],
    "awards:notice_publish": [post("closed ballot", OFFICE, lambda o: {"ballot_pk": o["closed_ballot"].pk})],
    "awards:notice_list": [get("-", LOGGED_IN)],
    "awards:notice_detail": [get("notice", LOGGED_IN, pk("notice"))],
    "awards:notice_pdf": [get("notice", LOGGED_IN, pk("notice"))],
    "awards:feedback_add": [post("notice", LOGGED_IN, pk("notice"))],
    "awards:feedback_resolve": [post("feedback", OFFICE, pk("feedback"))],
    "awards:decision_create": [get("decided notice", {"standing"}, lambda o: {"notice_pk": o["notice"].pk})],
    "awards:decision_list": [get("-", LOGGED_IN)],
    "awards:decision_detail": [get("decision", LOGGED_IN, pk("decision"))],
    "awards:decision_pdf": [get("decision", LOGGED_IN, pk("decision"))],
    "awards:certificates_issue": [post("decision", OFFICE, pk("decision"))],
    "awards:lookup": [get("-", LOGGED_IN)],
    "awards:lookup_import": [get("-", OFFICE)],
    "awards:person_awards": [get("person of A", OWN_A, pk("person_a"))],
    "awards:unit_awards": [get("unit A", OWN_A, lambda o: {"pk": o["unit_a"].pk})],
    "reports:list": [get("-", {"office", "standing"} | SECRETARIES)],
    "reports:rows": [get("-", {"office", "standing"} | SECRETARIES)],
    "reports:request": [post("empty form", {"office", "standing"})],
    "reports:detail": [
        get("summary of unit A", {"office", "standing", "sec_a"}, pk("unit_report")),
        get("Bloc report", {"office", "standing"}, pk("bloc_report")),
    ],
    "reports:download": [
        get(
            "pdf of unit A summary",
            {"office", "standing", "sec_a"},
            lambda o: {"pk": o["unit_report"].pk, "fmt": "pdf"},
        ),
        get("xlsx of Bloc report", {"office", "standing"}, lambda o: {"pk": o["bloc_report"].pk, "fmt": "xlsx"}),
    ],
    "reports:retry": [post("summary of unit A", OFFICE, pk("unit_report"))],
    "benchmarks:trivial": [get("-", LOGGED_IN)],
}
OPTIONAL = {"benchmarks:trivial"}

# The admin site: only the Office's demo account is staff (not superuser); every other role is sent to the
# admin login. The admin's own login and logout pages are open to all.
ADMIN_CASE = Case("admin", OFFICE)
ADMIN_SPECIAL = {
    "admin:login": Case("admin login", EVERYONE),
    "admin:logout": Case("admin logout", EVERYONE, method="POST"),
}
# Accounts, groups and role assignments are the superuser's alone, and no role of the matrix is superuser: the
# Office's staff account is refused there as well (issue #12, finding 1; test_admin_escalation.py goes further).
SUPERUSER_ONLY = Case("superuser only", NOBODY)
ADMIN_SPECIAL.update(
    {
        f"admin:{model}_{view}": SUPERUSER_ONLY
        for model in ("auth_user", "auth_group", "emulation_roleassignment")
        for view in ("changelist", "add", "change", "delete", "history")
    }
)
ADMIN_SPECIAL["admin:auth_user_password_change"] = SUPERUSER_ONLY
