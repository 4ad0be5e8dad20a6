"""Kinds and states of a report, and the allowed state transitions, on one screen."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.workflow import OFFICE, SYSTEM_WORKER, Waiting, Workflow


class ReportKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Báo cáo quý")
    SIX_MONTH = "six_month", _("Sơ kết sáu tháng")
    ANNUAL = "annual", _("Tổng kết năm")
    TERM = "term", _("Tổng kết nhiệm kỳ")
    UNIT = "unit", _("Báo cáo tổng hợp của đơn vị")


class ReportState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang lập")
    DONE = "done", _("Đã hoàn thành")
    FAILED = "failed", _("Lỗi")


# {from_state: {action: to_state}}: the services consult this table, nothing else decides a transition.
REPORT_TRANSITIONS = {
    # "retry" from a queued or running report only once it is stuck (Report.is_stuck: no worker took it, or its
    # worker stopped beating); the Office then queues it again by hand instead of waiting for the sweep.
    ReportState.QUEUED: {"start": ReportState.RUNNING, "retry": ReportState.QUEUED},
    # "start" again: a redelivered task resumes a report whose worker died midway.
    ReportState.RUNNING: {
        "start": ReportState.RUNNING,
        "finish": ReportState.DONE,
        "fail": ReportState.FAILED,
        "retry": ReportState.QUEUED,
    },
    ReportState.FAILED: {"retry": ReportState.QUEUED},
    ReportState.DONE: {},
}

# A queued report not picked up after this long is queued again (its message may have been lost).
QUEUE_GRACE = timedelta(minutes=10)
# A request younger than this is left to its own on_commit enqueue.
FRESH_REQUEST = timedelta(seconds=30)

# States in which a report still waits for a worker; the page polls while any is shown.
PENDING_STATES = {ReportState.QUEUED, ReportState.RUNNING}

# Audit actions and their labels.
ACTION_LABELS = {
    "report.requested": _("Yêu cầu lập báo cáo"),
    "report.started": _("Bắt đầu lập báo cáo"),
    "report.done": _("Hoàn thành báo cáo"),
    "report.failed": _("Lập báo cáo bị lỗi"),
    "report.retried": _("Yêu cầu lập lại báo cáo"),
}

REPORT_WORKFLOW = Workflow(
    "reports.Report",
    REPORT_TRANSITIONS,
    noun=_("báo cáo"),
    labels={
        "start": ACTION_LABELS["report.started"],
        "finish": ACTION_LABELS["report.done"],
        "fail": ACTION_LABELS["report.failed"],
        "retry": ACTION_LABELS["report.retried"],
    },
    audit={"start": "report.started", "finish": "report.done", "fail": "report.failed", "retry": "report.retried"},
    waiting={
        ReportState.QUEUED: Waiting(SYSTEM_WORKER),
        ReportState.RUNNING: Waiting(SYSTEM_WORKER),
        ReportState.FAILED: Waiting(OFFICE),
    },
)
