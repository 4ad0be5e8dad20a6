from celery import current_app
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import PeriodicTaskAdmin
from django_celery_beat.models import PeriodicTask

from . import upkeep
from .models import AuditEntry, Cluster, Notification, OrganizationProfile, Person, RoleAssignment, Unit
from .services import delete_cluster, save_cluster, save_unit


class NoDeleteAdmin(admin.ModelAdmin):
    """Records others depend on are deactivated, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnly:
    """Accounts, groups, permissions and roles are the superuser's alone, whatever permissions a group was granted.

    The Office is staff and manages the catalog, the organization and the schedules; were it able to edit users,
    groups or role assignments it could make itself superuser or give itself the council's vote.
    """

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class RoleAssignmentInline(SuperuserOnly, admin.TabularInline):
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

    def save_model(self, request, obj, form, change):
        save_unit(unit=obj)  # the apps follow the unit (emulation.services)


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "lead_unit"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["lead_unit"]
    list_select_related = ["lead_unit"]

    # Through the services, so the apps follow the cluster (emulation.services).
    def save_model(self, request, obj, form, change):
        save_cluster(cluster=obj)

    def delete_model(self, request, obj):
        delete_cluster(cluster=obj)

    def delete_queryset(self, request, queryset):
        for cluster in queryset:
            delete_cluster(cluster=cluster)


@admin.register(Person)
class PersonAdmin(NoDeleteAdmin):
    list_display = ["full_name", "position", "unit", "person_type", "is_party_member", "is_active"]
    list_filter = ["person_type", "is_party_member", "is_active"]
    search_fields = ["full_name", "position", "unit__name"]
    autocomplete_fields = ["unit", "user"]
    list_select_related = ["unit"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        upkeep.person_changed()  # the overview and the people lists' counts (emulation.upkeep)

    def get_readonly_fields(self, request, obj=None):
        # Which account a person signs in with is account management: the superuser's. The user list (names and
        # addresses) is not shown to the Office either: the accounts' autocomplete is refused with the User admin.
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else [*readonly, "user"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SuperuserOnly, admin.ModelAdmin):
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
    """Read-only but for the superuser: a notice written here would be mailed to any account with a link of the
    writer's choosing. The Office reaches units through the portal's reminders, which are logged and scoped."""

    list_display = ["title", "recipient", "kind", "deadline", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(OrganizationProfile)
class OrganizationProfileAdmin(admin.ModelAdmin):
    list_display = ["issuing_body", "superior_body", "place", "signer_name"]

    def has_add_permission(self, request):
        return not OrganizationProfile.objects.exists()


class PortalUserAdmin(SuperuserOnly, UserAdmin):
    """Also guards the password view and the accounts' autocomplete, which ask this admin's permissions."""

    inlines = [RoleAssignmentInline]


class PortalGroupAdmin(SuperuserOnly, GroupAdmin):
    pass


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, PortalGroupAdmin)


def is_account_task(name):
    """Every task but the portal's periodic jobs, which opt in with ``@shared_task(office_may_schedule=True)``.

    The others act on what their arguments name (a password-reset mail to an account and a domain of the caller's
    choosing, notification mails by id), or run any other task (Celery's own): scheduling them is the superuser's.
    An allow-list, so a task added later is refused to the Office until someone decides it is safe.
    """
    current_app.loader.import_default_modules()  # the tasks modules, as the admin's task list does
    task = current_app.tasks.get(name or "")
    return not getattr(task, "office_may_schedule", False)


ACCOUNT_TASK_REFUSED = _(
    "Chỉ quản trị viên hệ thống được lập lịch cho tác vụ này: nó tác động đến tài khoản người dùng."
)


class PortalPeriodicTaskAdmin(PeriodicTaskAdmin):
    """The Office edits the schedules of the portal's own jobs, never one that mails a user a password link."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if request.user.is_superuser:
            return form

        class OfficeForm(form):
            def clean(self):
                data = super().clean()
                if is_account_task(data.get("task")):
                    raise forms.ValidationError(ACCOUNT_TASK_REFUSED)
                return data

        return OfficeForm

    @admin.action(description=PeriodicTaskAdmin.run_tasks.short_description)
    def run_tasks(self, request, queryset):
        if not request.user.is_superuser and any(is_account_task(t.task) for t in queryset):
            self.message_user(request, ACCOUNT_TASK_REFUSED, messages.ERROR)
            return None
        return super().run_tasks(request, queryset)


admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PortalPeriodicTaskAdmin)
