"""Reads the campaigns pages need: scoped to the user's units, joined up front, a bounded number of queries.

Split by subject; everything public is importable from here, as it was from the one module.
"""

from .caching import (  # noqa: F401
    TRACKING_TTL,
    TRACKING_VERSION_KEY,
    WAITING_VERSION_KEY,
    OrderedIds,
    forget_tracking,
    forget_waiting,
    lists_version,
    tracking_version,
    waiting_version,
)
from .home import (  # noqa: F401
    office_home,
    secretary_home,
    waiting_counts,
)
from .records import (  # noqa: F401
    COVENANT_ROW_FIELDS,
    LIST_ROW_FIELDS,
    MEMBER_LEVELS,
    PLEDGE_ROW_FIELDS,
    RESULT_ROW_FIELDS,
    covenant_list,
    covenant_members,
    covenant_page_rows,
    exemplar_list,
    initiative_list,
    plan_detail,
    plan_list,
    pledge_detail,
    pledge_list,
    public_exemplars,
    recognized_initiatives,
    result_detail,
    result_list,
    term_list,
)
from .tracking import (  # noqa: F401
    OVERDUE_SHOWN,
    PLEDGE_STATUS_NONE,
    STATE_FIELDS,
    TRACKING_FILTERS,
    TRACKING_ORDER,
    ClusterSlices,
    cluster_ranking,
    cluster_sizes,
    late_or_missing,
    member_units,
    overdue_units,
    owed_items,
    ranked_in_clusters,
    ranked_sizes,
    ranking_page_rows,
    tracking_by_cluster,
    tracking_clusters,
    tracking_counts,
    tracking_fragment_key,
    tracking_overdue,
    tracking_rows,
    tracking_rows_of_plans,
    tracking_totals,
    tracking_units,
    units_of_clusters,
)
