"""Exemplars and initiatives: proposed by units, verified by the Office, exemplars published by Propaganda."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.models import Person, Unit
from emulation.params import choice_param
from emulation.rules import secretary_units
from emulation.selectors import history_of
from emulation.views_mixins import attempt, permission_required

from .. import selectors, services
from ..enums import ExemplarState, InitiativeState, PlanState, RecognitionLevel
from ..forms import CommentForm, ExemplarFilterForm, ExemplarForm, InitiativeForm, RecognizeForm
from ..models import Exemplar, Initiative, YearPlan
from .common import get_for, paginate_counted


def _own_units_and_people(user):
    units = Unit.objects.subtree_of(secretary_units(user)).filter(is_active=True).order_by("path")
    # Only what the drop-down shows: hundreds of people, each a model instance per page view.
    people = (
        Person.objects.filter(unit__in=units, is_active=True).only("id", "full_name", "unit_id").order_by("full_name")
    )
    return units, people


def _can_propose(user):
    return user.has_perm("campaigns.file_anything")


@permission_required("campaigns.view_plans")
def exemplar_list(request):
    form = ExemplarFilterForm(request.GET or None)
    kind = form.cleaned_data.get("kind", "") if form.is_valid() else ""
    state = choice_param(request.GET.get("state"), ExemplarState.values)
    exemplars = selectors.exemplar_list(request.user, kind=kind, state=state)
    context = {"page": paginate_counted(request, exemplars), "form": form, "can_propose": _can_propose(request.user)}
    return render(request, "campaigns/exemplar_list.html", context)


@permission_required("campaigns.file_anything")
def exemplar_create(request):
    units, people = _own_units_and_people(request.user)
    plans = YearPlan.objects.filter(state__in=[PlanState.LAUNCHED, PlanState.CLOSED])
    form = ExemplarForm(request.POST or None, units=units, people=people, plans=plans)
    if request.method == "POST" and form.is_valid():
        exemplar = attempt(
            request, services.propose_exemplar, form=form, exemplar=form.save(commit=False), by=request.user
        )
        if exemplar:
            messages.success(request, _("Đã gửi đề xuất điển hình."))
            return redirect(exemplar)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Đề xuất điển hình, nhân tố mới")})


EXEMPLARS = Exemplar.objects.select_related("unit", "person", "plan", "proposed_by")


def exemplar_detail(request, pk):
    exemplar = get_for(request, EXEMPLARS, "campaigns.view_unit_record", pk=pk)
    context = {
        "exemplar": exemplar,
        "can_review": request.user.has_perm("campaigns.review", exemplar),
        "can_publish": request.user.has_perm("campaigns.publish_exemplar", exemplar),
        "comment_form": CommentForm(),
        "states": ExemplarState,
        "history": history_of(exemplar),
    }
    return render(request, "campaigns/exemplar_detail.html", context)


EXEMPLAR_ACTIONS = {
    "verify": (services.verify_exemplar, "campaigns.review", _("Đã xác nhận điển hình.")),
    "reject": (services.reject_exemplar, "campaigns.review", _("Đã ghi nhận không xác nhận.")),
    "publish": (services.publish_exemplar, "campaigns.publish_exemplar", _("Đã công bố trên trang công khai.")),
    "unpublish": (services.unpublish_exemplar, "campaigns.publish_exemplar", _("Đã gỡ khỏi trang công khai.")),
}


@require_POST
def exemplar_action(request, pk, action):
    if action not in EXEMPLAR_ACTIONS:
        raise Http404
    service, perm, success = EXEMPLAR_ACTIONS[action]
    exemplar = get_for(request, EXEMPLARS, perm, pk=pk)
    comment = request.POST.get("comment", "").strip()[:2000]
    attempt(request, service, exemplar=exemplar, by=request.user, comment=comment, success=success)
    return redirect(exemplar)


@permission_required("campaigns.view_plans")
def initiative_list(request):
    level = choice_param(request.GET.get("level"), {str(v) for v in RecognitionLevel.values})
    initiatives = selectors.initiative_list(
        request.user,
        state=choice_param(request.GET.get("state"), InitiativeState.values),
        level=int(level) if level else None,
    )
    context = {"page": paginate_counted(request, initiatives), "can_propose": _can_propose(request.user)}
    return render(request, "campaigns/initiative_list.html", context)


@permission_required("campaigns.file_anything")
def initiative_create(request):
    units, people = _own_units_and_people(request.user)
    form = InitiativeForm(request.POST or None, units=units, people=people)
    if request.method == "POST" and form.is_valid():
        initiative = attempt(
            request,
            services.propose_initiative,
            form=form,
            initiative=form.save(commit=False),
            authors=list(form.cleaned_data["authors"]),
            by=request.user,
        )
        if initiative:
            messages.success(request, _("Đã gửi đề xuất sáng kiến."))
            return redirect(initiative)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Đề xuất sáng kiến")})


INITIATIVES = Initiative.objects.select_related("unit", "proposed_by").prefetch_related("authors")


def initiative_detail(request, pk):
    initiative = get_for(request, INITIATIVES, "campaigns.view_unit_record", pk=pk)
    can_review = request.user.has_perm("campaigns.review", initiative)
    context = {
        "initiative": initiative,
        "can_review": can_review and initiative.state == InitiativeState.PROPOSED,
        "recognize_form": RecognizeForm(),
        "comment_form": CommentForm(),
        "history": history_of(initiative),
    }
    return render(request, "campaigns/initiative_detail.html", context)


@require_POST
def initiative_recognize(request, pk):
    initiative = get_for(request, INITIATIVES, "campaigns.review", pk=pk)
    form = RecognizeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            services.recognize_initiative,
            initiative=initiative,
            level=data["recognition_level"],
            recognized_on=data["recognized_on"],
            decision_number=data["decision_number"],
            comment=data["comment"],
            by=request.user,
            success=_("Đã ghi nhận công nhận sáng kiến."),
        )
    else:
        messages.error(request, _("Hãy chọn cấp và ngày công nhận hợp lệ."))
    return redirect(initiative)


@require_POST
def initiative_reject(request, pk):
    initiative = get_for(request, INITIATIVES, "campaigns.review", pk=pk)
    attempt(
        request,
        services.reject_initiative,
        initiative=initiative,
        comment=request.POST.get("comment", "").strip()[:2000],
        by=request.user,
        success=_("Đã ghi nhận không công nhận sáng kiến."),
    )
    return redirect(initiative)
