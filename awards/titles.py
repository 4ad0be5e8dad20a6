"""The catalog's emulation titles a unit may register for in its pledge (campaigns.titles asks through the
AppConfig)."""

from .enums import AwardKind, QuotaBasis
from .models import Award


def registrable_titles(*, subject, unit):
    """Names of the active emulation titles (not forms of commendation) for ``subject``, in the catalog's order.

    A title whose quota is counted per cluster (the Emulation Flag: the leading collective of its cluster) is left
    out for a unit outside every cluster, which has no cluster to lead. One query."""
    titles = Award.objects.filter(kind=AwardKind.TITLE, subject=subject, is_active=True)
    if unit is not None and unit.cluster_id is None:
        titles = titles.exclude(quota_rules__basis=QuotaBasis.PER_CLUSTER)
    return titles.order_by("order", "name").values_list("name", flat=True)
