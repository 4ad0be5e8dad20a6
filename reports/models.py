"""A report requested for a kind and period, produced once by a worker as a PDF and an .xlsx workbook."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.choices import ChoiceDisplayMixin
from emulation.models import Unit

from .enums import FRESH_REQUEST, QUEUE_GRACE, ReportKind, ReportState
from .periods import describe_period

TITLE_PREFIX = {
    ReportKind.QUARTERLY: _("Báo cáo"),
    ReportKind.SIX_MONTH: _("Sơ kết"),
    ReportKind.ANNUAL: _("Tổng kết"),
    ReportKind.TERM: _("Tổng kết"),
}


def report_file_path(instance, filename):
    """A random stored name: nothing the user typed ends up in a path."""
    suffix = ".pdf" if filename.lower().endswith(".pdf") else ".xlsx"
    return f"reports/{instance.period_end.year}/{uuid.uuid4().hex}{suffix}"


def idempotency_key(kind, period_start, period_end, unit_id=None):
    """The natural key of a report: one kind, one period, and for a per-unit summary one unit."""
    return f"{kind}:{period_start.isoformat()}:{period_end.isoformat()}:{unit_id or '-'}"


def stuck_condition(now):
    """Reports waiting without a live worker: never queued (past FRESH_REQUEST), queued but not taken for
    QUEUE_GRACE, or running without a heartbeat for REPORT_STALE_AFTER seconds. The sweep queues them again and the
    Office may retry them."""
    silent = now - timedelta(seconds=settings.REPORT_STALE_AFTER)
    return (
        Q(state=ReportState.QUEUED, enqueued_at__isnull=True, created_at__lt=now - FRESH_REQUEST)
        | Q(state=ReportState.QUEUED, enqueued_at__lt=now - QUEUE_GRACE)
        | Q(state=ReportState.RUNNING, heartbeat_at__lt=silent)
    )


class Report(ChoiceDisplayMixin, models.Model):
    """A periodic summary for the Office and the Standing Committee.

    The row is written before any work is queued, so a request survives a broker outage; the
    idempotency key makes a second request for the same kind and period return the same row.
    """

    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=ReportKind.choices)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        help_text=_("Chỉ dùng cho báo cáo tổng hợp của đơn vị."),
    )
    key = models.CharField(_("khóa chống trùng"), max_length=120, editable=False)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportState.choices, default=ReportState.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    pdf = models.FileField(_("tệp PDF"), upload_to=report_file_path, max_length=255, blank=True)
    xlsx = models.FileField(_("tệp Excel"), upload_to=report_file_path, max_length=255, blank=True)
    number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("năm của số văn bản"), null=True, blank=True)
    # The register's numbering period (a party term such as "2025-2030", or a year); numbers restart with it.
    number_period = models.CharField(_("nhiệm kỳ của số văn bản"), max_length=20, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("cập nhật tiến độ lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="report_unique_kind_period_unit"),
            models.UniqueConstraint(
                fields=["number_period", "number"],
                condition=Q(number__isnull=False),
                name="report_number_unique_in_period",
            ),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="report_period_ordered"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(kind=ReportKind.UNIT, unit__isnull=False)
                | (~Q(kind=ReportKind.UNIT) & Q(unit__isnull=True)),
                name="report_unit_only_for_unit_kind",
            ),
        ]
        indexes = [models.Index(fields=["state", "enqueued_at"]), models.Index(fields=["kind", "period_end"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.key = idempotency_key(self.kind, self.period_start, self.period_end, self.unit_id)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    def owner_unit(self):
        return self.unit

    @property
    def period_label(self):
        return describe_period(self.kind, self.period_start, self.period_end)

    @property
    def title(self):
        if self.kind == ReportKind.UNIT and self.unit_id:
            return _("Báo cáo tổng hợp của %(unit)s %(period)s") % {"unit": self.unit, "period": self.period_label}
        return f"{TITLE_PREFIX[self.kind]} {self.period_label}"

    def is_stuck(self):
        """Waiting without a live worker, by the sweep's own rule (stuck_condition)."""
        return self.state in (ReportState.QUEUED, ReportState.RUNNING) and (
            Report.objects.filter(stuck_condition(timezone.now()), pk=self.pk).exists()
        )

    @property
    def can_be_retried(self):
        return self.state == ReportState.FAILED or self.is_stuck()

    @property
    def is_pending(self):
        from .enums import PENDING_STATES

        return self.state in PENDING_STATES
