"""Reads the core's pages need, scoped to what the user may see, in a bounded number of queries."""

from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .caching import replace_version
from .enums import UnitSector
from .models import AuditEntry, Cluster, Notification, Person, Unit
from .rules import is_office, reads_every_unit, secretary_units


def visible_units(user):
    """Every unit for Bloc-wide roles; a secretary's own units and their sub-units otherwise."""
    if reads_every_unit(user):
        return Unit.objects.all()
    own = secretary_units(user)
    if not own:
        return Unit.objects.none()
    return Unit.objects.subtree_of(own)


def _active_people_count():
    """People counted per unit row by a correlated subquery: run for the rows of the page, not the whole table."""
    people = Person.objects.filter(unit=OuterRef("pk"), is_active=True).order_by().values("unit")
    return Coalesce(Subquery(people.annotate(n=Count("pk")).values("n")[:1]), 0)


def _children_count():
    children = Unit.objects.filter(parent=OuterRef("pk")).order_by().values("parent")
    return Coalesce(Subquery(children.annotate(n=Count("pk")).values("n")[:1]), 0)


def unit_list(*, user, search="", cluster=None, sector=None, level=None, parent=None):
    queryset = visible_units(user).select_related("cluster", "parent").annotate(people_count=_active_people_count())
    if parent:
        queryset = queryset.filter(parent_id=parent)
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(short_name__icontains=search) | Q(code__icontains=search)
        )
    if cluster:
        queryset = queryset.filter(cluster_id=cluster)
    if sector:
        queryset = queryset.filter(sector=sector)
    if level:
        queryset = queryset.filter(level=level)
    # The Bloc first, then units by name under their parent.
    return queryset.order_by(F("parent_id").asc(nulls_first=True), "name")


CHILDREN_SHOWN = 30


def unit_children(unit, limit=CHILDREN_SHOWN):
    """The first sub-units by name, and whether there are more (the unit list shows them all).

    Not counted: the Bloc has tens of thousands of sub-units at national scale, and counting them cost more than
    the rest of the page.
    """
    children = list(unit.children.select_related("cluster").order_by("name")[: limit + 1])
    return children[:limit], len(children) > limit


def person_list(*, user, search="", unit=None, include_inactive=False):
    queryset = Person.objects.select_related("unit")
    if not reads_every_unit(user):  # for the Bloc-wide roles the filter would only slow the query down
        queryset = queryset.filter(unit__in=visible_units(user))
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    if unit is not None:
        queryset = queryset.filter(unit=unit)
    if search:
        queryset = queryset.filter(Q(full_name__icontains=search) | Q(position__icontains=search))
    return queryset.order_by("full_name", "pk")


def cluster_list():
    # A correlated count runs for the page's rows only; a grouped join counted all 50,000 units at national scale.
    units = Unit.objects.filter(cluster=OuterRef("pk")).order_by().values("cluster")
    unit_count = Coalesce(Subquery(units.annotate(n=Count("pk")).values("n")[:1]), 0)
    return Cluster.objects.select_related("lead_unit").annotate(unit_count=unit_count).order_by("name")


def cluster_units(cluster):
    return cluster.units.select_related("parent").order_by("name")


# Downloads are audited but are not steps of an object's work: they stay in the audit log, which only the Office
# reads, and never reach a history panel that every reader of the object sees.
DOWNLOAD_ACTIONS = ("export",)


def history_of(obj):
    """The workflow steps of one object (created, submitted, reviewed, decided…), oldest first, for its history
    timeline; downloads of it are left to the audit log."""
    return AuditEntry.objects.for_object(obj).exclude(action__in=DOWNLOAD_ACTIONS).order_by("created_at", "id")


def audit_log(*, action="", actor="", unit=None):
    # Only what the log shows: an entry's data and comment can be long, and the actor row holds the password hash.
    queryset = AuditEntry.objects.select_related("actor", "unit").only(
        "created_at", "action", "object_repr", "ip_address", "actor__username", "unit__name"
    )
    if action:
        queryset = queryset.filter(action__icontains=action)
    if actor:
        queryset = queryset.filter(actor__username__icontains=actor)
    if unit:
        queryset = queryset.filter(unit_id=unit)
    return queryset


def notifications_for(user):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


# Replaced whenever a unit, cluster or person is saved or deleted (emulation.upkeep): the lists' counts depend on it.
ORGANIZATION = "organization"

OVERVIEW_CACHE_KEY = "emulation:organization-overview"
OVERVIEW_TTL = 600  # a safety net for updates around the services; their writes invalidate at once


def organization_overview():
    """Units by sector, clusters and active people: counted once, then cached until a unit, cluster or person changes."""
    overview = cache.get(OVERVIEW_CACHE_KEY)
    if overview is None:
        overview = {
            "by_sector": dict(Unit.objects.filter(is_active=True).values_list("sector").annotate(n=Count("pk"))),
            "clusters": Cluster.objects.count(),
            "people": Person.objects.filter(is_active=True).count(),
        }
        cache.set(OVERVIEW_CACHE_KEY, overview, OVERVIEW_TTL)
    return overview


def forget_organization_overview():
    cache.delete_many([OVERVIEW_CACHE_KEY, CLUSTER_CHOICES_KEY])
    replace_version(ORGANIZATION)


CLUSTER_CHOICES_KEY = "emulation:cluster-choices"


def cluster_choices():
    """(pk, name) of every cluster by name, for the filters above the lists.

    Cached like the overview: there are 500 clusters at national scale, and building them for every list page cost
    more than the rest of the page's queries.
    """
    choices = cache.get(CLUSTER_CHOICES_KEY)
    if choices is None:
        choices = list(Cluster.objects.order_by("name").values_list("pk", "name"))
        cache.set(CLUSTER_CHOICES_KEY, choices, OVERVIEW_TTL)
    return choices


def home_panels(user):
    """The core's panels on the home page: an overview for the Office, the own unit for a secretary."""
    panels = []
    if is_office(user):
        overview = organization_overview()
        panels.append(
            {
                "template": "emulation/panels/office_overview.html",
                "order": 10,
                "context": {
                    "sectors": [(label, overview["by_sector"].get(value, 0)) for value, label in UnitSector.choices],
                    "unit_total": sum(overview["by_sector"].values()),
                    "cluster_total": overview["clusters"],
                    "people_total": overview["people"],
                },
            }
        )
    own = secretary_units(user)
    if own:
        units = (
            Unit.objects.filter(pk__in=[u.pk for u in own])
            .select_related("cluster")
            # Correlated counts: joining people and sub-units multiplied the one as many times as the other.
            .annotate(people_count=_active_people_count(), child_count=_children_count())
        )
        panels.append({"template": "emulation/panels/own_units.html", "order": 10, "context": {"own_units": units}})
    recent = list(Notification.objects.filter(recipient=user, read_at__isnull=True).order_by("-created_at")[:5])
    panels.append({"template": "emulation/panels/notifications.html", "order": 90, "context": {"recent": recent}})
    return panels


def role_holders(role):
    """Active users who hold ``role`` (a Bloc-wide role: the Office, the council, the Standing Committee), by id:
    the one query behind every "tell the Office", "the council's size" and "who may vote"."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(role_assignments__role=role, is_active=True).distinct().order_by("pk")
