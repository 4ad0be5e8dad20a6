"""Result reports with evidence: filed by the unit, accepted or returned by the Office."""

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.selectors import history_of
from emulation.services import log_action
from emulation.views_mixins import attempt, permission_required

from .. import selectors, services
from ..enums import EDITABLE_STATES, PlanState
from ..forms import AdjustScoreForm, CommentForm, EvidenceForm, ResultFilterForm, ResultForm
from ..models import Evidence, Pledge, ResultReport, ResultValue
from ..services.results import SCORED_STATES
from .common import chosen_plan, get_for, paginate_counted

# What the report pages show and the permission rules read; each further join costs the planner on every page.
REPORTS = ResultReport.objects.select_related("plan", "unit")


@permission_required("campaigns.view_plans")
def result_list(request):
    plans = selectors.all_plans()
    form = ResultFilterForm(request.GET or None, plans=plans)
    filters = form.cleaned_data if form.is_valid() else {}
    reports = selectors.result_list(
        request.user,
        plan=chosen_plan(plans, filters.get("plan")),
        period=filters.get("period", ""),
        state=filters.get("state", ""),
    )
    return render(request, "campaigns/result_list.html", {"page": paginate_counted(request, reports), "form": form})


@require_POST
def result_start(request, pledge_pk):
    pledge = get_for(request, Pledge.objects.select_related("plan", "unit"), "campaigns.file_for_unit", pk=pledge_pk)
    report = attempt(
        request, services.start_result, pledge=pledge, period=request.POST.get("period", ""), by=request.user
    )
    return redirect("campaigns:result_edit", pk=report.pk) if report else redirect(pledge)


def result_detail(request, pk):
    report = get_for(request, REPORTS, "campaigns.view_unit_record", pk=pk)
    can_file = request.user.has_perm("campaigns.file_for_unit", report)
    detail = selectors.result_detail(report)
    # Sending and accepting wait for the period to begin: neither is offered before (the service refuses both).
    opens_on = report.plan.period_opens_on(report.period)
    period_open = timezone.localdate() >= opens_on
    can_adjust = (
        report.state in SCORED_STATES
        and report.plan.state != PlanState.CLOSED
        and bool(detail["adjustable_values"])
        and request.user.has_perm("campaigns.adjust_score", report)
    )
    context = {
        "report": report,
        **detail,
        "editable": can_file and report.state in EDITABLE_STATES,
        "can_file": can_file,
        "can_review": request.user.has_perm("campaigns.review", report),
        "period_open": period_open,
        "opens_on": opens_on,
        "comment_form": CommentForm(),
        "evidence_form": EvidenceForm(),
        "adjust_form": AdjustScoreForm(values=detail["adjustable_values"]) if can_adjust else None,
        "history": history_of(report),
    }
    return render(request, "campaigns/result_detail.html", context)


@require_POST
def result_adjust_score(request, pk):
    """The Office corrects one criterion's recognized score, with its reason (services.adjust_score)."""
    report = get_for(request, REPORTS, "campaigns.adjust_score", pk=pk)
    values = list(ResultValue.objects.filter(report=report).select_related("criterion"))
    form = AdjustScoreForm(request.POST, values=values)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(report)
    value = next(v for v in values if v.pk == form.cleaned_data["value"])
    attempt(
        request,
        services.adjust_score,
        result_value=value,
        score=form.cleaned_data["score"],
        reason=form.cleaned_data["reason"],
        by=request.user,
        success=_("Đã điều chỉnh điểm tiêu chí %(code)s.") % {"code": value.criterion.code},
    )
    return redirect(report)


def result_edit(request, pk):
    report = get_for(request, REPORTS, "campaigns.file_for_unit", pk=pk)
    criteria = list(report.plan.criteria.select_related("movement"))
    values = {v.criterion_id: v for v in report.values.all()}
    pledged = set(report.pledge.targets.values_list("criterion_id", flat=True))
    form = ResultForm(request.POST or None, report=report, criteria=criteria, values=values, pledged=pledged)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            services.save_result,
            form=form,
            report=report,
            by=request.user,
            values=form.values(),
            narrative=form.cleaned_data["narrative"],
            self_score=form.cleaned_data["self_score"],
            self_scores=form.self_scores(),
            expected_version=form.cleaned_data["version"],
        )
        if saved:
            messages.success(request, _("Đã lưu báo cáo kết quả."))
            return redirect(report)
    return render(request, "campaigns/result_form.html", {"report": report, "form": form})


RESULT_ACTIONS = {
    "submit": (services.submit_result, "campaigns.file_for_unit", _("Đã gửi báo cáo tới Văn phòng.")),
    "accept": (services.accept_result, "campaigns.review", _("Đã chấp thuận báo cáo và tính mức hoàn thành.")),
    "return": (services.return_result, "campaigns.review", _("Đã trả lại báo cáo để đơn vị bổ sung.")),
}


@require_POST
def result_action(request, pk, action):
    if action not in RESULT_ACTIONS:
        raise Http404
    service, perm, success = RESULT_ACTIONS[action]
    report = get_for(request, REPORTS, perm, pk=pk)
    kwargs = {"report": report, "by": request.user}
    if action != "submit":
        kwargs["comment"] = request.POST.get("comment", "").strip()[:2000]
    attempt(request, service, success=success, **kwargs)
    return redirect(report)


@require_POST
def evidence_upload(request, pk):
    report = get_for(request, REPORTS, "campaigns.file_for_unit", pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        attempt(
            request,
            services.upload_evidence,
            report=report,
            uploaded=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            by=request.user,
            success=_("Đã tải lên minh chứng."),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(report)


def evidence_download(request, pk, evidence_pk):
    """The file, only to those who may read the report, always as an attachment under its cleaned name."""
    report = get_for(request, REPORTS, "campaigns.view_unit_record", pk=pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, report=report)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404
    log_action(actor=request.user, action="export", obj=evidence, comment=evidence.original_name)
    content_type = evidence.content_type or mimetypes.guess_type(evidence.original_name)[0]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
