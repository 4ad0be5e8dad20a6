from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from emulation.errors import DomainError

from . import services
from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "period_start",
        "period_end",
        "state",
        "progress",
        "attempts",
        "number",
        "created_at",
    ]
    list_filter = ["kind", "state"]
    search_fields = ["unit__name", "error"]
    date_hierarchy = "created_at"
    list_select_related = ["unit"]
    readonly_fields = [f.name for f in Report._meta.fields]
    actions = ["retry_selected"]

    def has_add_permission(self, request):
        return False  # requests go through the reports page, which records and queues them

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Lập lại các báo cáo bị lỗi đã chọn"))
    def retry_selected(self, request, queryset):
        for report in queryset:
            try:
                services.retry_report(report=report, by=request.user)
            except DomainError as error:
                self.message_user(request, f"{report}: {error.message}", messages.WARNING)
