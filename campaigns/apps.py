from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua")
    nav_template = "campaigns/_nav.html"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import audit_labels  # noqa: F401
        from .selectors import forget_tracking, forget_waiting
        from .services.list_keys import follow_plan_year, follow_unit_move

        # The cached tracking figures (counts, clusters and their names, overdue units) go stale with any of these.
        for model in (
            "campaigns.Pledge",
            "campaigns.ResultReport",
            "campaigns.Covenant",
            "campaigns.CovenantSignature",
            "campaigns.YearPlan",
            "emulation.Unit",
            "emulation.Cluster",
        ):
            post_save.connect(forget_tracking, sender=model, dispatch_uid=f"tracking-save-{model}")
            post_delete.connect(forget_tracking, sender=model, dispatch_uid=f"tracking-delete-{model}")
        for model in ("campaigns.Pledge", "campaigns.ResultReport", "campaigns.Exemplar", "campaigns.Initiative"):
            post_save.connect(forget_waiting, sender=model, dispatch_uid=f"waiting-save-{model}")
            post_delete.connect(forget_waiting, sender=model, dispatch_uid=f"waiting-delete-{model}")
        # The copies of plan year and unit path that the pledge and result lists sort by (ListedByPlanAndUnit).
        post_save.connect(follow_plan_year, sender="campaigns.YearPlan", dispatch_uid="list-keys-plan-year")
        post_save.connect(follow_unit_move, sender="emulation.Unit", dispatch_uid="list-keys-unit-path")
        self._follow_summaries()

    def _follow_summaries(self):
        """The per cluster figures (PlanClusterSummary) are recounted in the transaction of every write they count."""
        from django.db.models.signals import post_delete, post_save, pre_save

        from .services import summaries

        for model, receiver in (
            ("campaigns.Pledge", summaries.follow_unit_record),
            ("campaigns.ResultReport", summaries.follow_unit_record),
            ("campaigns.Covenant", summaries.follow_covenant),
            ("campaigns.CovenantSignature", summaries.follow_signature),
        ):
            post_save.connect(receiver, sender=model, dispatch_uid=f"summary-save-{model}")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"summary-delete-{model}")
        post_save.connect(summaries.follow_new_plan, sender="campaigns.YearPlan", dispatch_uid="summary-new-plan")
        pre_save.connect(summaries.remember_unit, sender="emulation.Unit", dispatch_uid="summary-unit-before")
        post_save.connect(summaries.follow_unit, sender="emulation.Unit", dispatch_uid="summary-unit")
        post_delete.connect(summaries.follow_deleted_unit, sender="emulation.Unit", dispatch_uid="summary-unit-delete")
        post_save.connect(summaries.follow_cluster, sender="emulation.Cluster", dispatch_uid="summary-cluster")
        post_delete.connect(
            summaries.follow_deleted_cluster, sender="emulation.Cluster", dispatch_uid="summary-cluster-delete"
        )

    def home_panels(self, request):
        """The Office sees open plans' deadlines and counts; a secretary what the unit still owes and by when."""
        from .rules import is_office, is_secretary
        from .selectors import office_home, secretary_home

        panels = []
        user = request.user
        if is_office(user):
            panels.append({"template": "campaigns/panels/office.html", "order": 20, "context": office_home()})
        if is_secretary(user):
            entries = secretary_home(user)
            panels.append({"template": "campaigns/panels/secretary.html", "order": 5, "context": {"entries": entries}})
        return panels

    def seed_demo(self, stdout):
        from .demo import seed

        seed(stdout)
