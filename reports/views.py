"""Thin views: the reports page with its self-refreshing list, the detail, downloads and retry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from emulation.rules import is_office
from emulation.services import log_action
from emulation.views_mixins import attempt, paginate, permission_required, require

from . import selectors, services
from .forms import ReportFilterForm, ReportRequestForm
from .models import Report

FORMATS = {
    "pdf": ("pdf", "application/pdf"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
# How many waiting reports one page view may queue again (the beat sweep handles the rest).
PAGE_SWEEP_LIMIT = 5


def _list_context(request):
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request, selectors.report_list(user=request.user, kind=filters.get("kind", ""), state=filters.get("state", ""))
    )
    return {"filter_form": form, "page": page, "polling": selectors.any_pending(page.object_list)}


@permission_required("reports.view_reports")
@require_GET
def report_list(request):
    if is_office(request.user):
        # A request recorded while the broker was down is queued again as soon as someone looks.
        services.sweep(limit=PAGE_SWEEP_LIMIT)
    context = _list_context(request)
    if request.user.has_perm("reports.request_report"):
        context["request_form"] = ReportRequestForm()
    return render(request, "reports/report_list.html", context)


@permission_required("reports.view_reports")
@require_GET
def report_rows(request):
    """The list alone, for htmx polling while a report is being produced."""
    return render(request, "reports/_report_rows.html", _list_context(request))


@permission_required("reports.request_report")
@require_POST
def report_request(request):
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        requested = attempt(
            request,
            services.request_report,
            form=form,
            kind=data["kind"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            unit=data.get("unit"),
            by=request.user,
        )
        if requested:
            report, created = requested
            if created:
                messages.success(request, _("Đã ghi nhận yêu cầu lập báo cáo: %(title)s.") % {"title": report.title})
            else:
                messages.info(request, _("Báo cáo này đã được yêu cầu trước đó: %(title)s.") % {"title": report.title})
            return redirect("reports:list")
    context = _list_context(request)
    context["request_form"] = form
    return render(request, "reports/report_list.html", context, status=400)


def _get_report(request, pk):
    report = get_object_or_404(Report.objects.select_related("unit", "requested_by"), pk=pk)
    require(request.user, "reports.view_report", report)
    return report


@require_GET
def report_detail(request, pk):
    report = _get_report(request, pk)
    template = "reports/_report_status.html" if request.htmx else "reports/report_detail.html"
    return render(
        request,
        template,
        {
            "report": report,
            "document_number": selectors.document_number(report),
            "history": selectors.history_of(report),
            "can_retry": request.user.has_perm("reports.retry_report", report),
        },
    )


@require_GET
def report_download(request, pk, fmt):
    report = _get_report(request, pk)
    if fmt not in FORMATS:
        raise Http404
    file_field = getattr(report, fmt)
    if report.state != "done" or not file_field:
        raise Http404
    suffix, content_type = FORMATS[fmt]
    number = f"{report.number}-BC-{report.number_year}" if report.number else str(report.pk)
    # An ASCII name built from trusted parts: nothing a user typed reaches the header.
    filename = f"bao-cao-{report.kind}-{number}.{suffix}"
    try:
        handle = file_field.open("rb")
    except FileNotFoundError:
        raise Http404
    log_action(actor=request.user, action="export", obj=report, comment=filename)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


@require_POST
def report_retry(request, pk):
    report = _get_report(request, pk)
    if not request.user.has_perm("reports.retry_report", report):
        raise PermissionDenied
    attempt(request, services.retry_report, success=_("Đã yêu cầu lập lại báo cáo."), report=report, by=request.user)
    return redirect(report.get_absolute_url())
