"""Terms, yearly plans, phases and criteria: configured by the Office, approved by the Standing Committee."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.models import Unit
from emulation.rules import secretary_units
from emulation.selectors import history_of
from emulation.views_mixins import attempt, paginate, permission_required, require
from emulation.workflow import allows

from .. import selectors, services
from ..enums import NOT_LAUNCHED_PLAN_STATES, ReviewState
from ..forms import CriterionForm, MovementForm, PhaseForm, PlanForm, PlanReturnForm, TermForm
from ..models import Criterion, Movement, Phase, Pledge, Term, YearPlan


@permission_required("campaigns.view_plans")
def term_list(request):
    return render(request, "campaigns/term_list.html", {"page": paginate(request, selectors.term_list())})


@permission_required("campaigns.view_plans")
def term_detail(request, pk):
    term = get_object_or_404(Term, pk=pk)
    movements = term.movements.all()
    plans = selectors.plan_list(request.user).filter(term=term)
    return render(
        request,
        "campaigns/term_detail.html",
        {"term": term, "movements": movements, "plans": plans, "history": history_of(term)},
    )


@permission_required("campaigns.manage_plans")
def term_edit(request, pk=None):
    term = get_object_or_404(Term, pk=pk) if pk else Term()
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        saved = attempt(request, services.save_term, form=form, term=form.save(commit=False), by=request.user)
        if saved:
            messages.success(request, _("Đã lưu nhiệm kỳ."))
            return redirect(saved)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Nhiệm kỳ"), "back": "campaigns:term_list"})


@permission_required("campaigns.manage_plans")
def movement_edit(request, term_pk=None, pk=None):
    movement = get_object_or_404(Movement.objects.select_related("term"), pk=pk) if pk else None
    term = movement.term if movement else get_object_or_404(Term, pk=term_pk)
    form = MovementForm(request.POST or None, instance=movement or Movement(term=term))
    if request.method == "POST" and form.is_valid():
        if attempt(request, services.save_movement, form=form, movement=form.save(commit=False), by=request.user):
            messages.success(request, _("Đã lưu phong trào."))
            return redirect(term)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Phong trào thi đua"), "parent": term})


@permission_required("campaigns.view_plans")
def plan_list(request):
    return render(request, "campaigns/plan_list.html", {"page": paginate(request, selectors.plan_list(request.user))})


def _visible_plan(request, pk):
    plan = get_object_or_404(YearPlan.objects.select_related("term", "approved_by"), pk=pk)
    require(request.user, "campaigns.view_plans")
    if plan.state in NOT_LAUNCHED_PLAN_STATES and not request.user.has_perm("campaigns.view_drafts"):
        raise Http404
    return plan


# A national plan has 500 cluster covenants, each shown with two counts: the page shows the first ones and links to
# the covenant list filtered on the plan for the rest.
COVENANTS_SHOWN = 20


def _covenants_shown(user, plan):
    covenants, total = selectors.covenants_shown(user, plan, COVENANTS_SHOWN)
    return {"covenants": covenants, "covenant_total": total}


def plan_detail(request, pk):
    plan = _visible_plan(request, pk)
    own = list(Unit.objects.filter(pk__in=[u.pk for u in secretary_units(request.user)]).select_related("cluster"))
    pledged = dict(
        Pledge.objects.filter(plan=plan, unit__in=own)
        .exclude(state=ReviewState.SUPERSEDED)
        .values_list("unit_id", "pk")
    )
    started = selectors.tracking_started(plan)
    context = {
        "plan": plan,
        **selectors.plan_detail(plan),
        "own_units": [(unit, pledged.get(unit.pk)) for unit in own],
        "led_clusters": [u.cluster for u in own if u.cluster_id and u.cluster.lead_unit_id == u.pk],
        **_covenants_shown(request.user, plan),
        "history": history_of(plan),
        "can_manage": request.user.has_perm("campaigns.manage_plans"),  # asked once, not in each row
        "tracking_started": started,
        **_approval_steps(request.user, plan),
        # The tracking page's figures drawn: for those who may track the plan, once it is launched.
        "charts": selectors.plan_charts(plan) if started and request.user.has_perm("campaigns.track") else None,
    }
    return render(request, "campaigns/plan_detail.html", context)


@permission_required("campaigns.manage_plans")
def plan_edit(request, pk=None):
    plan = get_object_or_404(YearPlan, pk=pk) if pk else YearPlan()
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            services.save_plan,
            form=form,
            plan=form.save(commit=False),
            movements=list(form.cleaned_data["movements"]),
            by=request.user,
        )
        if saved:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect(saved)
    return render(
        request,
        "campaigns/form.html",
        {"form": form, "title": _("Kế hoạch thi đua năm"), "back": "campaigns:plan_list"},
    )


def _approval_steps(user, plan):
    """The approval loop's steps the viewer may take now: the Office submits a draft, the Standing Committee
    approves or returns a submitted plan (with the form asking for the comment). Nothing is offered that the
    services would refuse in the plan's state."""
    can_submit = allows(plan, "submit") and user.has_perm("campaigns.manage_plans")
    can_decide = allows(plan, "approve") and user.has_perm("campaigns.approve_plan")
    return {
        "can_submit": can_submit,
        "can_decide": can_decide,
        "return_form": PlanReturnForm() if can_decide else None,
    }


