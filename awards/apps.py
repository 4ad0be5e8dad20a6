from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")
    nav_template = "awards/_nav.html"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from emulation.audit import register_action_labels

        from .counts import forget_awards, forget_proposal_counts, forget_record_counts
        from .enums import ACTION_LABELS
        from .models import Award, AwardRecord, Proposal, uncount_deleted_proposal

        register_action_labels(ACTION_LABELS)
        post_delete.connect(uncount_deleted_proposal, sender=Proposal, dispatch_uid="awards.uncount_deleted_proposal")
        post_save.connect(forget_proposal_counts, sender=Proposal, dispatch_uid="awards.proposal_counts_save")
        post_delete.connect(forget_proposal_counts, sender=Proposal, dispatch_uid="awards.proposal_counts_delete")
        post_save.connect(forget_awards, sender=Award, dispatch_uid="awards.awards_save")
        post_save.connect(forget_record_counts, sender=AwardRecord, dispatch_uid="awards.record_counts_save")
        post_delete.connect(forget_record_counts, sender=AwardRecord, dispatch_uid="awards.record_counts_delete")
        post_delete.connect(forget_awards, sender=Award, dispatch_uid="awards.awards_delete")

    def home_panels(self, request):
        from .panels import home_panels

        return home_panels(request.user)

    def seed_demo(self, stdout):
        from .demo import seed

        seed(stdout)

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
