"""Thin views: parse input, call a selector or a service, render. Split by subject."""

from .covenants import covenant_create, covenant_detail, covenant_edit, covenant_list, covenant_open, covenant_sign  # noqa: F401
from .exemplars import (  # noqa: F401
    exemplar_action,
    exemplar_create,
    exemplar_detail,
    exemplar_list,
    initiative_create,
    initiative_detail,
    initiative_list,
    initiative_recognize,
    initiative_reject,
)
from .plans import (  # noqa: F401
    criterion_edit,
    movement_edit,
    phase_edit,
    plan_action,
    plan_detail,
    plan_edit,
    plan_list,
    term_detail,
    term_edit,
    term_list,
)
from .pledges import (  # noqa: F401
    pledge_action,
    pledge_detail,
    pledge_edit,
    pledge_list,
    pledge_start,
    registration_add,
    registration_import,
    registration_remove,
    registration_template,
)
from .public import public_exemplar, public_exemplars  # noqa: F401
from .results import (  # noqa: F401
    evidence_download,
    evidence_upload,
    result_action,
    result_adjust_score,
    result_detail,
    result_edit,
    result_list,
    result_start,
)
from .tracking import plan_ranking, plan_remind, plan_tracking, tracking_export  # noqa: F401
