"""The public notice with its comments, the decision, certificates."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.selectors import history_of
from emulation.views_mixins import attempt, paginate, permission_required, require

from .. import documents, page_selectors, selectors, services
from ..enums import (
    NomineeResult,
    NoticeState,
)
from ..forms import (
    DecisionForm,
    FeedbackForm,
    ResolveForm,
)
from ..models import Decision, Nominee, NoticeFeedback, PublicNotice
from ._common import _ballot, _pdf_response


@permission_required("awards.view_notice")
def notice_list(request):
    state = request.GET.get("state", "")
    if state not in NoticeState.values:
        state = ""
    return render(
        request,
        "awards/notice_list.html",
        {"page": paginate(request, selectors.notices(state=state)), "state": state, "states": NoticeState.choices},
    )


@require_POST
def notice_publish(request, ballot_pk):
    ballot = _ballot(request, ballot_pk)
    require(request.user, "awards.manage_notice")
    notice = attempt(
        request, lambda: services.publish_notice(ballot=ballot, by=request.user), success=_("Đã công khai danh sách.")
    )
    return redirect(notice or ballot)


def notice_detail(request, pk):
    require(request.user, "awards.view_notice")
    notice = get_object_or_404(PublicNotice.objects.select_related("ballot__round", "published_by", "decision"), pk=pk)
    page = paginate(request, selectors.notice_item_rows(notice))
    page.object_list = list(page.object_list)
    selectors.with_holders([item.nominee for item in page.object_list])
    is_open = notice.state == NoticeState.OPEN and timezone.localdate() <= notice.ends_on
    decision = getattr(notice, "decision", None)
    feedback = list(selectors.notice_feedback(notice))
    notice.open_feedback = sum(1 for item in feedback if item.resolved_at is None)  # as the notices list counts it
    context = {
        "notice": notice,
        "page": page,
        "feedback": feedback,
        "form": FeedbackForm(nominees=selectors.notice_nominees(notice)) if is_open else None,
        "resolve_form": ResolveForm(),
        "can_resolve": request.user.has_perm("awards.manage_notice"),
        "can_decide": request.user.has_perm("awards.record_decision") and notice.state == NoticeState.OPEN,
        "decision": decision,
        "history": history_of(notice),
    }
    return render(request, "awards/notice_detail.html", context)


@require_POST
def feedback_add(request, pk):
    require(request.user, "awards.comment_notice")
    notice = get_object_or_404(PublicNotice, pk=pk)
    form = FeedbackForm(request.POST, nominees=selectors.notice_nominees(notice))
    if form.is_valid():
        attempt(
            request,
            lambda: services.send_feedback(notice=notice, by=request.user, **form.cleaned_data),
            success=_("Đã gửi ý kiến; Văn phòng sẽ xử lý và trả lời."),
        )
    else:
        messages.error(request, _("Nhập nội dung ý kiến."))
    return redirect(notice)


@require_POST
def feedback_resolve(request, pk):
    require(request.user, "awards.manage_notice")
    feedback = get_object_or_404(NoticeFeedback.objects.select_related("notice"), pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.resolve_feedback(
                feedback=feedback, by=request.user, resolution=form.cleaned_data["resolution"]
            ),
            success=_("Đã ghi kết quả xử lý ý kiến."),
        )
    else:
        messages.error(request, _("Ghi rõ kết quả xử lý."))
    return redirect(feedback.notice)


@permission_required("awards.view_decisions")
def decision_list(request):
    page = paginate(request, selectors.decisions())
    return render(request, "awards/decision_list.html", {"page": page})


def decision_create(request, notice_pk):
    require(request.user, "awards.record_decision")
    notice = get_object_or_404(PublicNotice.objects.select_related("ballot__round"), pk=notice_pk)
    if notice.state == NoticeState.OPEN and not notice.decision_is_due:
        # Reached by its address only: the pages show the action disabled until then.
        messages.info(
            request,
            _("Ghi nhận quyết định mở sau ngày %(d)s, khi hết thời gian công khai.")
            % {"d": notice.decision_opens_after.strftime("%d/%m/%Y")},
        )
        return redirect(notice)
    from emulation.documents import default_signer

    signer_name, signer_position = default_signer(request.user)
    form = DecisionForm(
        request.POST or None,
        initial={"date": timezone.localdate(), "signer_name": signer_name, "signer_position": signer_position},
    )
    if request.method == "POST" and form.is_valid():
        decision = attempt(
            request,
            lambda: services.record_decision(notice=notice, by=request.user, **form.cleaned_data),
            success=_("Đã ghi nhận quyết định khen thưởng."),
        )
        if decision:
            return redirect(decision)
    items = list(selectors.notice_items(notice))
    return render(request, "awards/decision_form.html", {"form": form, "notice": notice, "items": items})


def _decision(request, pk):
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(Decision.objects.select_related("notice__ballot__round"), pk=pk)
    require(request.user, "awards.view_decision", decision)
    return decision


def decision_detail(request, pk):
    decision = _decision(request, pk)
    nominees = selectors.decision_nominees_for(request.user, decision)
    if decision.nominee_count is not None:
        page = paginate(request, nominees, count=decision.nominee_count)  # every nominee: counted already
    else:
        page = paginate(request, nominees)
    page.object_list = selectors.mark_row_access(request.user, list(page.object_list))
    selectors.with_holders(page.object_list)
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "page": page,
            "can_issue": request.user.has_perm("awards.issue_certificates"),
            "history": history_of(decision),
            "step": page_selectors.decision_step(decision),
        },
    )


def decision_pdf(request, pk):
    decision = _decision(request, pk)
    nominees = selectors.decision_nominees_for(request.user, decision).select_related("unit", "award")
    pdf = documents.decision_pdf(decision, list(nominees))
    return _pdf_response(request, pdf, f"quyet-dinh-{decision.pk}.pdf", obj=decision)


@require_POST
def certificates_issue(request, pk):
    decision = _decision(request, pk)
    require(request.user, "awards.issue_certificates", decision)
    attempt(
        request,
        lambda: services.issue_certificates(decision=decision, by=request.user),
        success=_("Đã cấp giấy khen, giấy chứng nhận."),
    )
    return redirect(decision)


def certificate_pdf(request, nominee_pk):
    nominee = get_object_or_404(
        Nominee.objects.select_related(
            "proposal__unit", "proposal__round", "person__unit", "unit", "award", "record", "decision"
        ),
        pk=nominee_pk,
        result=NomineeResult.AWARDED,
    )
    if not request.user.has_perm("awards.view_certificate", nominee):
        raise Http404
    return _pdf_response(request, documents.certificate_pdf(nominee), f"giay-chung-nhan-{nominee.pk}.pdf", obj=nominee)
