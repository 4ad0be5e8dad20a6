from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua")
    nav_template = "campaigns/_nav.html"

    def ready(self):
        from . import audit_labels  # noqa: F401

    # The core tells the apps of its writes of units and clusters (emulation.services); what the campaigns keep
    # about them follows in the same transaction.
    def unit_changed(self, *, unit, before):
        from . import upkeep

        upkeep.unit_changed(unit=unit, before=before)

    def cluster_changed(self, *, cluster, deleted):
        from . import upkeep

        upkeep.cluster_changed(cluster=cluster, deleted=deleted)

    def units_reloaded(self):
        from . import upkeep

        upkeep.everything_reloaded()

    def home_panels(self, request):
        """The Office sees open plans' deadlines and counts; the Standing Committee the plans waiting for its
        approval; a secretary what the unit still owes and by when; the Propaganda department the verified exemplars
        it has still to publish."""
        from .rules import is_office, is_propaganda, is_secretary, is_standing_member
        from .selectors import exemplars_to_publish, office_home, plans_awaiting_approval, secretary_home

        panels = []
        user = request.user
        if is_standing_member(user):
            context = plans_awaiting_approval()
            panels.append({"template": "campaigns/panels/standing.html", "order": 10, "context": context})
        if is_office(user):
            panels.append({"template": "campaigns/panels/office.html", "order": 20, "context": office_home()})
        if is_secretary(user):
            entries = secretary_home(user)
            panels.append({"template": "campaigns/panels/secretary.html", "order": 5, "context": {"entries": entries}})
        if is_propaganda(user):
            panels.append(
                {"template": "campaigns/panels/propaganda.html", "order": 5, "context": exemplars_to_publish()}
            )
        return panels

    def related_panels(self, request, obj):
        """A unit's page shows its scores over the years to whoever reads the unit (the core page checked it; its
        accepted results are sent records, readable by the same users: campaigns.view_unit_record); a cluster's page
        shows its ranking to those who may open the ranking page (campaigns.track)."""
        from emulation.models import Cluster, Unit

        from .selectors import cluster_ranking_chart, unit_scores_chart

        if isinstance(obj, Unit):
            chart = unit_scores_chart(obj)
            template = "campaigns/panels/unit_scores.html"
        elif isinstance(obj, Cluster) and request.user.has_perm("campaigns.track"):
            chart = cluster_ranking_chart(obj)
            template = "campaigns/panels/cluster_ranking.html"
        else:
            return []
        return [{"template": template, "context": {"chart": chart}, "chart": True}] if chart else []

    def seed_demo(self, stdout):
        from .demo import seed

        seed(stdout)
