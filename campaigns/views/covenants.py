"""Cluster covenants: drafted and opened by the lead unit, signed by every member unit."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.models import Cluster, Unit
from emulation.params import id_param
from emulation.rules import secretary_units
from emulation.selectors import history_of
from emulation.views_mixins import attempt, paginate, permission_required

from .. import selectors, services
from ..forms import CovenantForm, SignForm
from ..models import Covenant, YearPlan
from .common import get_for

COVENANTS = Covenant.objects.select_related("plan", "cluster", "lead_unit")


def _signable_units(user, covenant):
    own = [u.pk for u in secretary_units(user)]
    return (
        Unit.objects.filter(pk__in=own, cluster=covenant.cluster_id, is_active=True)
        .exclude(covenant_signatures__covenant=covenant)
        .order_by("name")
    )


@permission_required("campaigns.view_plans")
def covenant_list(request):
    plan = id_param(request.GET.get("plan"))  # the plan page's "see all" link
    covenants = selectors.covenant_page_rows(request.user, plan=plan)
    return render(request, "campaigns/covenant_list.html", {"page": paginate(request, covenants)})


def covenant_create(request, plan_pk, cluster_pk):
    plan = get_object_or_404(YearPlan, pk=plan_pk)
    cluster = get_for(request, Cluster.objects.select_related("lead_unit"), "campaigns.draft_covenant", pk=cluster_pk)
    form = CovenantForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        covenant = attempt(
            request,
            services.draft_covenant,
            form=form,
            plan=plan,
            cluster=cluster,
            by=request.user,
            **form.cleaned_data,
        )
        if covenant:
            messages.success(request, _("Đã soạn dự thảo giao ước."))
            return redirect(covenant)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Giao ước thi đua"), "parent": plan})


def covenant_edit(request, pk):
    covenant = get_for(request, COVENANTS, "campaigns.draft_covenant", pk=pk)
    initial = {"title": covenant.title, "text": covenant.text, "criteria": list(covenant.criteria.all())}
    form = CovenantForm(request.POST or None, initial=initial, plan=covenant.plan)
    if request.method == "POST" and form.is_valid():
        if attempt(
            request, services.update_covenant, form=form, covenant=covenant, by=request.user, **form.cleaned_data
        ):
            messages.success(request, _("Đã lưu giao ước."))
            return redirect(covenant)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Giao ước thi đua"), "parent": covenant})


def covenant_detail(request, pk):
    covenant = get_for(request, COVENANTS, "campaigns.view_covenant", pk=pk)
    signable = _signable_units(request.user, covenant)
    context = {
        "covenant": covenant,
        "criteria": covenant.criteria.all(),
        "members": selectors.covenant_members(covenant),  # read only when the cached table is stale
        "members_key": selectors.covenant_members_key(covenant),
        "can_draft": request.user.has_perm("campaigns.draft_covenant", covenant),
        "sign_form": SignForm(units=signable) if signable.exists() else None,
        "history": history_of(covenant),
    }
    return render(request, "campaigns/covenant_detail.html", context)


@require_POST
def covenant_open(request, pk):
    covenant = get_for(request, COVENANTS, "campaigns.draft_covenant", pk=pk)
    attempt(request, services.open_covenant, covenant=covenant, by=request.user, success=_("Đã mở ký giao ước."))
    return redirect(covenant)


@require_POST
def covenant_sign(request, pk):
    covenant = get_for(request, COVENANTS, "campaigns.sign_covenant", pk=pk)
    form = SignForm(request.POST, units=_signable_units(request.user, covenant))
    if not form.is_valid():
        raise Http404
    attempt(
        request,
        services.sign_covenant,
        covenant=covenant,
        unit=form.cleaned_data["unit"],
        by=request.user,
        success=_("Đơn vị đã ký giao ước."),
    )
    return redirect(covenant)
