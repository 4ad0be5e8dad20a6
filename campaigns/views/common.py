"""What the campaigns views share: fetching an object the user may see, file responses, pages (running a service is
the core's: emulation.views_mixins.attempt)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from emulation.services import log_action
from emulation.views_mixins import PAGE_SIZE, paginate, require

from ..selectors import lists_version

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_for(request, queryset, perm, **lookup):
    """The object, or 404; 403 unless the user holds ``perm`` on it."""
    obj = get_object_or_404(queryset, **lookup)
    require(request.user, perm, obj)
    return obj


def xlsx_response(request, data, filename, *, obj=None, what=""):
    """An .xlsx download with a safe ASCII file name; the export is written to the audit log."""
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "export"}.xlsx"'
    # Audited, but kept out of the object's history, which tells its state changes.
    data = {"model": obj._meta.label, "pk": obj.pk} if obj is not None else {}
    log_action(actor=request.user, action="export", comment=f"{what}: {obj}" if obj is not None else what, data=data)
    return response


def chosen_plan(plans, pk):
    """The plan a list filter names, from the plans its form offers (its year then filters the list's index)."""
    return next((plan for plan in plans if plan.pk == pk), pk)


def paginate_counted(request, queryset, per_page=PAGE_SIZE):
    """The lists of campaigns records: the count cached under lists_version() (a pledge, result, covenant, signature,
    plan, unit, exemplar or initiative change replaces it, signals in apps.py), the page cut by ids first."""
    return paginate(request, queryset, per_page, count_version=lists_version(), ids_first=True)
