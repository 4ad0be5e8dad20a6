"""Reads the reports pages need, scoped to what the user may see."""

from emulation.rules import is_office, is_standing_member, secretary_units
from emulation.selectors import history_of  # noqa: F401 - re-exported for the detail view

from .enums import PENDING_STATES, ReportKind
from .models import Report


def visible_reports(user):
    """Every report for the Office and the Standing Committee; a secretary's own per-unit summaries otherwise."""
    queryset = Report.objects.select_related("unit", "requested_by")
    if is_office(user) or is_standing_member(user):
        return queryset
    own = secretary_units(user)
    if not own:
        return queryset.none()
    from emulation.models import Unit

    return queryset.filter(kind=ReportKind.UNIT, unit__in=Unit.objects.subtree_of(own))


def report_list(*, user, kind="", state=""):
    queryset = visible_reports(user)
    if kind:
        queryset = queryset.filter(kind=kind)
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-created_at", "-id")


def any_pending(reports):
    return any(report.state in PENDING_STATES for report in reports)


def latest_reports(user, limit=5):
    return list(visible_reports(user).order_by("-created_at", "-id")[:limit])


def document_number(report):
    """The report's number as the document prints it (15-BC/ĐUK), from the organization's profile."""
    if not report.number:
        return ""
    from emulation.models import OrganizationProfile

    return OrganizationProfile.current().document_number(report.number, "BC")
