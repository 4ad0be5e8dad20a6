from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")
    nav_template = "reports/_nav.html"

    def ready(self):
        from emulation.audit import register_action_labels

        from .enums import ACTION_LABELS

        register_action_labels(ACTION_LABELS)

    def home_panels(self, request):
        from .rules import reads_all_reports
        from .selectors import latest_reports

        if not reads_all_reports(request.user):
            return []
        return [
            {
                "template": "reports/panels/latest_reports.html",
                "order": 40,
                "context": {"reports": latest_reports(request.user)},
            }
        ]

    def seed_demo(self, stdout):
        from .demo import seed

        seed(stdout)
