"""What every view shares: the permission checks (a mixin for class views, a decorator for functions), the call of a
service whose refusal becomes a message, and the one paginator of the lists."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequiredMixin
from rules.contrib.views import permission_required as rules_permission_required

from .errors import DomainError
from .params import page_param

PAGE_SIZE = 25


class PermissionRequiredMixin(RulesPermissionRequiredMixin):
    """Refuses with 403 (never a login redirect for a logged-in user) unless the rule allows."""

    raise_exception = True


def permission_required(perm, fn=None):
    return rules_permission_required(perm, fn=fn, raise_exception=True)


def require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def attempt(request, service, *, form=None, success="", **kwargs):
    """Run ``service(**kwargs)``; a refused business rule (DomainError) becomes an error and ``None`` is returned.

    The error goes on ``form`` (on the field it names, if the form has it) or else into the page's messages; on
    success ``success`` is shown and the service's result returned (True when it returns nothing).
    """
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


# Past this many rows a list stops counting: "10 000+ items" and at most COUNT_CAP / PAGE_SIZE pages. A national
# office filters long before page 400, and counting a million rows on every page view is what made lists slow.
COUNT_CAP = 10_000


class ListPaginator(Paginator):
    """The one paginator of the portal's lists: Django's, with its count bounded, known or cached, and its page
    optionally cut by ids.

    The count, in this order of preference:
    - ``count``: a number the caller already holds (a ballot's item_count): no count query;
    - ``key``, or ``version`` with the query's SQL and parameters (hence the user's scope and the filters): the
      bounded count kept in the cache until a write replaces the version (a token from emulation.caching), because
      at national scale the count reads up to 10,001 rows, most of a list's time;
    - otherwise the bounded count: at most COUNT_CAP + 1 rows read in one query, ordering dropped (a plain list or a
      sequence such as ClusterSlices is measured by len()).
    ``ids_first`` cuts the page's ids first and then reads its rows by id, so the rows' subquery annotations do not
    run for every row an OFFSET skips (deep pages of the long lists).
    """

    capped = False

    def __init__(self, object_list, per_page, *, count=None, version="", key=None, ids_first=False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count, self.version, self.key, self.ids_first = count, version, key, ids_first

    def _bounded_count(self):
        object_list = self.object_list
        if not hasattr(object_list, "query"):
            return len(object_list)
        n = object_list.order_by()[: COUNT_CAP + 1].count()
        if n > COUNT_CAP:
            self.capped = True
            return COUNT_CAP
        return n

    def _cache_key(self):
        if self.key:
            return self.key
        if not self.version:
            return None
        try:
            sql, params = self.object_list.query.sql_with_params()
        except (AttributeError, EmptyResultSet):  # a plain list, or a query that cannot match anything
            return None
        text = f"{self.version}|{sql}|{params!r}"
        return "count:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()

    @cached_property
    def count(self):
        from .caching import TTL

        if self.known_count is not None:
            return self.known_count
        key = self._cache_key()
        if key is None:
            return self._bounded_count()
        found = cache.get(key)
        if found is None:
            found = (self._bounded_count(), self.capped)
            cache.set(key, found, TTL)
        count, self.capped = found
        return count

    def page(self, number):
        if not self.ids_first:
            return super().page(number)
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

    def shown_number(self, number):
        """The page get_page() would show for ``number`` (the first for garbage, the last past the end)."""
        try:
            return self.validate_number(number)
        except PageNotAnInteger:
            return 1
        except EmptyPage:
            return self.num_pages

    def page_of_rows(self, rows, number):
        """A page holding ``rows`` already read for page ``number`` (from a cache), counted by this paginator."""
        return self._get_page(rows, number, self)


def paginate(request, rows, per_page=PAGE_SIZE, *, count=None, count_version="", count_key=None, ids_first=False):
    """One page of rows, the page number read from the request: a bounded count query runs once (none with ``count``,
    none while the cache holds it under ``count_version`` or ``count_key``), and the page's rows in one more."""
    paginator = ListPaginator(rows, per_page, count=count, version=count_version, key=count_key, ids_first=ids_first)
    return paginator.get_page(page_param(request.GET.get("page")))
