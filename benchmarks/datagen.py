"""Synthetic data at province or national scale, deterministic from a seed, on top of the demo accounts.

The demo seed (core and campaigns, plus the award catalog) gives the accounts of every role, the term, its
movements and the 2021/2022 plans; this module adds the bulk: clusters and units in a tree, people, five
yearly plans with every filing unit pledging, covenants and signatures, two result periods a year with values,
individual registrations for the last year, award rounds with proposals, nominees, ballots and votes, public
notices, decisions and award records, exemplars, initiatives, audit entries and notifications.
"""

import datetime
import random
import time
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from awards import upkeep as awards_upkeep
from awards.catalog import load_catalog
from awards.enums import BallotState, NomineeResult, NoticeState, ProposalState, RecordSource, RoundKind, Subject
from awards.models import (
    Award,
    AwardRecord,
    Ballot,
    BallotItem,
    Decision,
    Nominee,
    Proposal,
    PublicNotice,
    Round,
    Vote,
)
from awards.services import complete_bulk_load
from campaigns.enums import (
    NOT_LAUNCHED_PLAN_STATES,
    ExemplarKind,
    ExemplarState,
    InitiativeState,
    MeasureKind,
    PlanState,
    ReportingPeriod,
    ReviewState,
)
from campaigns.models import (
    Covenant,
    CovenantSignature,
    Criterion,
    Exemplar,
    IndividualRegistration,
    Initiative,
    Movement,
    Pledge,
    PledgeTarget,
    ResultReport,
    ResultValue,
    Term,
    YearPlan,
)
from emulation import demo as core_demo
from emulation.enums import PersonType, UnitLevel, UnitSector
from emulation.models import AuditEntry, Cluster, Notification, Person, Unit

from .writer import Writer, next_id

SCALES = {
    # units, clusters, people, proposals (over the five rounds)
    "tiny": {"units": 12, "clusters": 3, "people": 96, "proposals": 40},
    "small": {"units": 30, "clusters": 5, "people": 300, "proposals": 100},
    "province": {"units": 300, "clusters": 15, "people": 30_000, "proposals": 1_200},
    "regional": {"units": 5_000, "clusters": 50, "people": 100_000, "proposals": 20_000},
    "national": {"units": 50_000, "clusters": 500, "people": 1_000_000, "proposals": 200_000},
}
YEARS = [2021, 2022, 2023, 2024, 2025]
LAST_YEAR = YEARS[-1]
CRITERIA_PER_PLAN = 10
FILING = (UnitLevel.GRASSROOTS_COMMITTEE, UnitLevel.GRASSROOTS_CELL)
SECTORS = [UnitSector.AGENCY, UnitSector.PUBLIC_SERVICE, UnitSector.ENTERPRISE, UnitSector.MASS_ORGANIZATION]
SECTOR_WORDS = {
    UnitSector.AGENCY: "Sở",
    UnitSector.PUBLIC_SERVICE: "Trung tâm",
    UnitSector.ENTERPRISE: "Công ty",
    UnitSector.MASS_ORGANIZATION: "Hội",
}
DEMO_SUBCELLS = 5  # sub-cells of the bench data placed under the demo secretary's unit
BALLOT_SIZE = 100  # proposals per ballot (two nominees each)
COUNCIL = ["hoidong1", "hoidong2", "hoidong3"]


def _ts(date, hour=9):
    return datetime.datetime.combine(date, datetime.time(hour), tzinfo=datetime.UTC)


def seed_base(stdout=None):
    """The demo accounts, term, movements and plans of the core and campaigns, and the award catalog."""
    for label in ("emulation", "campaigns"):
        config = apps.get_app_config(label)
        with transaction.atomic():
            config.seed_demo(stdout)
    with transaction.atomic():
        load_catalog(apps.get_model)
        awards_upkeep.awards_changed()  # the catalog loaded around the services (as the data migration does)


