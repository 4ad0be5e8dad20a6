"""Reads the campaigns pages need: scoped to the user's units, joined up front, a bounded number of queries.

Split by subject; everything public is importable from here, as it was from the one module.
"""

from .caching import (  # noqa: F401
    TRACKING,
    TRACKING_TTL,
    WAITING,
    OrderedIds,
    forget_tracking,
    forget_waiting,
    lists_version,
    tracking_version,
    waiting_version,
)
from .dashboards import (  # noqa: F401
    cluster_ranking,
    cluster_ranking_chart,
    completion_charts,
    criterion_completion,
    filing_days,
    filing_progress,
    plan_accepted_results,
    plan_charts,
    unit_scores,
    unit_scores_chart,
)
from .figures import (  # noqa: F401
    FIGURES,
    OWING,
    PLAN_FIGURES,
    RANKED,
    cluster_figures,
    counted_totals,
    figure_totals,
    plan_figures,
    ranked_sizes,
    summary_figures,
    summary_overdue_count,
    summary_rows_of_plans,
)
from .home import (  # noqa: F401
    exemplars_to_publish,
    office_home,
    plans_awaiting_approval,
    secretary_home,
    waiting_counts,
)
from .members import (  # noqa: F401
    PLEDGE_STATUS_NONE,
    TRACKING_FILTERS,
    TRACKING_ORDER,
    is_overdue,
    late_or_missing,
    member_units,
    member_units_with_status,
    owed_items,
    tracking_rows,
    tracking_rows_in_chunks,
    tracking_rows_of_plans,
    tracking_started,
)
from .ranking import (  # noqa: F401
    ranked_in_clusters,
    ranking_page_rows,
)
from .records import (  # noqa: F401
    COVENANT_ROW_FIELDS,
    LIST_ROW_FIELDS,
    MEMBER_LEVELS,
    PLEDGE_ROW_FIELDS,
    RESULT_ROW_FIELDS,
    all_plans,
    covenant_list,
    covenant_members,
    covenant_members_key,
    covenant_page_rows,
    covenants_shown,
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
    ClusterSlices,
    cached_page,
    cluster_sizes,
    late_table,
    overdue_units,
    tracking_clusters,
    tracking_fragment_key,
    tracking_overdue,
    tracking_table,
    tracking_totals,
    units_of_clusters,
)
