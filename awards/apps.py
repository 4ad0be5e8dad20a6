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

    def registrable_titles(self, *, subject, unit):
        """The catalog's titles a unit may register for in a pledge (campaigns.titles asks; it may not import us)."""
        from .titles import registrable_titles

        return registrable_titles(subject=subject, unit=unit)

    def related_links(self, request, obj):
        """From a person's or a unit's page, the awards they hold (the core page checked who may see it)."""
        from django.urls import reverse
        from django.utils.translation import gettext as _

        from emulation.models import Person, Unit

        if isinstance(obj, Person):
            return [(_("Khen thưởng đã nhận"), reverse("awards:person_awards", args=[obj.pk]))]
        if isinstance(obj, Unit):
            return [(_("Khen thưởng của đơn vị"), reverse("awards:unit_awards", args=[obj.pk]))]
        return []
