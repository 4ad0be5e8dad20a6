"""Unit pledges: drafted and submitted by the unit's secretary, reviewed by the Office, amended by revision."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.errors import DomainError
from emulation.models import Person, Unit
from emulation.params import id_param
from emulation.selectors import history_of
from emulation.views_mixins import attempt, permission_required

from .. import selectors, services, spreadsheets
from ..enums import EDITABLE_STATES, ReportingPeriod
from ..forms import CommentForm, ImportForm, PledgeFilterForm, PledgeForm, RegistrationForm
from ..models import IndividualRegistration, Pledge, YearPlan
from ..titles import INDIVIDUAL, registrable_titles
from .common import chosen_plan, get_for, paginate_counted, xlsx_response

PLEDGES = Pledge.objects.select_related("plan", "unit", "unit__cluster", "previous")


@permission_required("campaigns.view_plans")
def pledge_list(request):
    plans = selectors.all_plans()
    form = PledgeFilterForm(request.GET or None, plans=plans)
    filters = form.cleaned_data if form.is_valid() else {}
    pledges = selectors.pledge_list(
        request.user,
        plan=chosen_plan(plans, filters.get("plan")),
        state=filters.get("state", ""),
        search=filters.get("q", ""),
    )
    return render(request, "campaigns/pledge_list.html", {"page": paginate_counted(request, pledges), "form": form})


@require_POST
def pledge_start(request, plan_pk):
    plan = get_object_or_404(YearPlan, pk=plan_pk)
    unit_pk = id_param(request.POST.get("unit"))
    if unit_pk is None:
        raise Http404
    unit = get_object_or_404(Unit, pk=unit_pk)
    pledge = attempt(request, services.start_pledge, plan=plan, unit=unit, by=request.user)
    return redirect("campaigns:pledge_edit", pk=pledge.pk) if pledge else redirect(plan)


def pledge_detail(request, pk):
    pledge = get_for(request, PLEDGES, "campaigns.view_unit_record", pk=pk)
    can_file = request.user.has_perm("campaigns.file_for_unit", pledge)
    context = {
        "pledge": pledge,
        **selectors.pledge_detail(pledge, request.user),
        "can_file": can_file,
        "editable": can_file and pledge.state in EDITABLE_STATES,
        "can_review": request.user.has_perm("campaigns.review", pledge),
        "comment_form": CommentForm(),
        "periods": ReportingPeriod.choices,
        "history": history_of(pledge),
    }
    return render(request, "campaigns/pledge_detail.html", context)


def pledge_edit(request, pk):
    pledge = get_for(request, PLEDGES, "campaigns.file_for_unit", pk=pk)
    detail = selectors.pledge_detail(pledge, request.user)
    form = PledgeForm(request.POST or None, pledge=pledge, criteria=detail["criteria"], targets=detail["targets"])
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            services.save_pledge,
            form=form,
            pledge=pledge,
            by=request.user,
            targets=form.targets(),
            movements=list(form.cleaned_data["movements"]),
            aimed_title=form.cleaned_data["aimed_title"],
            commitment=form.cleaned_data["commitment"],
            expected_version=form.cleaned_data["version"],
        )
        if saved:
            messages.success(request, _("Đã lưu bản đăng ký thi đua."))
            return redirect(pledge)
    return render(request, "campaigns/pledge_form.html", {"pledge": pledge, "form": form})


PLEDGE_ACTIONS = {
    "submit": (services.submit_pledge, "campaigns.file_for_unit", _("Đã gửi bản đăng ký tới Văn phòng.")),
    "accept": (services.accept_pledge, "campaigns.review", _("Đã chấp thuận bản đăng ký.")),
    "return": (services.return_pledge, "campaigns.review", _("Đã trả lại bản đăng ký để đơn vị bổ sung.")),
    "revise": (services.revise_pledge, "campaigns.file_for_unit", _("Đã lập bản sửa đổi; bản cũ được lưu lại.")),
}


@require_POST
def pledge_action(request, pk, action):
    if action not in PLEDGE_ACTIONS:
        raise Http404
    service, perm, success = PLEDGE_ACTIONS[action]
    pledge = get_for(request, PLEDGES, perm, pk=pk)
    kwargs = {"pledge": pledge, "by": request.user}
    if action != "submit":
        kwargs["comment"] = request.POST.get("comment", "").strip()[:2000]
    result = attempt(request, service, success=success, **kwargs)
    return redirect(result if isinstance(result, Pledge) else pledge)


def _unit_people(pledge):
    return Person.objects.filter(unit__path__startswith=pledge.unit.path, is_active=True).order_by("full_name")


def registration_add(request, pk):
    pledge = get_for(request, PLEDGES, "campaigns.file_for_unit", pk=pk)
    titles = registrable_titles(subject=INDIVIDUAL, unit=pledge.unit)
    form = RegistrationForm(request.POST or None, people=_unit_people(pledge), titles=titles)
    if request.method == "POST" and form.is_valid():
        if attempt(request, services.add_registration, form=form, pledge=pledge, by=request.user, **form.cleaned_data):
            messages.success(request, _("Đã thêm cá nhân đăng ký danh hiệu."))
            return redirect(pledge)
    return render(
        request, "campaigns/form.html", {"form": form, "title": _("Cá nhân đăng ký danh hiệu"), "parent": pledge}
    )


@require_POST
def registration_remove(request, pk, registration_pk):
    pledge = get_for(request, PLEDGES, "campaigns.file_for_unit", pk=pk)
    registration = get_object_or_404(IndividualRegistration, pk=registration_pk, pledge=pledge)
    attempt(
        request,
        services.remove_registration,
        registration=registration,
        by=request.user,
        success=_("Đã xóa khỏi danh sách."),
    )
    return redirect(pledge)


def registration_template(request, pk):
    """The .xlsx template pre-filled with the unit's people, for the secretary to fill and upload."""
    pledge = get_for(request, PLEDGES, "campaigns.file_for_unit", pk=pk)
    data = spreadsheets.registration_template(pledge, _unit_people(pledge))
    return xlsx_response(
        request, data, f"mau-dang-ky-ca-nhan-{pledge.plan.year}", obj=pledge, what=_("Mẫu đăng ký cá nhân")
    )


def registration_import(request, pk):
    pledge = get_for(request, PLEDGES, "campaigns.file_for_unit", pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = spreadsheets.read_registration_rows(form.cleaned_data["file"])
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            count = attempt(
                request, services.import_registrations, form=form, pledge=pledge, rows=rows, by=request.user
            )
            if count:
                messages.success(request, _("Đã nhập %(n)s cá nhân đăng ký danh hiệu.") % {"n": count})
                return redirect(pledge)
    return render(request, "campaigns/registration_import.html", {"form": form, "pledge": pledge})
