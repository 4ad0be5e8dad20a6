from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(AdminConfig):
    """Django's admin, with the portal's site as the default one: every admin change reaches the audit log."""

    default_site = "emulation.admin_site.PortalAdminSite"


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Tổ chức và tài khoản")
    nav_template = "emulation/_nav.html"

    def ready(self):
        from . import checks, signals  # noqa: F401

    def home_panels(self, request):
        from .selectors import home_panels

        return home_panels(request.user)

    def seed_demo(self, stdout):
        from .demo import seed

        seed(stdout)
