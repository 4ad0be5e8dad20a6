"""The one place views check permissions: a mixin for class views, a decorator for functions."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequiredMixin
from rules.contrib.views import permission_required as rules_permission_required

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


def paginate(request, queryset, per_page=PAGE_SIZE):
    """One page of rows; a bounded count query runs once, and the page's rows in one more."""
    return BoundedPaginator(queryset, per_page).get_page(request.GET.get("page"))
