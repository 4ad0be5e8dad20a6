"""Thin views: parse input, check the permission, call a service or a selector, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.errors import DomainError
from emulation.models import Person, Unit
from emulation.rules import reads_every_unit, secretary_units
from emulation.selectors import history_of, visible_units
from emulation.services import log_action
from emulation.views_mixins import paginate, permission_required, require

from . import documents, eligibility, exports, selectors, services
from .enums import (
    EDITABLE_STATES,
    PROPOSAL_TRANSITIONS,
    BallotState,
    NomineeResult,
    NoticeState,
    ProposalState,
    RoundState,
    Subject,
)
from .forms import (
    AttachmentForm,
    BallotOpenForm,
    CommentForm,
    DecisionForm,
    EligibilityForm,
    FeedbackForm,
    HigherAnswerForm,
    ImportForm,
    LookupForm,
    NomineeForm,
    OverrideForm,
    ProposalCreateForm,
    ProposalReportForm,
    ReasonForm,
    ResolveForm,
    ReturnForm,
    RoundForm,
    VoteForm,
)
from .models import Attachment, Award, Ballot, Decision, Nominee, NoticeFeedback, Proposal, PublicNotice, Round


def _attempt(request, action, success):
    """Run a service; a refused business rule becomes an error message instead of a crash."""
    try:
        result = action()
    except DomainError as error:
        messages.error(request, error.message)
        return False, None
    messages.success(request, success)
    return True, result


# ---------------------------------------------------------------- catalog


@permission_required("awards.view_catalog")
def catalog(request):
    return render(request, "awards/catalog.html", {"page": paginate(request, selectors.catalog())})


@permission_required("awards.view_catalog")
def award_detail(request, pk):
    try:
        award = selectors.award_with_conditions(pk)
    except Award.DoesNotExist as error:
        raise Http404 from error
    sets = [(cs, [(c, eligibility.describe(c)) for c in cs.conditions.all()]) for cs in award.condition_sets.all()]
    return render(request, "awards/award_detail.html", {"award": award, "sets": sets})


# ---------------------------------------------------------------- rounds


@permission_required("awards.view_rounds")
def round_list(request):
    state = request.GET.get("state", "")
    return render(
        request,
        "awards/round_list.html",
        {"page": paginate(request, selectors.rounds(state=state)), "state": state, "states": RoundState.choices},
    )


@permission_required("awards.manage_round")
def round_create(request):
    form = RoundForm(request.POST or None, initial={"year": timezone.localdate().year, "notice_days": 5})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, round = _attempt(
            request,
            lambda: services.open_round(by=request.user, **data),
            _("Đã mở đợt xét khen thưởng."),
        )
        if ok:
            return redirect(round)
    return render(request, "awards/round_form.html", {"form": form})


@permission_required("awards.view_rounds")
def round_detail(request, pk):
    round = get_object_or_404(Round.objects.select_related("phase", "movement", "opened_by"), pk=pk)
    proposals = selectors.proposals_for(request.user, round=round)
    own_units = secretary_units(request.user)
    return render(
        request,
        "awards/round_detail.html",
        {
            "round": round,
            "awards": round.awards.order_by("order", "name"),
            "page": paginate(request, proposals),
            "can_propose": bool(own_units) and round.state == RoundState.OPEN,
            "can_manage": request.user.has_perm("awards.manage_round"),
            "history": history_of(round),
        },
    )


@require_POST
@permission_required("awards.manage_round")
def round_close(request, pk):
    round = get_object_or_404(Round, pk=pk)
    _attempt(request, lambda: services.close_round(round=round, by=request.user), _("Đã kết thúc đợt xét."))
    return redirect(round)


# ---------------------------------------------------------------- proposals


@permission_required("awards.list_proposals")
def proposal_list(request):
    state = request.GET.get("state", "")
    search = request.GET.get("q", "")[:100]
    proposals = selectors.proposals_for(request.user, state=state, search=search)
    return render(
        request,
        "awards/proposal_list.html",
        {"page": paginate(request, proposals), "state": state, "q": search, "states": ProposalState.choices},
    )


def proposal_create(request, round_pk):
    round = get_object_or_404(Round, pk=round_pk)
    own = secretary_units(request.user)
    if not own:
        raise PermissionDenied
    units = Unit.objects.filter(pk__in=[u.pk for u in own])
    form = ProposalCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        ok, proposal = _attempt(
            request,
            lambda: services.create_proposal(
                round=round, unit=unit, by=request.user, achievement_report=form.cleaned_data["achievement_report"]
            ),
            _("Đã lập hồ sơ đề nghị. Thêm các trường hợp được đề nghị và tài liệu."),
        )
        if ok:
            return redirect(proposal)
    return render(request, "awards/proposal_create.html", {"form": form, "round": round})


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
    nominees = list(selectors.nominees_of(proposal))
    live = proposal.state in EDITABLE_STATES | {ProposalState.SUBMITTED, ProposalState.VERIFYING}
    checks = eligibility.check_nominees(nominees, proposal.round.year) if live else {}
    rows = [(n, checks.get(n.pk)) for n in nominees]
    user = request.user
    can_edit = user.has_perm("awards.edit_proposal", proposal) and proposal.state in EDITABLE_STATES
    can_verify = user.has_perm("awards.verify_proposal", proposal)
    context = {
        "proposal": proposal,
        "rows": rows,
        "quotas": eligibility.quotas_for_round(round=proposal.round, unit=proposal.unit) if live else [],
        "attachments": selectors.attachments_of(proposal),
        "versions": proposal.versions.select_related("created_by"),
        "history": history_of(proposal),
        "can_edit": can_edit,
        "can_verify": can_verify and proposal.state == ProposalState.VERIFYING,
        "can_withdraw": user.has_perm("awards.withdraw_proposal", proposal)
        and "withdraw" in PROPOSAL_TRANSITIONS.get(proposal.state, {}),
        "actions": _available_actions(user, proposal),
        "can_answer": user.has_perm("awards.record_higher_answer"),
        "nominee_form": NomineeForm(proposal=proposal) if can_edit else None,
        "attachment_form": AttachmentForm(proposal=proposal) if can_edit else None,
        "report_form": ProposalReportForm(initial={"achievement_report": proposal.achievement_report})
        if can_edit
        else None,
        "comment_form": CommentForm(),
        "NomineeResult": NomineeResult,
    }
    return render(request, "awards/proposal_detail.html", context)


@require_POST
def proposal_edit(request, pk):
    proposal = _proposal(request, pk, "awards.edit_proposal")
    form = ProposalReportForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            lambda: services.update_proposal(
                proposal=proposal, by=request.user, achievement_report=form.cleaned_data["achievement_report"]
            ),
            _("Đã lưu báo cáo thành tích."),
        )
    return redirect(proposal)


def nominee_add(request, pk):
    proposal = _proposal(request, pk, "awards.edit_proposal")
    form = NomineeForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _nominee = _attempt(
            request,
            lambda: services.add_nominee(
                proposal=proposal,
                by=request.user,
                award=data["award"],
                person=data["person"],
                unit=data["unit"],
                summary=data["summary"],
            ),
            _("Đã thêm trường hợp được đề nghị."),
        )
        if ok:
            return redirect(proposal)
    quotas = eligibility.quotas_for_round(round=proposal.round, unit=proposal.unit)
    return render(request, "awards/nominee_form.html", {"form": form, "proposal": proposal, "quotas": quotas})


@require_POST
def nominee_remove(request, pk, nominee_pk):
    proposal = _proposal(request, pk, "awards.edit_proposal")
    nominee = get_object_or_404(Nominee, pk=nominee_pk, proposal=proposal)
    _attempt(request, lambda: services.remove_nominee(nominee=nominee, by=request.user), _("Đã bỏ trường hợp."))
    return redirect(proposal)


@require_POST
def attachment_add(request, pk):
    proposal = _proposal(request, pk, "awards.edit_proposal")
    form = AttachmentForm(request.POST, request.FILES, proposal=proposal)
    if form.is_valid():
        data = form.cleaned_data
        _attempt(
            request,
            lambda: services.add_attachment(
                proposal=proposal,
                by=request.user,
                upload=data["file"],
                document_type=data["document_type"],
                nominee=data["nominee"],
            ),
            _("Đã đính kèm tệp."),
        )
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(proposal)


def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("proposal__unit"), pk=pk)
    if not request.user.has_perm("awards.view_proposal", attachment.proposal):
        raise Http404
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
    _attempt(request, lambda: service(**kwargs), success)
    return redirect(proposal)


def proposal_withdraw(request, pk):
    proposal = _proposal(request, pk, "awards.withdraw_proposal")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _r = _attempt(
            request,
            lambda: services.withdraw_proposal(
                proposal=proposal, by=request.user, comment=form.cleaned_data["comment"]
            ),
            _("Đã rút hồ sơ."),
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
        ok, _r = _attempt(
            request,
            lambda: services.return_proposal(
                proposal=proposal,
                by=request.user,
                comment=form.cleaned_data["comment"],
                nominee_comments=form.nominee_comments(),
            ),
            _("Đã trả lại hồ sơ để đơn vị bổ sung."),
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
        ok, _r = _attempt(
            request,
            lambda: services.override_condition(
                nominee=nominee, by=request.user, justification=form.cleaned_data["justification"]
            ),
            _("Đã ghi giải trình; Hội đồng sẽ thấy giải trình này."),
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
        ok, _r = _attempt(
            request,
            lambda: services.record_higher_answer(nominee=nominee, by=request.user, **form.cleaned_data),
            _("Đã ghi nhận kết quả của cấp trên."),
        )
        if ok:
            return redirect(nominee.proposal)
    return render(request, "awards/higher_answer_form.html", {"form": form, "nominee": nominee})


# ---------------------------------------------------------------- eligibility


@permission_required("awards.check_eligibility")
def eligibility_check(request):
    form = EligibilityForm(request.GET or None, initial={"year": timezone.localdate().year})
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


# ---------------------------------------------------------------- ballots


@permission_required("awards.view_ballots")
def ballot_list(request):
    return render(request, "awards/ballot_list.html", {"page": paginate(request, selectors.ballots_for(request.user))})


@permission_required("awards.manage_ballot")
def ballot_create(request, round_pk):
    round = get_object_or_404(Round, pk=round_pk)
    verified = Proposal.objects.filter(round=round, state=ProposalState.VERIFIED).select_related("unit")
    form = BallotOpenForm(request.POST or None, proposals=verified)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, ballot = _attempt(
            request,
            lambda: services.open_ballot(
                round=round,
                proposals=data["proposals"],
                closes_at=data["closes_at"],
                by=request.user,
                name=data["name"],
            ),
            _("Đã mở phiên bỏ phiếu kín; các thành viên Hội đồng đã được thông báo."),
        )
        if ok:
            return redirect(ballot)
    return render(request, "awards/ballot_form.html", {"form": form, "round": round})


def _ballot(request, pk):
    require(request.user, "awards.view_ballots")
    return get_object_or_404(Ballot.objects.select_related("round", "opened_by", "tallied_by"), pk=pk)


def ballot_detail(request, pk):
    ballot = _ballot(request, pk)
    items = list(selectors.ballot_items(ballot))
    is_member = request.user.has_perm("awards.vote")
    mine = selectors.own_votes(request.user, ballot) if is_member else {}
    person = services.person_of(request.user) if is_member else None
    is_open = ballot.state == BallotState.OPEN and timezone.now() < ballot.closes_at
    rows = []
    votable = []
    for item in items:
        recused = is_member and services.is_recused(person, item.nominee)
        withdrawn = item.nominee.result == NomineeResult.WITHDRAWN
        rows.append({"item": item, "my_vote": mine.get(item.pk), "recused": recused, "withdrawn": withdrawn})
        if is_member and is_open and not recused and not withdrawn and item.pk not in mine:
            votable.append(item)
    context = {
        "ballot": ballot,
        "rows": rows,
        "is_member": is_member,
        "is_open": is_open,
        "form": VoteForm(items=votable) if votable else None,
        "closed": ballot.state == BallotState.CLOSED,
        "can_manage": request.user.has_perm("awards.manage_ballot"),
        "can_tally": ballot.state == BallotState.OPEN and not is_open,
        "notice": PublicNotice.objects.filter(ballot=ballot).first(),
        "history": history_of(ballot).exclude(action="award_ballot.voted"),
    }
    return render(request, "awards/ballot_detail.html", context)


@require_POST
def ballot_vote(request, pk):
    ballot = _ballot(request, pk)
    require(request.user, "awards.vote", ballot)
    items = list(ballot.items.select_related("nominee"))
    form = VoteForm(request.POST, items=items)
    if form.is_valid() and form.choices():
        _attempt(
            request,
            lambda: services.cast_votes(ballot=ballot, by=request.user, choices=form.choices()),
            _("Đã ghi nhận phiếu của bạn."),
        )
    else:
        messages.error(request, _("Chưa chọn phiếu cho trường hợp nào."))
    return redirect(ballot)


@require_POST
def ballot_close(request, pk):
    ballot = _ballot(request, pk)
    require(request.user, "awards.manage_ballot", ballot)
    _attempt(request, lambda: services.close_ballot(ballot=ballot, by=request.user), _("Đã kiểm phiếu."))
    return redirect(ballot)


def ballot_minutes(request, pk):
    ballot = _ballot(request, pk)
    if ballot.state != BallotState.CLOSED:
        raise Http404
    pdf = documents.ballot_minutes_pdf(ballot, list(selectors.ballot_items(ballot)))
    return _pdf_response(pdf, f"bien-ban-bo-phieu-{ballot.pk}.pdf")


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# ---------------------------------------------------------------- public notice


@permission_required("awards.view_notice")
def notice_list(request):
    return render(request, "awards/notice_list.html", {"page": paginate(request, selectors.notices())})


@require_POST
def notice_publish(request, ballot_pk):
    ballot = _ballot(request, ballot_pk)
    require(request.user, "awards.manage_notice")
    ok, notice = _attempt(
        request, lambda: services.publish_notice(ballot=ballot, by=request.user), _("Đã công khai danh sách.")
    )
    return redirect(notice if ok else ballot)


def notice_detail(request, pk):
    require(request.user, "awards.view_notice")
    notice = get_object_or_404(PublicNotice.objects.select_related("ballot__round", "published_by"), pk=pk)
    items = list(selectors.notice_items(notice))
    nominees = Nominee.objects.filter(pk__in=[i.nominee_id for i in items]).select_related("person", "unit", "award")
    is_open = notice.state == NoticeState.OPEN and timezone.localdate() <= notice.ends_on
    decision = Decision.objects.filter(notice=notice).first()
    context = {
        "notice": notice,
        "items": items,
        "feedback": selectors.notice_feedback(notice),
        "form": FeedbackForm(nominees=nominees) if is_open else None,
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
    nominees = Nominee.objects.filter(ballot_items__ballot=notice.ballot_id, ballot_items__passed=True)
    form = FeedbackForm(request.POST, nominees=nominees)
    if form.is_valid():
        _attempt(
            request,
            lambda: services.send_feedback(notice=notice, by=request.user, **form.cleaned_data),
            _("Đã gửi ý kiến; Văn phòng sẽ xử lý và trả lời."),
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
        _attempt(
            request,
            lambda: services.resolve_feedback(
                feedback=feedback, by=request.user, resolution=form.cleaned_data["resolution"]
            ),
            _("Đã ghi kết quả xử lý ý kiến."),
        )
    else:
        messages.error(request, _("Ghi rõ kết quả xử lý."))
    return redirect(feedback.notice)


# ---------------------------------------------------------------- decisions and certificates


@permission_required("awards.view_decisions")
def decision_list(request):
    return render(request, "awards/decision_list.html", {"page": paginate(request, selectors.decisions())})


def decision_create(request, notice_pk):
    require(request.user, "awards.record_decision")
    notice = get_object_or_404(PublicNotice.objects.select_related("ballot__round"), pk=notice_pk)
    from emulation.models import OrganizationProfile

    profile = OrganizationProfile.current()
    form = DecisionForm(
        request.POST or None,
        initial={
            "date": timezone.localdate(),
            "signer_name": profile.signer_name,
            "signer_position": profile.signer_position,
        },
    )
    if request.method == "POST" and form.is_valid():
        ok, decision = _attempt(
            request,
            lambda: services.record_decision(notice=notice, by=request.user, **form.cleaned_data),
            _("Đã ghi nhận quyết định khen thưởng."),
        )
        if ok:
            return redirect(decision)
    items = list(selectors.notice_items(notice))
    return render(request, "awards/decision_form.html", {"form": form, "notice": notice, "items": items})


def _decision(request, pk):
    require(request.user, "awards.view_decisions")
    return get_object_or_404(Decision.objects.select_related("notice__ballot__round", "recorded_by"), pk=pk)


def _visible_nominees(request, decision):
    """A decision is public inside the Bloc, but a secretary's page lists only his or her units' awardees."""
    nominees = selectors.decision_nominees(decision)
    if not reads_every_unit(request.user):
        nominees = nominees.filter(proposal__unit__in=visible_units(request.user))
    return nominees


def decision_detail(request, pk):
    decision = _decision(request, pk)
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "nominees": _visible_nominees(request, decision),
            "can_issue": request.user.has_perm("awards.issue_certificates"),
            "history": history_of(decision),
        },
    )


def decision_pdf(request, pk):
    decision = _decision(request, pk)
    pdf = documents.decision_pdf(decision, list(selectors.decision_nominees(decision)))
    return _pdf_response(pdf, f"quyet-dinh-{decision.pk}.pdf")


@require_POST
def certificates_issue(request, pk):
    decision = _decision(request, pk)
    require(request.user, "awards.issue_certificates", decision)
    _attempt(
        request,
        lambda: services.issue_certificates(decision=decision, by=request.user),
        _("Đã cấp giấy khen, giấy chứng nhận."),
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
    if not request.user.has_perm("awards.view_proposal", nominee.proposal):
        raise Http404
    return _pdf_response(documents.certificate_pdf(nominee), f"giay-chung-nhan-{nominee.pk}.pdf")


# ---------------------------------------------------------------- award history


@permission_required("awards.lookup")
def lookup(request):
    form = LookupForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    records = selectors.award_history(
        request.user, award=filters.get("award"), year=filters.get("year"), search=filters.get("q", "")
    )
    if request.GET.get("format") == "xlsx":
        log_action(
            actor=request.user, action="export", comment="awards.lookup", data={"filters": request.GET.urlencode()}
        )
        return exports.history_xlsx(records)
    return render(request, "awards/lookup.html", {"form": form, "page": paginate(request, records)})


@permission_required("awards.import_history")
def lookup_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        ok, result = _attempt(
            request,
            lambda: services.import_history(file=form.cleaned_data["file"], by=request.user),
            _("Đã nhập dữ liệu khen thưởng."),
        )
    return render(request, "awards/import.html", {"form": form, "result": result, "columns": services.IMPORT_COLUMNS})


def person_awards(request, pk):
    person = get_object_or_404(Person.objects.select_related("unit"), pk=pk)
    require(request.user, "emulation.view_person", person)
    records = selectors.award_history(request.user, person=person)
    return render(
        request, "awards/holder_awards.html", {"holder": person, "person": person, "page": paginate(request, records)}
    )


def unit_awards(request, pk):
    unit = get_object_or_404(Unit, pk=pk)
    require(request.user, "emulation.view_unit", unit)
    records = selectors.award_history(request.user, unit=unit)
    return render(
        request, "awards/holder_awards.html", {"holder": unit, "unit": unit, "page": paginate(request, records)}
    )
