from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .models import AuditEntry, Cluster, Notification, OrganizationProfile, Person, RoleAssignment, Unit


class NoDeleteAdmin(admin.ModelAdmin):
    """Records others depend on are deactivated, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Unit)
class UnitAdmin(NoDeleteAdmin):
    list_display = ["name", "code", "level", "sector", "cluster", "parent", "is_active"]
    list_filter = ["level", "sector", "cluster", "is_active"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent", "cluster"]
    list_select_related = ["cluster", "parent"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "lead_unit"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["lead_unit"]
    list_select_related = ["lead_unit"]


@admin.register(Person)
class PersonAdmin(NoDeleteAdmin):
    list_display = ["full_name", "position", "unit", "person_type", "is_party_member", "is_active"]
    list_filter = ["person_type", "is_party_member", "is_active"]
    search_fields = ["full_name", "position", "unit__name"]
    autocomplete_fields = ["unit", "user"]
    list_select_related = ["unit"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["created_at", "actor", "action", "object_repr", "unit", "ip_address"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor__username", "comment"]
    list_select_related = ["actor", "unit"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "deadline", "created_at", "read_at"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]


@admin.register(OrganizationProfile)
class OrganizationProfileAdmin(admin.ModelAdmin):
    list_display = ["issuing_body", "superior_body", "place", "signer_name"]

    def has_add_permission(self, request):
        return not OrganizationProfile.objects.exists()


class PortalUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
