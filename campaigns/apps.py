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
