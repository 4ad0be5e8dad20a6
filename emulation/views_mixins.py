"""The one place views check permissions: a mixin for class views, a decorator for functions."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
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


def paginate(request, queryset, per_page=PAGE_SIZE):
    """One page of rows; the count query runs once, and the page's rows in one more."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