def generate(scale, seed, stdout=None):
    spec = SCALES[scale]
    rng = random.Random(seed)
    w = Writer()
    with transaction.atomic():
        if w.postgres:
            with connection.cursor() as cursor:
                # For this transaction only (SET LOCAL), nothing permanent: no WAL flush at commit, and no per-row
                # foreign-key triggers (the generator assigns every id itself; on SQLite the tests run the same
                # generator with every constraint checked).
                cursor.execute("SET LOCAL synchronous_commit TO off")
                cursor.execute("SET LOCAL session_replication_role TO replica")
        g = _Generator(spec, rng, w, stdout)
        g.run()
    w.reset_sequences(g.models_written)
    derive_after_bulk_load()
    if w.postgres:
        with connection.cursor() as cursor:
            # VACUUM too: it sets the visibility map, without which index-only scans visit every heap page until
            # autovacuum passes (it may be off or slow on a freshly loaded database). Not possible inside a
            # transaction (the query-count test loads inside one and rolls it back).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return w.counts


def derive_after_bulk_load():
    """Fill what the writers keep up and a COPY bypasses: the award records' catalog order, the core's cached
    overview and the campaigns' list sort keys (plan year, unit path), per-plan, per-cluster tracking figures and
    cached figures (emulation.upkeep.units_reloaded, which runs campaigns.upkeep.everything_reloaded). The counters
    of rounds, ballots and decisions and the awards' cached counts were completed by complete_bulk_load."""
    from django.db.models import OuterRef, Subquery

    from awards.models import Award, AwardRecord
    from emulation.services import units_reloaded

    order = Award.objects.filter(pk=OuterRef("award_id")).values("order")[:1]
    AwardRecord.objects.update(award_order=Subquery(order))
    units_reloaded()


