"""A unit's dossier: preparation, review and the eligibility check."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.models import Person, Unit
from emulation.params import choice_param, text_param
from emulation.rules import secretary_units
from emulation.services import log_action
from emulation.views_mixins import attempt, paginate, permission_required, require

from .. import counts, eligibility, page_selectors, selectors, services
from ..enums import (
    PROPOSAL_TRANSITIONS,
    ProposalState,
    Subject,
)
from ..forms import (
    AttachmentForm,
    CommentForm,
    EligibilityForm,
    HigherAnswerForm,
    NomineeForm,
    OverrideForm,
    ProposalCreateForm,
    ProposalReportForm,
    ReasonForm,
    ReturnForm,
)
from ..models import Attachment, Award, Nominee, Proposal, Round
from ..quotas import quotas_for_round


@permission_required("awards.list_proposals")
def proposal_list(request):
    state = choice_param(request.GET.get("state"), ProposalState.values)
    search = text_param(request.GET.get("q"), 100)
    proposals = selectors.proposals_for(request.user, state=state, search=search)
    page = paginate(request, proposals, count_key=counts.proposal_count_key(request.user, state=state, search=search))
    return render(
        request,
        "awards/proposal_list.html",
        {"page": page, "state": state, "q": search, "states": ProposalState.choices},
    )


def proposal_create(request, round_pk):
    round = get_object_or_404(Round, pk=round_pk)
    own = secretary_units(request.user)
    if not own:
        raise PermissionDenied
    units = Unit.objects.filter(pk__in=[u.pk for u in own])
    # A unit files one dossier a round: the page leads to the one it already has instead of refusing a second.
    existing = list(
        Proposal.objects.filter(round=round, unit__in=units)
        .exclude(state=ProposalState.WITHDRAWN)
        .select_related("unit")
        .order_by("unit__name")
    )
    form = ProposalCreateForm(request.POST or None, units=units.exclude(pk__in=[p.unit_id for p in existing]))
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        proposal = attempt(
            request,
            lambda: services.create_proposal(
                round=round, unit=unit, by=request.user, achievement_report=form.cleaned_data["achievement_report"]
            ),
            success=_("Đã lập hồ sơ đề nghị. Thêm các trường hợp được đề nghị và tài liệu."),
        )
        if proposal:
            return redirect(proposal)
    context = {"form": form, "round": round, "existing": existing, "can_file": len(existing) < len(own)}
    return render(request, "awards/proposal_create.html", context)


def _proposal(request, pk, perm="awards.view_proposal"):
    try:
        proposal = selectors.proposal_for_page(pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("awards.view_proposal", proposal):
        raise Http404  # another unit's dossier: its existence is not confirmed either
    require(request.user, perm, proposal)
    return proposal


def _available_actions(user, proposal):
    allowed = PROPOSAL_TRANSITIONS.get(proposal.state, {})
    actions = []
    if user.has_perm("awards.edit_proposal", proposal) and "submit" in allowed:
        actions.append(("submit", _("Gửi hồ sơ"), "primary"))
    if user.has_perm("awards.verify_proposal", proposal):
        if "start_verification" in allowed:
            actions.append(("start_verification", _("Bắt đầu thẩm định"), "primary"))
        if "verify" in allowed:
            actions.append(("verify", _("Thẩm định đạt"), "success"))
    return actions


def proposal_detail(request, pk):
    proposal = _proposal(request, pk)
    context = page_selectors.proposal_page(proposal, request.user)
    can_edit = context["can_edit"]
    report = {"achievement_report": proposal.achievement_report, "stamp": proposal.updated_at.isoformat()}
    context |= {
        "actions": _available_actions(request.user, proposal),
        "nominee_form": NomineeForm(proposal=proposal) if can_edit else None,
        "attachment_form": AttachmentForm(proposal=proposal) if can_edit else None,
        "report_form": ProposalReportForm(initial=report) if can_edit else None,
        "comment_form": CommentForm(),
    }
    return render(request, "awards/proposal_detail.html", context)


@require_POST
def proposal_edit(request, pk):
    proposal = _proposal(request, pk, "awards.edit_proposal")
    form = ProposalReportForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.update_proposal(
                proposal=proposal,
                by=request.user,
                achievement_report=form.cleaned_data["achievement_report"],
                expected_stamp=form.cleaned_data["stamp"],
            ),
            success=_("Đã lưu báo cáo thành tích."),
        )
    return redirect(proposal)


def nominee_add(request, pk):
    proposal = _proposal(request, pk, "awards.edit_proposal")
    form = NomineeForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok = attempt(
            request,
            lambda: services.add_nominee(
                proposal=proposal,
                by=request.user,
                award=data["award"],
                person=data["person"],
                unit=data["unit"],
                summary=data["summary"],
            ),
            success=_("Đã thêm trường hợp được đề nghị."),
        )
        if ok:
            return redirect(proposal)
    quotas = quotas_for_round(round=proposal.round, unit=proposal.unit)
    return render(request, "awards/nominee_form.html", {"form": form, "proposal": proposal, "quotas": quotas})


@require_POST
def nominee_remove(request, pk, nominee_pk):
    proposal = _proposal(request, pk, "awards.edit_proposal")
    nominee = get_object_or_404(Nominee, pk=nominee_pk, proposal=proposal)
    attempt(request, lambda: services.remove_nominee(nominee=nominee, by=request.user), success=_("Đã bỏ trường hợp."))
    return redirect(proposal)


@require_POST
def attachment_add(request, pk):
    proposal = _proposal(request, pk, "awards.edit_proposal")
    form = AttachmentForm(request.POST, request.FILES, proposal=proposal)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            lambda: services.add_attachment(
                proposal=proposal,
                by=request.user,
                upload=data["file"],
                document_type=data["document_type"],
                nominee=data["nominee"],
            ),
            success=_("Đã đính kèm tệp."),
        )
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(proposal)


def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("proposal__unit"), pk=pk)
    if not request.user.has_perm("awards.view_proposal", attachment.proposal):
        raise Http404
    log_action(actor=request.user, action="export", obj=attachment, comment=attachment.original_name)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


TRANSITION_VIEWS = {
    "submit": (services.submit_proposal, _("Đã gửi hồ sơ đề nghị.")),
    "start_verification": (services.start_verification, _("Đã chuyển hồ sơ sang thẩm định.")),
    "verify": (services.verify_proposal, _("Hồ sơ đã được thẩm định đạt.")),
}


@require_POST
def proposal_transition(request, pk, action):
    proposal = _proposal(request, pk)
    if action not in TRANSITION_VIEWS:
        raise Http404
    service, success = TRANSITION_VIEWS[action]
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    kwargs = {"proposal": proposal, "by": request.user}
    if action != "start_verification":
        kwargs["comment"] = comment
    attempt(request, service, success=success, **kwargs)
    return redirect(proposal)


def proposal_withdraw(request, pk):
    proposal = _proposal(request, pk, "awards.withdraw_proposal")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok = attempt(
            request,
            lambda: services.withdraw_proposal(
                proposal=proposal, by=request.user, comment=form.cleaned_data["comment"]
            ),
            success=_("Đã rút hồ sơ."),
        )
        if ok:
            return redirect(proposal)
    return render(
        request, "awards/reason_form.html", {"form": form, "proposal": proposal, "title": _("Rút hồ sơ đề nghị")}
    )


def proposal_return(request, pk):
    proposal = _proposal(request, pk, "awards.verify_proposal")
    nominees = list(selectors.nominees_of(proposal))
    form = ReturnForm(request.POST or None, nominees=nominees)
    if request.method == "POST" and form.is_valid():
        ok = attempt(
            request,
            lambda: services.return_proposal(
                proposal=proposal,
                by=request.user,
                comment=form.cleaned_data["comment"],
                nominee_comments=form.nominee_comments(),
            ),
            success=_("Đã trả lại hồ sơ để đơn vị bổ sung."),
        )
        if ok:
            return redirect(proposal)
    return render(request, "awards/return_form.html", {"form": form, "proposal": proposal})


def nominee_override(request, pk, nominee_pk):
    proposal = _proposal(request, pk, "awards.override_condition")
    nominee = get_object_or_404(
        Nominee.objects.select_related("person", "unit", "award"), pk=nominee_pk, proposal=proposal
    )
    form = OverrideForm(request.POST or None, initial={"justification": nominee.override_justification})
    if request.method == "POST" and form.is_valid():
        ok = attempt(
            request,
            lambda: services.override_condition(
                nominee=nominee, by=request.user, justification=form.cleaned_data["justification"]
            ),
            success=_("Đã ghi giải trình; Hội đồng sẽ thấy giải trình này."),
        )
        if ok:
            return redirect(proposal)
    return render(request, "awards/override_form.html", {"form": form, "proposal": proposal, "nominee": nominee})


def proposal_version(request, pk, number):
    proposal = _proposal(request, pk)
    version = get_object_or_404(proposal.versions.select_related("created_by"), number=number)
    return render(request, "awards/proposal_version.html", {"proposal": proposal, "version": version})


def higher_answer(request, nominee_pk):
    nominee = get_object_or_404(
        Nominee.objects.select_related("proposal__unit", "person", "unit", "award"), pk=nominee_pk
    )
    require(request.user, "awards.record_higher_answer", nominee)
    form = HigherAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok = attempt(
            request,
            lambda: services.record_higher_answer(nominee=nominee, by=request.user, **form.cleaned_data),
            success=_("Đã ghi nhận kết quả của cấp trên."),
        )
        if ok:
            return redirect(nominee.proposal)
    return render(request, "awards/higher_answer_form.html", {"form": form, "nominee": nominee})


def _with_defaults(params):
    """Opened from a person's or a unit's page (the subject alone): this year and the first title of the catalog
    for that kind of subject, so the page answers at once and the user changes the title if needed."""
    if not params or params.get("award") or not (params.get("person") or params.get("unit")):
        return params
    params = params.copy()
    params.setdefault("year", str(timezone.localdate().year))
    kind = Subject.INDIVIDUAL if params.get("person") else Subject.COLLECTIVE
    first = Award.objects.filter(subject=kind).order_by("order", "name").values_list("pk", flat=True).first()
    if first is not None:
        params["award"] = str(first)
    return params


@permission_required("awards.check_eligibility")
def eligibility_check(request):
    form = EligibilityForm(_with_defaults(request.GET) or None, initial={"year": timezone.localdate().year})
    result = subject = None
    if form.is_valid():
        for subject in (form.cleaned_data["person"], form.cleaned_data["unit"]):
            perm = "emulation.view_person" if isinstance(subject, Person) else "emulation.view_unit"
            if subject is not None and not request.user.has_perm(perm, subject):
                raise Http404
        award = form.cleaned_data["award"]
        subject = form.cleaned_data["person"] if award.subject == Subject.INDIVIDUAL else form.cleaned_data["unit"]
        if subject is not None:
            result = eligibility.check_one(subject=subject, award=award, year=form.cleaned_data["year"])
    if request.htmx:
        # the live preview beside the nominee form: the explanation alone
        return render(request, "awards/_eligibility_preview.html", {"result": result, "subject": subject})
    return render(request, "awards/eligibility.html", {"form": form, "result": result, "subject": subject})
