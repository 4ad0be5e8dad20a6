"""Who may do what in the campaigns: one predicate per question, composed from the core's predicates.

Objects that belong to a unit (pledges, results, exemplars, initiatives, evidence) expose it as ``unit`` or
``owner_unit()``; a covenant belongs to its cluster, so its predicates read the cluster's member units.
"""

import rules

from emulation.rules import (
    is_observer,
    is_office,
    is_own_unit_object,
    is_propaganda,
    is_secretary,
    is_standing_member,
    reads_every_unit,
    secretary_units,
)

from .enums import ReviewState


@rules.predicate
def leads_covenant_cluster(user, obj):
    """The user is the secretary of the cluster's lead unit (obj: a Covenant or a Cluster)."""
    if obj is None:
        return False
    lead = getattr(obj, "lead_unit", None)
    return lead is not None and any(own.pk == lead.pk for own in secretary_units(user))


def own_cluster_ids(user):
    """Clusters of the user's secretary units, read once per request user."""
    cached = getattr(user, "_campaigns_clusters", None)
    if cached is None:
        from emulation.models import Unit

        ids = [u.pk for u in secretary_units(user)]
        cached = set(Unit.objects.filter(pk__in=ids, cluster__isnull=False).values_list("cluster_id", flat=True))
        cached = cached if ids else set()
        user._campaigns_clusters = cached
    return cached


@rules.predicate
def is_covenant_member(user, covenant):
    """The user is the secretary of a unit of the covenant's cluster."""
    if covenant is None:
        return False
    return covenant.cluster_id in own_cluster_ids(user)


@rules.predicate
def is_sent(user, record):
    """The unit has sent the record: anything but a draft. A pledge or a result report in draft is the unit's working
    copy, like a draft dossier; exemplars and initiatives have no draft (they are born proposed, i.e. sent)."""
    return record is not None and getattr(record, "state", None) != ReviewState.DRAFT


can_read_campaigns = is_office | is_standing_member | reads_every_unit | is_secretary
# One principle for every unit filing (pledges, result reports, award dossiers): a draft is the unit's alone; the
# roles that read every unit read it from submission on.
can_read_unit_record = is_own_unit_object | (reads_every_unit & is_sent)
files_for_unit = is_secretary & is_own_unit_object

rules.add_perm("campaigns.view_plans", can_read_campaigns)
rules.add_perm("campaigns.manage_plans", is_office)
rules.add_perm("campaigns.approve_plan", is_standing_member)
rules.add_perm("campaigns.view_drafts", is_office | is_standing_member)
rules.add_perm("campaigns.review", is_office)
# The recognized score per criterion: the Office's, the one that reviews (the service refuses it outside review).
rules.add_perm("campaigns.adjust_score", is_office)
rules.add_perm("campaigns.track", is_office | is_standing_member | is_observer)
rules.add_perm("campaigns.send_reminder", is_office)

rules.add_perm("campaigns.view_unit_record", can_read_unit_record)
rules.add_perm("campaigns.file_for_unit", files_for_unit)
rules.add_perm("campaigns.file_anything", is_secretary)

rules.add_perm("campaigns.view_covenant", reads_every_unit | is_covenant_member)
rules.add_perm("campaigns.draft_covenant", is_secretary & leads_covenant_cluster)
rules.add_perm("campaigns.sign_covenant", is_secretary & is_covenant_member)

rules.add_perm("campaigns.publish_exemplar", is_propaganda)