class _Generator:
    def __init__(self, spec, rng, writer, stdout):
        self.spec, self.rng, self.w, self.out = spec, rng, writer, stdout
        self.models_written = []
        users = {u.username: u for u in get_user_model().objects.filter(username__in=["vanphong", *COUNCIL])}
        self.office = users["vanphong"]
        self.council = [users[name] for name in COUNCIL if name in users]

    def say(self, text):
        if self.out:
            self.out.write(text)

    def write(self, model, fields, rows):
        if model not in self.models_written:
            self.models_written.append(model)
        started = time.perf_counter()
        n = self.w.write(model, fields, rows)
        self.say(f"  {model._meta.db_table}: {n} rows, {time.perf_counter() - started:.1f} s")
        return n

    def run(self):
        self.organization()
        self.plans()
        self.pledges()
        self.covenants()
        self.results()
        self.registrations()
        self.exemplars_and_initiatives()
        self.awards()
        self.audit_and_notifications()

    def organization(self):
        spec, rng = self.spec, self.rng
        root = Unit.objects.get(level=UnitLevel.BLOC)
        first_cluster = next_id(Cluster)
        clusters = list(range(first_cluster, first_cluster + spec["clusters"]))
        self.write(
            Cluster,
            ["id", "name", "code", "description", "lead_unit_id"],
            ((cid, f"Cụm thi đua B{cid}", f"bcum-{cid}", "", None) for cid in clusters),
        )
        first = next_id(Unit)
        units = []  # (id, parent_id, path, level, sector, cluster_id)
        n_units = spec["units"]
        committees = []
        demo = Unit.objects.filter(code="so-tai-chinh").first()
        demo_children = 0
        demo_parent = (demo.pk, None, demo.path, demo.level, demo.sector, demo.cluster_id) if demo else None
        for i in range(n_units):
            uid = first + i
            cluster = clusters[i * len(clusters) // n_units]
            sector = SECTORS[i % len(SECTORS)]
            kind = rng.random()
            if committees and kind < 0.12:
                parent = committees[rng.randrange(max(0, len(committees) - 20), len(committees))]
                if demo_parent is not None and demo_children < DEMO_SUBCELLS:
                    parent = demo_parent  # the demo secretary's unit gets a few sub-cells of the bench data too
                    demo_children += 1
                level = UnitLevel.SUB_CELL
                path = f"{parent[2]}{uid}/"
                units.append((uid, parent[0], path, level, parent[4], parent[5]))
                continue
            level = UnitLevel.GRASSROOTS_COMMITTEE if kind < 0.7 else UnitLevel.GRASSROOTS_CELL
            row = (uid, root.pk, f"{root.path}{uid}/", level, sector, cluster)
            units.append(row)
            if level == UnitLevel.GRASSROOTS_COMMITTEE:
                committees.append(row)

        def unit_rows():
            for uid, parent, path, level, sector, cluster in units:
                prefix = "Chi bộ" if level != UnitLevel.GRASSROOTS_COMMITTEE else "Đảng bộ"
                name = f"{prefix} {SECTOR_WORDS[sector]} số {uid}"
                yield (uid, name, "", f"bu-{uid}", parent, level, sector, cluster, "", "", True, path)

        self.write(
            Unit,
            [
                "id",
                "name",
                "short_name",
                "code",
                "parent_id",
                "level",
                "sector",
                "cluster_id",
                "address",
                "email",
                "is_active",
                "path",
            ],
            unit_rows(),
        )
        # The first filing unit of each cluster leads it.
        leads = {}
        for uid, _p, _path, level, _s, cluster in units:
            if level in FILING and cluster not in leads:
                leads[cluster] = uid
        for cid, uid in leads.items():
            Cluster.objects.filter(pk=cid).update(lead_unit_id=uid)
        self.cluster_lead = leads
        bench_filing = [(u[0], u[5], u[4]) for u in units if u[3] in FILING]
        demo_filing = list(
            Unit.objects.filter(level__in=FILING, is_active=True)
            .exclude(pk__gte=first)
            .order_by("pk")
            .values_list("pk", "cluster_id", "sector")
        )
        self.filing = demo_filing + bench_filing  # (id, cluster, sector)
        self.clusters = clusters
        # People, spread evenly over the bench units.
        first_person = next_id(Person)
        per_unit = max(1, spec["people"] // n_units)
        self.people_of = {}
        types = list(PersonType.values)

        def people_rows():
            pid = first_person
            for index, (uid, *_rest) in enumerate(units):
                ids = []
                for n in range(per_unit):
                    k = index * per_unit + n
                    name = (
                        f"{core_demo.FAMILY[k % len(core_demo.FAMILY)]} "
                        f"{core_demo.MIDDLE[(k // 3) % len(core_demo.MIDDLE)]} "
                        f"{core_demo.GIVEN[(k * 7) % len(core_demo.GIVEN)]}"
                    )
                    yield (
                        pid,
                        name,
                        core_demo.POSITIONS[n % len(core_demo.POSITIONS)],
                        uid,
                        types[n % 4],
                        n % 4 != 3,
                        1965 + (k * 3) % 35,
                        "",
                        True,
                        None,
                    )
                    ids.append(pid)
                    pid += 1
                self.people_of[uid] = ids

        self.write(
            Person,
            [
                "id",
                "full_name",
                "position",
                "unit_id",
                "person_type",
                "is_party_member",
                "birth_year",
                "email",
                "is_active",
                "user_id",
            ],
            people_rows(),
        )
        for uid, *_ in demo_filing:
            self.people_of[uid] = list(
                Person.objects.filter(unit_id=uid, user__isnull=True).values_list("pk", flat=True)
            )

    def plans(self):
        term = Term.objects.order_by("-start_year").first()
        movements = list(Movement.objects.filter(term=term).order_by("number").values_list("pk", flat=True))
        self.movements = movements
        self.plan_ids, self.criteria = {}, {}
        for year in YEARS:
            plan = YearPlan.objects.filter(year=year).first()
            state = PlanState.LAUNCHED if year == LAST_YEAR else PlanState.CLOSED
            if plan is None:
                plan = YearPlan.objects.create(
                    term=term,
                    year=year,
                    theme=f"Thi đua hoàn thành thắng lợi nhiệm vụ chính trị năm {year}",
                    focus_tasks="Chuyển đổi số; cải cách hành chính; xây dựng Đảng.",
                    registration_deadline=datetime.date(year, 3, 31),
                    six_month_deadline=datetime.date(year, 7, 15),
                    year_end_deadline=datetime.date(year, 12, 15),
                    state=state,
                    approved_by=self.office,
                    approved_at=_ts(datetime.date(year, 1, 10)),
                    launched_at=_ts(datetime.date(year, 1, 15)),
                )
                plan.movements.set(movements)
            elif plan.state in NOT_LAUNCHED_PLAN_STATES:  # a demo plan still in its approval loop
                YearPlan.objects.filter(pk=plan.pk).update(
                    state=PlanState.CLOSED, launched_at=_ts(datetime.date(year, 1, 15))
                )
            existing = plan.criteria.count()
            for n in range(existing, CRITERIA_PER_PLAN if existing == 0 else existing):
                Criterion.objects.create(
                    plan=plan,
                    movement_id=movements[n % len(movements)],
                    code=f"B{n + 1}",
                    name=f"Tiêu chí {n + 1} năm {year}",
                    measure=[MeasureKind.NUMBER, MeasureKind.PERCENT, MeasureKind.SCORE][n % 3],
                    measure_unit="%" if n % 3 == 1 else "",
                    order=n + 1,
                )
            self.plan_ids[year] = plan.pk
            self.criteria[year] = list(plan.criteria.values_list("pk", "weight", "max_score"))

    def _state_for(self, year, r):
        if year < LAST_YEAR:
            return ReviewState.ACCEPTED
        if r < 0.6:
            return ReviewState.ACCEPTED
        if r < 0.8:
            return ReviewState.SUBMITTED
        if r < 0.9:
            return ReviewState.DRAFT
        return ReviewState.RETURNED

    def pledges(self):
        rng = self.rng
        first = next_id(Pledge)
        pid = first
        rows, targets, movements = [], [], []
        self.pledge_of = {}  # (year, unit) -> (pledge id, state)
        taken = set(Pledge.objects.values_list("plan_id", "unit_id"))
        for year in YEARS:
            plan = self.plan_ids[year]
            for uid, _cluster, _sector in self.filing:
                if (plan, uid) in taken:
                    continue
                state = self._state_for(year, rng.random())
                late = rng.random() < 0.08
                submitted = (
                    None
                    if state == ReviewState.DRAFT
                    else _ts(datetime.date(year, 3, 1) + datetime.timedelta(days=rng.randrange(45)))
                )
                reviewed = (
                    _ts(datetime.date(year, 4, 20)) if state in (ReviewState.ACCEPTED, ReviewState.RETURNED) else None
                )
                rows.append(
                    (
                        pid,
                        state,
                        late,
                        submitted,
                        reviewed,
                        self.office.pk if reviewed else None,
                        "",
                        None,
                        _ts(datetime.date(year, 2, 20)),
                        _ts(datetime.date(year, 4, 20)),
                        1,
                        plan,
                        uid,
                        1,
                        None,
                        "Tập thể lao động xuất sắc" if rng.random() < 0.4 else "Tập thể lao động tiên tiến",
                        "Phấn đấu hoàn thành xuất sắc nhiệm vụ.",
                    )
                )
                self.pledge_of[(year, uid)] = (pid, state)
                pid += 1
        self.write(
            Pledge,
            [
                "id",
                "state",
                "is_late",
                "submitted_at",
                "reviewed_at",
                "reviewed_by_id",
                "review_comment",
                "created_by_id",
                "created_at",
                "updated_at",
                "version",
                "plan_id",
                "unit_id",
                "revision",
                "previous_id",
                "aimed_title",
                "commitment",
            ],
            rows,
        )
        del rows
        year_of_pledge = {}
        for (year, _uid), (pledge, _state) in self.pledge_of.items():
            year_of_pledge[pledge] = year
        self.target_value = {}

        def target_rows():
            tid = next_id(PledgeTarget)
            for (year, _uid), (pledge, _state) in self.pledge_of.items():
                for criterion, _w, _m in self.criteria[year]:
                    yield (tid, pledge, criterion, 50 + (tid * 7919) % 50, "")
                    tid += 1

        self.write(PledgeTarget, ["id", "pledge_id", "criterion_id", "value", "note"], target_rows())
        through = Pledge.movements.through

        def movement_rows():
            mid = next_id(through)
            for (_year, _uid), (pledge, _state) in self.pledge_of.items():
                for m in self.movements[: 3 + pledge % 3]:
                    yield (mid, pledge, m)
                    mid += 1

        self.write(through, ["id", "pledge_id", "movement_id"], movement_rows())
        del targets, movements

    def covenants(self):
        rng = self.rng
        cid = next_id(Covenant)
        rows, self.covenant_of = [], {}
        for year in YEARS:
            for cluster, lead in self.cluster_lead.items():
                state = "open" if year == LAST_YEAR else "closed"
                rows.append(
                    (
                        cid,
                        self.plan_ids[year],
                        cluster,
                        lead,
                        f"Giao ước thi đua năm {year} – Cụm B{cluster}",
                        "Các đơn vị trong cụm cam kết thi đua hoàn thành xuất sắc nhiệm vụ.",
                        state,
                        _ts(datetime.date(year, 2, 1)),
                        self.office.pk,
                        1,
                    )
                )
                self.covenant_of[(year, cluster)] = cid
                cid += 1
        self.write(
            Covenant,
            [
                "id",
                "plan_id",
                "cluster_id",
                "lead_unit_id",
                "title",
                "text",
                "state",
                "opened_at",
                "created_by_id",
                "version",
            ],
            rows,
        )

        def signature_rows():
            sid = next_id(CovenantSignature)
            for year in YEARS:
                for uid, cluster, _sector in self.filing:
                    covenant = self.covenant_of.get((year, cluster))
                    if covenant is None or (year == LAST_YEAR and rng.random() < 0.15):
                        continue
                    yield (sid, covenant, uid, self.office.pk, _ts(datetime.date(year, 2, 10)))
                    sid += 1

        self.write(CovenantSignature, ["id", "covenant_id", "unit_id", "signed_by_id", "signed_at"], signature_rows())

    def results(self):
        rng = self.rng
        reports, self.result_rows = [], []
        rid = next_id(ResultReport)
        taken = set(ResultReport.objects.values_list("plan_id", "unit_id", "period"))
        for (year, uid), (pledge, pstate) in self.pledge_of.items():
            if pstate not in (ReviewState.ACCEPTED, ReviewState.SUBMITTED):
                continue
            plan = self.plan_ids[year]
            for period, deadline in (
                (ReportingPeriod.SIX_MONTH, datetime.date(year, 7, 10)),
                (ReportingPeriod.YEAR_END, datetime.date(year, 12, 10)),
            ):
                if (plan, uid, period) in taken:
                    continue
                if year == LAST_YEAR and period == ReportingPeriod.YEAR_END and rng.random() < 0.5:
                    continue
                state = ReviewState.ACCEPTED if (year < LAST_YEAR or rng.random() < 0.6) else ReviewState.SUBMITTED
                completion = Decimal(70 + rng.randrange(40))
                score = Decimal(60 + rng.randrange(40)) if state == ReviewState.ACCEPTED else None
                reports.append(
                    (
                        rid,
                        state,
                        rng.random() < 0.06,
                        _ts(deadline),
                        _ts(deadline + datetime.timedelta(days=5)) if score is not None else None,
                        self.office.pk if score is not None else None,
                        "",
                        None,
                        _ts(deadline),
                        _ts(deadline),
                        1,
                        plan,
                        uid,
                        pledge,
                        period,
                        "Đơn vị hoàn thành các chỉ tiêu đã đăng ký.",
                        score,
                        score,
                        completion if score is not None else None,
                    )
                )
                self.result_rows.append((rid, year, state == ReviewState.ACCEPTED))
                rid += 1
        self.write(
            ResultReport,
            [
                "id",
                "state",
                "is_late",
                "submitted_at",
                "reviewed_at",
                "reviewed_by_id",
                "review_comment",
                "created_by_id",
                "created_at",
                "updated_at",
                "version",
                "plan_id",
                "unit_id",
                "pledge_id",
                "period",
                "narrative",
                "self_score",
                "score",
                "completion",
            ],
            reports,
        )
        del reports

        def value_rows():
            vid = next_id(ResultValue)
            for report, year, accepted in self.result_rows:
                for criterion, _w, max_score in self.criteria[year]:
                    c = 60 + (vid * 31) % 60
                    yield (
                        vid,
                        report,
                        criterion,
                        c,
                        "",
                        c if accepted else None,
                        round(max_score * min(c, 100) / 100, 2) if accepted else None,
                    )
                    vid += 1

        self.write(
            ResultValue, ["id", "report_id", "criterion_id", "achieved", "note", "completion", "score"], value_rows()
        )

    def registrations(self):
        titles = ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]

        def rows():
            rid = next_id(IndividualRegistration)
            for (year, uid), (pledge, _state) in self.pledge_of.items():
                if year != LAST_YEAR:
                    continue
                for n, person in enumerate(self.people_of.get(uid, [])[:8]):
                    yield (rid, pledge, person, titles[n % 5 == 0], "")
                    rid += 1

        self.write(IndividualRegistration, ["id", "pledge_id", "person_id", "title", "note"], rows())

    def exemplars_and_initiatives(self):
        rng = self.rng
        kinds = list(ExemplarKind.values)
        every = 5

        def exemplar_rows():
            eid = next_id(Exemplar)
            for year in YEARS:
                for index, (uid, _c, _s) in enumerate(self.filing):
                    if (index + year) % every:
                        continue
                    people = self.people_of.get(uid) or [None]
                    state = [
                        ExemplarState.PUBLISHED,
                        ExemplarState.VERIFIED,
                        ExemplarState.PROPOSED,
                        ExemplarState.REJECTED,
                    ][rng.randrange(4)]
                    created = _ts(datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(360)))
                    yield (
                        eid,
                        uid,
                        people[0],
                        self.plan_ids[year],
                        kinds[eid % len(kinds)],
                        f"Điển hình tiên tiến năm {year} số {eid}",
                        "Gương sáng trong lao động, công tác.",
                        state,
                        self.office.pk,
                        created,
                        created if state == ExemplarState.PUBLISHED else None,
                    )
                    eid += 1

        self.write(
            Exemplar,
            [
                "id",
                "unit_id",
                "person_id",
                "plan_id",
                "kind",
                "title",
                "summary",
                "state",
                "proposed_by_id",
                "created_at",
                "published_at",
            ],
            exemplar_rows(),
        )
        authors = []

        def initiative_rows():
            iid = next_id(Initiative)
            for year in YEARS:
                for index, (uid, _c, _s) in enumerate(self.filing):
                    if (index + year + 2) % every:
                        continue
                    recognized = rng.random() < 0.6
                    created = _ts(datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(300)))
                    yield (
                        iid,
                        uid,
                        f"Sáng kiến năm {year} số {iid}",
                        "Nâng cao hiệu quả công tác.",
                        InitiativeState.RECOGNIZED if recognized else InitiativeState.PROPOSED,
                        (1 + iid % 3) if recognized else None,
                        (created + datetime.timedelta(days=40)).date() if recognized else None,
                        f"{iid}/QĐ-SK" if recognized else "",
                        self.office.pk,
                        created,
                    )
                    people = self.people_of.get(uid)
                    if people:
                        authors.append((iid, people[iid % len(people)]))
                    iid += 1

        self.write(
            Initiative,
            [
                "id",
                "unit_id",
                "title",
                "description",
                "state",
                "recognition_level",
                "recognized_on",
                "decision_number",
                "proposed_by_id",
                "created_at",
            ],
            initiative_rows(),
        )
        through = Initiative.authors.through
        first = next_id(through)
        self.write(
            through, ["id", "initiative_id", "person_id"], ((first + i, a, p) for i, (a, p) in enumerate(authors))
        )

    def awards(self):
        rng = self.rng
        individual = (
            Award.objects.filter(subject=Subject.INDIVIDUAL, is_active=True)
            .exclude(decided_by="higher")
            .order_by("order")
            .first()
        )
        collective = (
            Award.objects.filter(subject=Subject.COLLECTIVE, is_active=True)
            .exclude(decided_by="higher")
            .order_by("order")
            .first()
        )
        per_round = max(1, self.spec["proposals"] // len(YEARS))
        units = [u for u, _c, _s in self.filing][:per_round]
        members = len(self.council) or 3
        proposals, nominees, ballots, items, votes, notices, decisions, records = [], [], [], [], [], [], [], []
        pid, nid, bid, itid, vid = (
            next_id(Proposal),
            next_id(Nominee),
            next_id(Ballot),
            next_id(BallotItem),
            next_id(Vote),
        )
        noid, did, recid = next_id(PublicNotice), next_id(Decision), next_id(AwardRecord)
        rounds = {}
        for year in YEARS:
            r = Round.objects.create(
                name=f"Khen thưởng thường xuyên năm {year} (dữ liệu thử tải)",
                kind=RoundKind.ANNUAL,
                year=year,
                submission_deadline=datetime.date(year, 11, 30),
                state="open" if year == LAST_YEAR else "closed",
                opened_by=self.office,
            )
            r.awards.set([a for a in (individual, collective) if a])
            rounds[year] = r.pk
        decision_seq = 0
        for year in YEARS:
            round_id = rounds[year]
            batch = []
            for index, uid in enumerate(units):
                if year < LAST_YEAR:
                    stage = "decided"
                else:
                    x = index / len(units)
                    stage = (
                        "decided"
                        if x < 0.4
                        else "in_ballot"
                        if x < 0.6
                        else (
                            [
                                ProposalState.SUBMITTED,
                                ProposalState.VERIFIED,
                                ProposalState.DRAFT,
                                ProposalState.RETURNED,
                                ProposalState.VERIFYING,
                            ][index % 5]
                        )
                    )
                state = {"decided": ProposalState.DECIDED, "in_ballot": ProposalState.IN_BALLOT}.get(stage, stage)
                submitted = None if state == ProposalState.DRAFT else _ts(datetime.date(year, 11, 20))
                proposals.append(
                    (
                        pid,
                        round_id,
                        uid,
                        state,
                        "Báo cáo thành tích của đơn vị.",
                        1 if submitted else 0,
                        submitted,
                        False,
                        "",
                        self.office.pk,
                        _ts(datetime.date(year, 11, 1)),
                        _ts(datetime.date(year, 11, 25)),
                    )
                )
                people = self.people_of.get(uid) or []
                pair = []
                if people and individual:
                    pair.append((nid, pid, people[index % len(people)], None, individual.pk))
                    nid += 1
                if collective:
                    pair.append((nid, pid, None, uid, collective.pk))
                    nid += 1
                if stage in ("decided", "in_ballot"):
                    batch.append((pid, pair, stage))
                else:
                    for n in pair:
                        nominees.append((*n, "Thành tích xuất sắc.", NomineeResult.PENDING, None, None, None))
                pid += 1
            # Ballots of BALLOT_SIZE proposals; decided ones go through notice and decision.
            for start in range(0, len(batch), BALLOT_SIZE):
                chunk = batch[start : start + BALLOT_SIZE]
                closed = chunk[0][2] == "decided"
                opens = _ts(datetime.date(year, 12, 1))
                ballots.append(
                    (
                        bid,
                        round_id,
                        f"Phiên bỏ phiếu năm {year} số {bid}",
                        BallotState.CLOSED if closed else BallotState.OPEN,
                        opens,
                        _ts(datetime.date(year, 12, 5)),
                        self.office.pk,
                        _ts(datetime.date(year, 12, 5)) if closed else None,
                        self.office.pk if closed else None,
                        members if closed else None,
                    )
                )
                if closed:
                    decision_seq += 1
                    notices.append(
                        (
                            noid,
                            bid,
                            NoticeState.DECIDED,
                            _ts(datetime.date(year, 12, 6)),
                            datetime.date(year, 12, 13),
                            self.office.pk,
                        )
                    )
                    decisions.append(
                        (
                            did,
                            noid,
                            f"{decision_seq}-QĐ/ĐUK",
                            datetime.date(year, 12, 20),
                            "Nguyễn Đình Hải",
                            "BÍ THƯ",
                            f"Về việc khen thưởng năm {year}",
                            self.office.pk,
                            _ts(datetime.date(year, 12, 20)),
                            None,
                        )
                    )
                for _pid, pair, _stage in chunk:
                    for n in pair:
                        passed = closed
                        record = None
                        if closed:
                            award = n[4]
                            records.append(
                                (
                                    recid,
                                    n[2],
                                    n[3],
                                    award,
                                    year,
                                    f"{decision_seq}-QĐ/ĐUK",
                                    datetime.date(year, 12, 20),
                                    "Ban Thường vụ Đảng ủy Khối",
                                    RecordSource.PORTAL,
                                    did,
                                    "",
                                    _ts(datetime.date(year, 12, 20)),
                                )
                            )
                            record = recid
                            recid += 1
                        nominees.append(
                            (
                                *n,
                                "Thành tích xuất sắc.",
                                NomineeResult.AWARDED if closed else NomineeResult.PENDING,
                                did if closed else None,
                                record,
                                None,
                            )
                        )
                        items.append(
                            (
                                itid,
                                bid,
                                n[0],
                                members if closed else None,
                                0 if closed else None,
                                0 if closed else None,
                                passed if closed else None,
                            )
                        )
                        voters = self.council if closed else self.council[:1] if rng.random() < 0.5 else []
                        for voter in voters:
                            votes.append((vid, itid, voter.pk, "agree", opens))
                            vid += 1
                        itid += 1
                if closed:
                    noid += 1
                    did += 1
                bid += 1
        self.write(
            Proposal,
            [
                "id",
                "round_id",
                "unit_id",
                "state",
                "achievement_report",
                "version",
                "submitted_at",
                "is_late",
                "review_comment",
                "created_by_id",
                "created_at",
                "updated_at",
            ],
            proposals,
        )
        self.write(
            Ballot,
            [
                "id",
                "round_id",
                "name",
                "state",
                "opens_at",
                "closes_at",
                "opened_by_id",
                "tallied_at",
                "tallied_by_id",
                "total_members",
            ],
            ballots,
        )
        self.write(PublicNotice, ["id", "ballot_id", "state", "published_at", "ends_on", "published_by_id"], notices)
        self.write(
            Decision,
            [
                "id",
                "notice_id",
                "number",
                "date",
                "signer_name",
                "signer_position",
                "subject",
                "recorded_by_id",
                "recorded_at",
                "certificates_issued_at",
            ],
            decisions,
        )
        self.write(
            AwardRecord,
            [
                "id",
                "person_id",
                "unit_id",
                "award_id",
                "year",
                "decision_number",
                "decision_date",
                "issuer",
                "source",
                "decision_id",
                "note",
                "created_at",
            ],
            records,
        )
        self.write(
            Nominee,
            [
                "id",
                "proposal_id",
                "person_id",
                "unit_id",
                "award_id",
                "summary",
                "result",
                "decision_id",
                "record_id",
                "certificate_issued_at",
            ],
            nominees,
        )
        self.write(
            BallotItem,
            ["id", "ballot_id", "nominee_id", "agree_count", "disagree_count", "recused_count", "passed"],
            items,
        )
        self.write(Vote, ["id", "item_id", "voter_id", "choice", "cast_at"], votes)
        # What the services keep on write (counts, positions, the votes' ballot), once for the whole load.
        complete_bulk_load()
        self.proposal_ids = [p[0] for p in proposals]

    def audit_and_notifications(self):
        pledge_ct = ContentType.objects.get_for_model(Pledge).pk
        result_ct = ContentType.objects.get_for_model(ResultReport).pk
        proposal_ct = ContentType.objects.get_for_model(Proposal).pk

        def rows():
            aid = next_id(AuditEntry)
            for (year, uid), (pledge, state) in self.pledge_of.items():
                if state == ReviewState.DRAFT:
                    continue
                yield (
                    aid,
                    _ts(datetime.date(year, 3, 15)),
                    self.office.pk,
                    "pledge.submitted",
                    pledge_ct,
                    str(pledge),
                    f"Đăng ký thi đua năm {year}",
                    uid,
                    "",
                    {},
                    None,
                )
                aid += 1
            for report, year, _accepted in self.result_rows:
                yield (
                    aid,
                    _ts(datetime.date(year, 12, 12)),
                    self.office.pk,
                    "result.submitted",
                    result_ct,
                    str(report),
                    f"Báo cáo kết quả năm {year}",
                    None,
                    "",
                    {},
                    None,
                )
                aid += 1
            for proposal in self.proposal_ids:
                yield (
                    aid,
                    _ts(datetime.date(2025, 11, 20)),
                    self.office.pk,
                    "proposal.submitted",
                    proposal_ct,
                    str(proposal),
                    "Hồ sơ đề nghị khen thưởng",
                    None,
                    "",
                    {},
                    None,
                )
                aid += 1

        self.write(
            AuditEntry,
            [
                "id",
                "created_at",
                "actor_id",
                "action",
                "content_type_id",
                "object_id",
                "object_repr",
                "unit_id",
                "comment",
                "data",
                "ip_address",
            ],
            rows(),
        )
        users = list(get_user_model().objects.filter(username__in=["vanphong", "bithu1", "bithu2", *COUNCIL]))
        count = max(20, min(2_000, self.spec["units"] // 10))

        def notification_rows():
            nid = next_id(Notification)
            for user in users:
                for n in range(count):
                    day = datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 360)
                    yield (
                        nid,
                        user.pk,
                        f"Nhắc hạn báo cáo số {n}",
                        "Đề nghị đơn vị gửi báo cáo đúng hạn.",
                        "/",
                        day,
                        _ts(day),
                        _ts(day) if n % 3 else None,
                        None,
                    )
                    nid += 1

        self.write(
            Notification,
            ["id", "recipient_id", "title", "body", "url", "deadline", "created_at", "read_at", "emailed_at"],
            notification_rows(),
        )
