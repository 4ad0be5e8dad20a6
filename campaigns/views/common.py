"""What the campaigns views share: fetching an object the user may see, running a service, file responses, pages."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from emulation.errors import DomainError
from emulation.params import page_param
from emulation.services import log_action
from emulation.views_mixins import PAGE_SIZE, CachedCountPaginator, require

from ..selectors import lists_version

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_for(request, queryset, perm, **lookup):
    """The object, or 404; 403 unless the user holds ``perm`` on it."""
    obj = get_object_or_404(queryset, **lookup)
    require(request.user, perm, obj)
    return obj


def attempt(request, service, *, form=None, success="", **kwargs):
    """Run a service; a refused business rule becomes a form error (or a message) and ``None`` is returned."""
    try:
        result = service(**kwargs)
    except DomainError as error:
        if form is not None:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.error(request, error.message)
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


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


class CountedPaginator(CachedCountPaginator):
    """The core's cached bounded count, under lists_version(): a pledge, result, covenant, signature, plan, unit,
    exemplar or initiative change replaces it (signals in apps.py), so a cached count is never stale."""

    def page(self, number):
        """The page's ids are cut first, its rows then read by id: the rows' subquery annotations (counts of targets,
        registrations, evidence) would otherwise run for every row the OFFSET skips (75 ms on page 300)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if hasattr(rows, "query"):
            rows = rows.filter(pk__in=rows.values("pk")[bottom:top])
        else:
            rows = rows[bottom:top]
        return self._get_page(rows, number, self)


def paginate_counted(request, queryset, per_page=PAGE_SIZE):
    """paginate() with the count cached and the page cut by ids first: for the lists of campaigns records."""
    return CountedPaginator(queryset, per_page, version=lists_version()).get_page(page_param(request.GET.get("page")))
