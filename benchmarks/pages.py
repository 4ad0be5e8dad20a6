"""The pages a user reaches, with the objects their URLs name, found in the benchmark database.

Every named URL of the resolver is listed; those that take no argument are fetched as the Office, those whose
arguments this module knows how to fill are fetched with the largest or a typical object, and the rest (POST
actions, file downloads, per-object forms) are reported as not measured.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import URLPattern, URLResolver, get_resolver, reverse

SKIP_PREFIXES = ("admin:", "accounts", "login", "logout", "password_", "i18n", "set_language", "healthz")

ROLE_USERS = {
    "office": "vanphong",
    "secretary": "bithu1",
    "council": "hoidong1",
    "standing": "thuongvu",
    "propaganda": "tuyengiao",
}


def named_patterns():
    """(full name, pattern object) for every named URL."""
    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                found.append((f"{namespace}{p.name}", p))

    walk(get_resolver().url_patterns, "")
    return found


def _first(queryset):
    return queryset.values_list("pk", flat=True).first()


def objects():
    """The pks the detail pages are measured on: the largest plan, a typical unit, a full ballot..."""
    from awards.models import Award, AwardRecord, Ballot, Decision, Proposal, PublicNotice, Round
    from campaigns.models import Covenant, Exemplar, Initiative, Pledge, ResultReport, Term, YearPlan
    from emulation.models import Cluster, Person, Unit
    from reports.models import Report

    largest_plan = (
        Pledge.objects.values("plan")
        .annotate(n=Count("pk"))
        .order_by("-n", "-plan__year")
        .values_list("plan", flat=True)
        .first()
    ) or _first(YearPlan.objects.order_by("-year"))
    bench_unit = _first(
        Unit.objects.filter(code__startswith="bu-", level="committee", children__isnull=False).order_by("pk")
    )
    bench_unit = bench_unit or _first(Unit.objects.filter(level="committee").order_by("pk"))
    person = _first(Person.objects.filter(unit_id=bench_unit).order_by("pk"))
    last_round = _first(Round.objects.order_by("-year", "-pk"))
    return {
        "root": _first(Unit.objects.filter(parent__isnull=True)),
        "unit": bench_unit,
        "person": person,
        "cluster": _first(Cluster.objects.filter(code__startswith="bcum-").order_by("pk")) or _first(Cluster.objects),
        "term": _first(Term.objects.order_by("-start_year")),
        "plan": largest_plan,
        "pledge": _first(Pledge.objects.filter(plan_id=largest_plan, unit_id=bench_unit).order_by("-pk"))
        or _first(Pledge.objects.filter(plan_id=largest_plan)),
        "own_pledge": _first(
            Pledge.objects.filter(plan_id=largest_plan, unit__role_assignments__user__username=ROLE_USERS["secretary"])
        ),
        "result": _first(ResultReport.objects.filter(plan_id=largest_plan).order_by("pk")),
        "covenant": _first(Covenant.objects.filter(plan_id=largest_plan).order_by("pk")),
        "exemplar": _first(Exemplar.objects.order_by("pk")),
        "published": _first(Exemplar.objects.filter(state="published").order_by("pk")),
        "initiative": _first(Initiative.objects.order_by("pk")),
        "award": _first(Award.objects.filter(rounds__isnull=False).order_by("pk")) or _first(Award.objects),
        "round": last_round,
        "proposal": _first(Proposal.objects.filter(round_id=last_round, nominees__isnull=False).order_by("pk")),
        "ballot": _first(Ballot.objects.filter(state="closed").order_by("-pk")),
        "open_ballot": _first(Ballot.objects.filter(state="open").order_by("pk")),
        "notice": _first(PublicNotice.objects.order_by("-pk")),
        "decision": _first(Decision.objects.order_by("-pk")),
        "record_person": _first(
            Person.objects.filter(pk__in=AwardRecord.objects.filter(person__isnull=False).values("person")[:1])
        ),
        "report": _first(Report.objects.order_by("-pk")),
    }


# url name -> (object key for pk) for detail pages
DETAIL = {
    "unit_detail": "unit",
    "person_detail": "person",
    "cluster_detail": "cluster",
    "campaigns:term_detail": "term",
    "campaigns:plan_detail": "plan",
    "campaigns:plan_tracking": "plan",
    "campaigns:plan_ranking": "plan",
    "campaigns:pledge_detail": "pledge",
    "campaigns:result_detail": "result",
    "campaigns:covenant_detail": "covenant",
    "campaigns:exemplar_detail": "exemplar",
    "campaigns:initiative_detail": "initiative",
    "campaigns:public_exemplar": "published",
    "awards:award_detail": "award",
    "awards:round_detail": "round",
    "awards:proposal_detail": "proposal",
    "awards:ballot_detail": "ballot",
    "awards:ballot_turnout": "open_ballot",
    "awards:notice_detail": "notice",
    "awards:decision_detail": "decision",
    "awards:person_awards": "record_person",
    "awards:unit_awards": "unit",
    "reports:detail": "report",
}

# Extra measurements: (label, role, url name, object key or None, query string)
EXTRA = [
    ("home (secretary)", "secretary", "home", None, ""),
    ("home (council)", "council", "home", None, ""),
    ("home (standing)", "standing", "home", None, ""),
    ("home (propaganda)", "propaganda", "home", None, ""),
    ("unit_detail (Bloc root)", "office", "unit_detail", "root", ""),
    ("proposal queue (submitted)", "office", "awards:proposal_list", None, "?state=submitted"),
    ("pledge_list (secretary)", "secretary", "campaigns:pledge_list", None, ""),
    ("result_list (secretary)", "secretary", "campaigns:result_list", None, ""),
    ("proposal_list (secretary)", "secretary", "awards:proposal_list", None, ""),
    ("unit_list (secretary)", "secretary", "unit_list", None, ""),
    ("person_list (secretary)", "secretary", "person_list", None, ""),
    ("ballot_list (council)", "council", "awards:ballot_list", None, ""),
    ("ballot_detail open (council)", "council", "awards:ballot_detail", "open_ballot", ""),
    ("ballot_detail open, with turnout (office)", "office", "awards:ballot_detail", "open_ballot", ""),
    ("decision_list (standing)", "standing", "awards:decision_list", None, ""),
    ("notice_detail (standing)", "standing", "awards:notice_detail", "notice", ""),
    ("exemplar_list (propaganda)", "propaganda", "campaigns:exemplar_list", None, ""),
]


def plan(objs=None):
    """[(label, role, path)] to measure, and [(name, reason)] not measured."""
    objs = objs if objs is not None else objects()
    measured, skipped = [], []
    for name, pattern in named_patterns():
        if name.startswith(SKIP_PREFIXES) or name.startswith("benchmarks:"):
            continue
        params = pattern.pattern.converters
        if not params:
            measured.append((name, "office", reverse(name)))
        elif name in DETAIL and objs.get(DETAIL[name]):
            measured.append((name, "office", reverse(name, args=[objs[DETAIL[name]]])))
        else:
            skipped.append((name, "action, download or per-object form (needs arguments)"))
    for label, role, name, key, query in EXTRA:
        if key and not objs.get(key):
            skipped.append((label, "no such object in the data"))
            continue
        path = reverse(name, args=[objs[key]] if key else [])
        measured.append((label, role, path + query))
    return measured, skipped


def users():
    model = get_user_model()
    return {role: model.objects.get(username=username) for role, username in ROLE_USERS.items()}
