"""The Office's tracking of a plan: per unit and per cluster, late and missing units, reminders, exports."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.models import Unit
from emulation.params import choice_param, id_list, page_param
from emulation.views_mixins import PAGE_SIZE, ListPaginator, attempt, permission_required

from .. import selectors, services, spreadsheets
from ..enums import ReportingPeriod
from ..forms import TrackingFilterForm
from ..models import YearPlan
from .common import xlsx_response

# Units one reminder may name: more than the overdue list shows on a page.
REMINDER_LIMIT = 5000


def _filters(request, clusters=None):
    clusters = clusters if clusters is not None else selectors.tracking_clusters()
    form = TrackingFilterForm(request.GET or None, clusters=clusters)
    filters = form.cleaned_data if form.is_valid() else {}
    cleaned = {
        "cluster": getattr(filters.get("cluster"), "pk", filters.get("cluster")),
        "sector": filters.get("sector", ""),
        "status": filters.get("status", ""),
    }
    return form, cleaned


def _tracked_plan(request, pk):
    """The plan, hidden (404) before its launch from whoever may not read drafts, as on the plan's page."""
    plan = get_object_or_404(YearPlan.objects.select_related("term"), pk=pk)
    if not selectors.tracking_started(plan) and not request.user.has_perm("campaigns.view_drafts"):
        raise Http404
    return plan


@permission_required("campaigns.track")
def plan_tracking(request, pk):
    plan = _tracked_plan(request, pk)
    if not selectors.tracking_started(plan):
        # Nothing is owed before the launch: the counters (every unit, nothing filed, as the reports print them), no
        # overdue unit, no reminder; the page says so.
        counts = selectors.tracking_totals(plan)["counts"]
        return render(request, "campaigns/plan_tracking.html", {"plan": plan, "not_launched": True, "counts": counts})
    clusters = selectors.tracking_clusters()
    form, filters = _filters(request, clusters)
    today = timezone.localdate()
    totals = selectors.tracking_totals(plan, filters)
    # Page through plain units (counted per cluster in the cached figures), then fill in the page's rows only.
    members = selectors.member_units_with_status(plan, **filters)
    sizes = selectors.cluster_sizes(clusters, totals["clusters"])
    rows = selectors.ClusterSlices(lambda clusters: selectors.units_of_clusters(members, clusters), sizes)
    paginator = ListPaginator(rows, PAGE_SIZE)
    number = paginator.shown_number(page_param(request.GET.get("page")))
    page_rows = selectors.cached_page(
        "tracking", plan, filters, number, lambda: selectors.tracking_rows(plan, paginator.page(number).object_list)
    )
    page = paginator.page_of_rows(page_rows, number)
    overdue, overdue_total = selectors.tracking_overdue(plan, filters, today)
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "counts": totals["counts"],
        "clusters": totals["clusters"],
        "overdue": overdue,
        "overdue_total": overdue_total,
        "today": today,
        "fragment_key": selectors.tracking_fragment_key(plan, filters, today),
    }
    return render(request, "campaigns/plan_tracking.html", context)


@permission_required("campaigns.track")
def tracking_export(request, pk, kind):
    plan = _tracked_plan(request, pk)
    _form, filters = _filters(request)
    if kind == "tre-han":
        headers, rows = selectors.late_table(plan, filters)
        data = spreadsheets.workbook_bytes(_("Đơn vị trễ hạn"), headers, rows)
        return xlsx_response(request, data, f"tre-han-{plan.year}", obj=plan, what=_("Danh sách đơn vị trễ hạn"))
    headers, rows = selectors.tracking_table(plan, filters)
    data = spreadsheets.workbook_bytes(_("Theo dõi thực hiện"), headers, rows)
    return xlsx_response(request, data, f"theo-doi-{plan.year}", obj=plan, what=_("Bảng theo dõi thực hiện kế hoạch"))


@require_POST
@permission_required("campaigns.send_reminder")
def plan_remind(request, pk):
    plan = get_object_or_404(YearPlan, pk=pk)
    ids = id_list(request.POST.getlist("unit"), limit=REMINDER_LIMIT)
    if request.POST.get("all_overdue"):
        units = list(selectors.overdue_units(plan))
    else:
        units = list(Unit.objects.filter(pk__in=ids))
    count = attempt(
        request,
        services.send_reminder,
        plan=plan,
        units=units,
        by=request.user,
        message=request.POST.get("message", "")[:1000],
    )
    if count:
        messages.success(request, _("Đã gửi nhắc nhở tới %(n)s đơn vị.") % {"n": count})
    return redirect("campaigns:plan_tracking", pk=plan.pk)


@permission_required("campaigns.track")
def plan_ranking(request, pk):
    plan = _tracked_plan(request, pk)
    period = choice_param(request.GET.get("period"), ReportingPeriod.values, ReportingPeriod.SIX_MONTH)
    paginator = ListPaginator(selectors.ranking_page_rows(plan, period), 100)
    number = paginator.shown_number(page_param(request.GET.get("page")))
    rows = selectors.cached_page(f"ranking-{period}", plan, {}, number, lambda: paginator.page(number).object_list)
    ranking = paginator.page_of_rows(rows, number)
    return render(
        request,
        "campaigns/plan_ranking.html",
        {"plan": plan, "period": period, "periods": ReportingPeriod.choices, "page": ranking},
    )
