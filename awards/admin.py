"""The Office edits the catalog (titles, conditions, quotas, thresholds, documents) and the records in the admin.

Votes are not registered here: an individual vote is read by its voter alone.
Submitted dossiers and their review are changed only through the portal's workflow and never deleted.
What the awards keep about the catalog and the records follows each save and delete here (awards.upkeep).
"""

from django.contrib import admin

from . import upkeep
from .enums import RecordSource
from .models import (
    Award,
    AwardRecord,
    Condition,
    ConditionSet,
    DisciplineRecord,
    DocumentType,
    PersonRating,
    Proposal,
    QuotaRule,
    Round,
    UnitRating,
)


class ConditionInline(admin.TabularInline):
    model = Condition
    extra = 0
    autocomplete_fields = ["title"]


@admin.register(ConditionSet)
class ConditionSetAdmin(admin.ModelAdmin):
    list_display = ["award", "legal_basis", "from_year", "to_year"]
    list_filter = ["award"]
    inlines = [ConditionInline]


class ConditionSetInline(admin.TabularInline):
    model = ConditionSet
    extra = 0
    show_change_link = True


class QuotaRuleInline(admin.TabularInline):
    model = QuotaRule
    fk_name = "award"
    extra = 0


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "display_title",
        "kind",
        "subject",
        "decided_by",
        "threshold_percent",
        "threshold_inclusive",
        "is_active",
    ]
    list_filter = ["kind", "subject", "decided_by", "is_active"]
    search_fields = ["name", "code"]
    filter_horizontal = ["required_documents"]
    inlines = [ConditionSetInline, QuotaRuleInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        upkeep.awards_changed()  # once the award, its documents and inlines are written

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        upkeep.awards_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        upkeep.awards_changed()


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "per_nominee", "order"]


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ["award", "year", "person", "unit", "decision_number", "source"]
    list_filter = ["award", "year", "source"]
    search_fields = ["person__full_name", "unit__name", "decision_number"]
    raw_id_fields = ["person", "unit", "decision"]

    def has_delete_permission(self, request, obj=None):
        # what a decision on the portal wrote is the archive of that decision
        return obj is None or obj.source != RecordSource.PORTAL

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        upkeep.records_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        upkeep.records_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        upkeep.records_changed()


@admin.register(PersonRating)
class PersonRatingAdmin(admin.ModelAdmin):
    list_display = ["person", "year", "rating", "months_worked"]
    list_filter = ["year", "rating"]
    search_fields = ["person__full_name"]
    raw_id_fields = ["person"]


@admin.register(UnitRating)
class UnitRatingAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "rating", "is_typical"]
    list_filter = ["year", "rating"]
    raw_id_fields = ["unit"]


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(admin.ModelAdmin):
    list_display = ["person", "year", "level", "decision_number"]
    list_filter = ["year", "level"]
    raw_id_fields = ["person"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "year", "submission_deadline", "state"]
    list_filter = ["kind", "state", "year"]

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.proposals.exists()


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Read-only: the workflow runs through the portal's services so every step is checked and logged."""

    list_display = ["unit", "round", "state", "version", "submitted_at"]
    list_filter = ["state", "round"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
