from django.contrib import admin

from . import upkeep
from .models import (
    Covenant,
    CovenantSignature,
    Criterion,
    Evidence,
    Exemplar,
    IndividualRegistration,
    Initiative,
    Movement,
    Phase,
    Pledge,
    PledgeTarget,
    ResultReport,
    ResultValue,
    Term,
    YearPlan,
)


class NoDeleteAdmin(admin.ModelAdmin):
    """What units filed is kept: the admin corrects, it never deletes."""

    def has_delete_permission(self, request, obj=None):
        return False


class UpkeptAdmin(NoDeleteAdmin):
    """What a change in the admin changes besides its rows (campaigns.upkeep) follows the object and its inlines.

    Each concrete admin defines ``keep_up(obj, *, before)``, ``before`` being the object as it was (None when
    added), e.g. for a pledge moved to another unit or plan.
    """

    def save_model(self, request, obj, form, change):
        # Kept on the request, not on this admin: one admin instance serves every request of the process.
        request.upkeep_before = type(obj).objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.keep_up(form.instance, before=getattr(request, "upkeep_before", None))


class MovementInline(admin.TabularInline):
    model = Movement
    extra = 0


@admin.register(Term)
class TermAdmin(NoDeleteAdmin):
    list_display = ["name", "start_year", "end_year", "motto"]
    inlines = [MovementInline]


@admin.register(Movement)
class MovementAdmin(NoDeleteAdmin):
    list_display = ["number", "name", "term", "department", "is_key"]
    list_filter = ["term", "is_key"]
    search_fields = ["name"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["order", "code", "name", "movement", "measure", "measure_unit", "weight", "max_score"]


@admin.register(YearPlan)
class YearPlanAdmin(UpkeptAdmin):
    list_display = ["year", "term", "state", "registration_deadline", "six_month_deadline", "year_end_deadline"]
    list_filter = ["state", "term"]
    # The approval loop runs on the plan's page (services.plans), which logs and notifies each step.
    readonly_fields = [
        "state",
        "submitted_by",
        "submitted_at",
        "return_comment",
        "approved_by",
        "approved_at",
        "launched_at",
        "closed_at",
    ]
    filter_horizontal = ["movements"]
    inlines = [PhaseInline, CriterionInline]

    def keep_up(self, obj, *, before):
        upkeep.plan_changed(obj, created=before is None)


class PledgeTargetInline(admin.TabularInline):
    model = PledgeTarget
    extra = 0
    autocomplete_fields = ["criterion"]


class RegistrationInline(admin.TabularInline):
    model = IndividualRegistration
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Criterion)
class CriterionAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "plan", "measure", "weight", "max_score"]
    list_filter = ["plan", "measure"]
    search_fields = ["code", "name"]


class ReadOnlyStateAdmin(UpkeptAdmin):
    """States change only through the portal's services, which log every change."""

    readonly_fields = ["state", "is_late", "submitted_at", "reviewed_at", "reviewed_by", "review_comment"]
    list_select_related = ["plan", "unit"]
    search_fields = ["unit__name"]


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyStateAdmin):
    list_display = ["unit", "plan", "revision", "state", "is_late", "submitted_at"]
    list_filter = ["plan", "state", "is_late"]
    raw_id_fields = ["unit", "previous"]
    inlines = [PledgeTargetInline, RegistrationInline]

    def keep_up(self, obj, *, before):
        for pledge in (before, obj) if before is not None else (obj,):
            upkeep.pledge_changed(pledge)


class ResultValueInline(admin.TabularInline):
    model = ResultValue
    extra = 0
    readonly_fields = ["completion", "score"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    exclude = ["file"]

    def has_add_permission(self, request, obj=None):
        return False  # uploads go through the portal, which checks the content


@admin.register(ResultReport)
class ResultReportAdmin(ReadOnlyStateAdmin):
    list_display = ["unit", "plan", "period", "state", "is_late", "score", "completion"]
    list_filter = ["plan", "period", "state"]
    raw_id_fields = ["unit", "pledge"]
    readonly_fields = [*ReadOnlyStateAdmin.readonly_fields, "score", "completion"]
    inlines = [ResultValueInline, EvidenceInline]

    def keep_up(self, obj, *, before):
        for result in (before, obj) if before is not None else (obj,):
            upkeep.result_changed(result)


class SignatureInline(admin.TabularInline):
    model = CovenantSignature
    extra = 0
    readonly_fields = ["unit", "signed_by", "signed_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Covenant)
class CovenantAdmin(UpkeptAdmin):
    list_display = ["title", "plan", "cluster", "lead_unit", "state"]
    list_filter = ["plan", "state"]
    readonly_fields = ["state", "opened_at"]
    inlines = [SignatureInline]

    def keep_up(self, obj, *, before):
        upkeep.covenant_changed(obj)
        if before is not None and (before.cluster_id, before.plan_id) != (obj.cluster_id, obj.plan_id):
            upkeep.covenant_changed(before)


@admin.register(Exemplar)
class ExemplarAdmin(UpkeptAdmin):
    list_display = ["title", "kind", "unit", "state", "published_at"]
    list_filter = ["kind", "state"]
    search_fields = ["title", "unit__name"]
    raw_id_fields = ["unit", "person"]
    readonly_fields = ["state", "published_at"]

    def keep_up(self, obj, *, before):
        upkeep.queue_changed()


@admin.register(Initiative)
class InitiativeAdmin(UpkeptAdmin):
    list_display = ["title", "unit", "state", "recognition_level", "recognized_on"]
    list_filter = ["state", "recognition_level"]
    search_fields = ["title", "unit__name"]
    raw_id_fields = ["unit"]
    filter_horizontal = ["authors"]

    def keep_up(self, obj, *, before):
        upkeep.queue_changed()
