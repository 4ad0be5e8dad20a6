"""What the campaigns views share: fetching an object the user may see, running a service, file responses, pages."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.text import slugify

from emulation.errors import DomainError
from emulation.services import log_action
from emulation.views_mixins import PAGE_SIZE, BoundedPaginator, require

from ..selectors import TRACKING_TTL, lists_version

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


class CachedCountPaginator(BoundedPaginator):
    """The bounded count, remembered per query until a campaigns record or a unit changes (lists_version()).

    Those changes replace the tracking or the waiting version (signals in apps.py), so a cached count is not stale;
    the key holds the query's SQL, hence the user's scope and filters. At national scale the count reads up to 10,001
    rows (3 to 40 ms with a filter or a search) and was most of a list page's database time.
    """

    @cached_property
    def count(self):
        try:
            sql, params = self.object_list.query.sql_with_params()
        except (AttributeError, EmptyResultSet):  # a plain list, or a query that cannot match anything
            return BoundedPaginator.count.func(self)
        text = f"{lists_version()}|{sql}|{params!r}"
        key = "campaigns:count:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
        cached = cache.get(key)
        if cached is None:
            cached = (BoundedPaginator.count.func(self), self.capped)
            cache.set(key, cached, TRACKING_TTL)
        count, self.capped = cached
        return count

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
    """paginate() with the count cached (CachedCountPaginator): for the lists of campaigns records."""
    return CachedCountPaginator(queryset, per_page).get_page(request.GET.get("page"))