# action: (service, success message, whether the comment the page posted goes to the service)
PLAN_ACTIONS = {
    "submit": (services.submit_plan, _("Đã gửi kế hoạch tới Ban Thường vụ để phê duyệt."), False),
    "approve": (services.approve_plan, _("Đã phê duyệt kế hoạch."), True),
    "return": (services.return_plan, _("Đã trả lại kế hoạch cho Văn phòng kèm ý kiến."), True),
    "launch": (services.launch_plan, _("Đã phát động kế hoạch và thông báo tới các đơn vị."), False),
    "close": (services.close_plan, _("Đã kết thúc kế hoạch."), True),
}


@require_POST
def plan_action(request, pk, action):
    plan = _visible_plan(request, pk)
    if action not in PLAN_ACTIONS:
        raise Http404
    service, success, with_comment = PLAN_ACTIONS[action]
    kwargs = {"plan": plan, "by": request.user}
    if with_comment:
        kwargs["comment"] = request.POST.get("comment", "").strip()[:2000]
    attempt(request, service, success=success, **kwargs)
    return redirect(plan)


@permission_required("campaigns.manage_plans")
def phase_edit(request, plan_pk=None, pk=None):
    phase = get_object_or_404(Phase.objects.select_related("plan"), pk=pk) if pk else None
    plan = phase.plan if phase else get_object_or_404(YearPlan, pk=plan_pk)
    form = PhaseForm(request.POST or None, instance=phase or Phase(plan=plan))
    if request.method == "POST" and form.is_valid():
        if attempt(request, services.save_phase, form=form, phase=form.save(commit=False), by=request.user):
            messages.success(request, _("Đã lưu đợt thi đua."))
            return redirect(plan)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Đợt thi đua"), "parent": plan})


@permission_required("campaigns.manage_plans")
def criterion_edit(request, plan_pk=None, pk=None):
    criterion = get_object_or_404(Criterion.objects.select_related("plan"), pk=pk) if pk else None
    plan = criterion.plan if criterion else get_object_or_404(YearPlan, pk=plan_pk)
    form = CriterionForm(request.POST or None, instance=criterion or Criterion(plan=plan), plan=plan)
    if request.method == "POST" and form.is_valid():
        if attempt(request, services.save_criterion, form=form, criterion=form.save(commit=False), by=request.user):
            messages.success(request, _("Đã lưu tiêu chí."))
            return redirect(plan)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Tiêu chí"), "parent": plan})
