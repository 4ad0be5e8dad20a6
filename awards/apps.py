from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")
    nav_template = "awards/_nav.html"

    def ready(self):
        from emulation.audit import register_action_labels

        from .enums import ACTION_LABELS

        register_action_labels(ACTION_LABELS)

    def home_panels(self, request):
        from .panels import home_panels

        return home_panels(request.user)

    def seed_demo(self, stdout):
        from .demo import seed

        seed(stdout)
