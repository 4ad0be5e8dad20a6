"""The one place views check permissions: a mixin for class views, a decorator for functions."""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequiredMixin
from rules.contrib.views import permission_required as rules_permission_required

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


# Past this many rows a list stops counting: "10 000+ items" and at most COUNT_CAP / PAGE_SIZE pages. A national
# office filters long before page 400, and counting a million rows on every page view is what made lists slow.
COUNT_CAP = 10_000


class BoundedPaginator(Paginator):
    """A paginator whose count reads at most COUNT_CAP + 1 rows (one bounded query, ordering dropped)."""

    capped = False

    @cached_property
    def count(self):
        object_list = self.object_list
        if not hasattr(object_list, "query"):
            return len(object_list)
        n = object_list.order_by()[: COUNT_CAP + 1].count()
        if n > COUNT_CAP:
            self.capped = True
            return COUNT_CAP
        return n


class CachedCountPaginator(BoundedPaginator):
    """The bounded count, kept in the cache until a write replaces ``version`` (a token from emulation.caching).

    The cache key holds the version and the query's SQL and parameters (hence the user's scope and the filters), or
    an explicit ``key`` built by the caller from the same things when compiling the query would cost more; with
    neither, the rows are counted each time. At national scale the count reads up to 10,001 rows (3 to 40 ms with a
    filter or a search) and was most of a list's database time.
    """

    def __init__(self, object_list, per_page, *, version="", key=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.version, self.key = version, key

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

        key = self._cache_key()
        if key is None:
            return BoundedPaginator.count.func(self)
        found = cache.get(key)
        if found is None:
            found = (BoundedPaginator.count.func(self), self.capped)
            cache.set(key, found, TTL)
        count, self.capped = found
        return count


def paginate(request, queryset, per_page=PAGE_SIZE, *, count_version=""):
    """One page of rows; a bounded count query runs once, and the page's rows in one more.

    With ``count_version`` the count comes from the cache until that version is replaced.
    """
    if count_version:
        paginator = CachedCountPaginator(queryset, per_page, version=count_version)
    else:
        paginator = BoundedPaginator(queryset, per_page)
    return paginator.get_page(page_param(request.GET.get("page")))
