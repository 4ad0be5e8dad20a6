"""Terms, movements, yearly plans and phases, criteria; unit pledges, cluster covenants, results; exemplars, initiatives."""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.choices import ChoiceDisplayMixin
from emulation.models import Cluster, Person, Unit

from .enums import (
    CovenantState,
    ExemplarKind,
    ExemplarState,
    InitiativeState,
    MeasureKind,
    PlanState,
    RecognitionLevel,
    ReportingPeriod,
    ReviewState,
    period_label,
)

USER = settings.AUTH_USER_MODEL


class Term(models.Model):
    """A term (nhiệm kỳ) with its overall theme, motto and the documents it rests on."""

    name = models.CharField(_("nhiệm kỳ"), max_length=50, unique=True)
    start_year = models.PositiveSmallIntegerField(_("năm bắt đầu"))
    end_year = models.PositiveSmallIntegerField(_("năm kết thúc"))
    theme = models.TextField(_("chủ đề"))
    motto = models.CharField(_("phương châm"), max_length=255, blank=True)
    basis_documents = models.TextField(_("văn bản căn cứ"), blank=True, help_text=_("Mỗi dòng một văn bản."))

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="term_years_ordered",
                violation_error_message=_("Năm kết thúc phải sau năm bắt đầu."),
            )
        ]

    def __str__(self):
        return _("Nhiệm kỳ %(name)s") % {"name": self.name}

    def get_absolute_url(self):
        return reverse("campaigns:term_detail", args=[self.pk])


class Movement(models.Model):
    """A movement (phong trào) of a term, with its content and the department in charge."""

    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="movements")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name = models.CharField(_("tên phong trào"), max_length=300)
    content = models.TextField(_("nội dung"), blank=True)
    department = models.CharField(_("cơ quan phụ trách"), max_length=200, blank=True)
    is_key = models.BooleanField(_("phong trào trọng tâm"), default=True)

    class Meta:
        verbose_name = _("phong trào")
        verbose_name_plural = _("phong trào")
        ordering = ["term", "number"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="movement_number_unique_in_term")]

    def __str__(self):
        return self.name

    @property
    def name_with_term(self):
        """Each term runs movements of the same names: where several terms' movements are offered, the term
        tells them apart."""
        return f"{self.name} ({self.term})"


class YearPlan(ChoiceDisplayMixin, models.Model):
    """A yearly emulation plan: theme of the year, movements, focus tasks, deadlines.

    Draft → submitted (waiting for the Standing Committee) → approved → launched → closed; a submitted plan the
    Standing Committee returns goes back to draft with its comment (return_comment) until the Office resubmits it."""

    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(
        _("năm"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    theme = models.TextField(_("chủ đề năm"))
    focus_tasks = models.TextField(_("nhiệm vụ trọng tâm"), blank=True)
    movements = models.ManyToManyField(Movement, verbose_name=_("phong trào"), related_name="plans", blank=True)
    registration_deadline = models.DateField(_("hạn đăng ký thi đua"))
    six_month_deadline = models.DateField(_("hạn báo cáo sáu tháng"))
    year_end_deadline = models.DateField(_("hạn báo cáo cả năm"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT, db_index=True
    )
    submitted_by = models.ForeignKey(
        USER, verbose_name=_("người gửi phê duyệt"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("gửi phê duyệt lúc"), null=True, blank=True)
    # The Standing Committee's last return, shown on the draft until the plan is approved (the history keeps each).
    return_comment = models.TextField(_("ý kiến trả lại của Ban Thường vụ"), blank=True)
    approved_by = models.ForeignKey(
        USER, verbose_name=_("người phê duyệt"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    launched_at = models.DateTimeField(_("phát động lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch thi đua năm")
        verbose_name_plural = _("kế hoạch thi đua năm")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("six_month_deadline"))
                & Q(six_month_deadline__lte=F("year_end_deadline")),
                name="plan_deadlines_ordered",
                violation_error_message=_("Các hạn phải theo thứ tự: đăng ký, báo cáo sáu tháng, báo cáo cả năm."),
            ),
        ]

    def __str__(self):
        return _("Kế hoạch thi đua năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("campaigns:plan_detail", args=[self.pk])

    def deadline_for(self, period):
        return self.six_month_deadline if period == ReportingPeriod.SIX_MONTH else self.year_end_deadline

    def period_opens_on(self, period):
        """The first day a result for the period may be sent and accepted.

        The six-month report of a year opens on 1 January of that year; the year-end report once the first half
        is over, on 1 July (or on its deadline, should the plan set one earlier). Before that the period has
        not begun and there is nothing yet to report on."""
        if period == ReportingPeriod.SIX_MONTH:
            return datetime.date(self.year, 1, 1)
        return min(datetime.date(self.year, 7, 1), self.year_end_deadline)


class Phase(models.Model):
    """An emulation phase (đợt thi đua) tied to an occasion, inside a yearly plan."""

    plan = models.ForeignKey(YearPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("tên đợt thi đua"), max_length=300)
    occasion = models.CharField(_("sự kiện chào mừng"), max_length=300, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))

    class Meta:
        verbose_name = _("đợt thi đua")
        verbose_name_plural = _("đợt thi đua")
        ordering = ["plan", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="phase_dates_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self):
        return self.name


class Criterion(ChoiceDisplayMixin, models.Model):
    """A criterion (tiêu chí) of a yearly plan, optionally under one of its movements."""

    plan = models.ForeignKey(YearPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="criteria")
    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), null=True, blank=True, on_delete=models.PROTECT, related_name="criteria"
    )
    code = models.CharField(_("mã tiêu chí"), max_length=20)
    name = models.CharField(_("tên tiêu chí"), max_length=300)
    measure = models.CharField(_("cách đo"), max_length=20, choices=MeasureKind.choices)
    measure_unit = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    target_guidance = models.CharField(_("hướng dẫn chỉ tiêu"), max_length=300, blank=True)
    weight = models.DecimalField(_("trọng số"), max_digits=6, decimal_places=2, default=1)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2, default=10)
    evidence_expected = models.CharField(_("minh chứng cần có"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="criterion_code_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(max_score__gt=0),
                name="criterion_weight_score_positive",
                violation_error_message=_("Trọng số không được âm và điểm tối đa phải lớn hơn 0."),
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"

    @property
    def measure_label(self):
        """How the criterion is measured, with its unit when the unit adds something: 'Số lượng (người)'.

        The percent kind already says "(%)" in its name, so a unit of "%" is not written a second time (nor "điểm"
        after "Điểm")."""
        label = str(self.get_measure_display())
        unit = self.measure_unit.strip()
        if not unit or unit.lower() in label.lower():
            return label
        return f"{label} ({unit})"


class ReviewedRecord(ChoiceDisplayMixin, models.Model):
    """What a unit files and the Office reviews: state, timestamps, reviewer, comment, version for edit conflicts."""

    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT, db_index=True
    )
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        USER, verbose_name=_("người xét"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_comment = models.TextField(_("ý kiến của Văn phòng"), blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("người lập"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class ListedManager(models.Manager):
    def bulk_create(self, objs, *args, **kwargs):
        """bulk_create() skips save(): fill the rows' list keys here, from one query per source table."""
        objs = list(objs)
        missing = [obj for obj in objs if not obj.plan_year or not obj.unit_path]
        if missing:
            years = dict(YearPlan.objects.filter(pk__in={o.plan_id for o in missing}).values_list("pk", "year"))
            paths = dict(Unit.objects.filter(pk__in={o.unit_id for o in missing}).values_list("pk", "path"))
            for obj in missing:
                obj.plan_year = years.get(obj.plan_id, obj.plan_year)
                obj.unit_path = paths.get(obj.unit_id, obj.unit_path)
        return super().bulk_create(objs, *args, **kwargs)


class ListedByPlanAndUnit(models.Model):
    """Copies of the plan's year and the unit's tree path, the Office's list order, so those lists read it from an
    index on the row instead of sorting every joined row of a plan (tens of thousands at national scale).

    Filled on creation (save or bulk_create); apps.py keeps them in step when a plan's year changes or a unit moves.
    """

    plan_year = models.PositiveSmallIntegerField(_("năm"), default=0, editable=False)
    unit_path = models.CharField(_("đường dẫn cây"), max_length=255, default="", editable=False)

    objects = ListedManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.plan_year = self.plan.year
            self.unit_path = self.unit.path
        super().save(*args, **kwargs)


class Pledge(ListedByPlanAndUnit, ReviewedRecord):
    """A unit's pledge (đăng ký thi đua) for a launched plan; amended after acceptance only by a new revision."""

    plan = models.ForeignKey(YearPlan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="pledges")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="pledges")
    revision = models.PositiveSmallIntegerField(_("lần sửa đổi"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("bản trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_revision",
    )
    movements = models.ManyToManyField(
        Movement, verbose_name=_("phong trào tham gia"), related_name="pledges", blank=True
    )
    aimed_title = models.CharField(_("danh hiệu tập thể đăng ký"), max_length=200, blank=True)
    commitment = models.TextField(_("nội dung cam kết"), blank=True)

    class Meta:
        verbose_name = _("bản đăng ký thi đua")
        verbose_name_plural = _("bản đăng ký thi đua")
        ordering = ["plan", "unit__path", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "revision"], name="pledge_revision_unique"),
            models.UniqueConstraint(
                fields=["plan", "unit"], condition=~Q(state=ReviewState.SUPERSEDED), name="pledge_one_current_per_unit"
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "state"]),
            models.Index(fields=["-plan_year", "unit_path", "-revision"], name="pledge_list_order_idx"),
        ]

    def __str__(self):
        return _("Đăng ký thi đua năm %(year)s – %(unit)s") % {"year": self.plan.year, "unit": self.unit}

    def get_absolute_url(self):
        return reverse("campaigns:pledge_detail", args=[self.pk])


class PledgeTarget(models.Model):
    """The target (chỉ tiêu) a unit sets itself for one criterion."""

    pledge = models.ForeignKey(Pledge, verbose_name=_("bản đăng ký"), on_delete=models.CASCADE, related_name="targets")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="targets"
    )
    value = models.DecimalField(_("chỉ tiêu"), max_digits=14, decimal_places=2)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu đăng ký")
        verbose_name_plural = _("chỉ tiêu đăng ký")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "criterion"], name="pledge_target_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="pledge_target_not_negative"),
        ]

    def owner_unit(self):
        return self.pledge.unit


class IndividualRegistration(models.Model):
    """A person of the unit registering for an individual title in the unit's pledge."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("bản đăng ký"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="title_registrations"
    )
    title = models.CharField(_("danh hiệu đăng ký"), max_length=200)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("đăng ký danh hiệu cá nhân")
        verbose_name_plural = _("đăng ký danh hiệu cá nhân")
        ordering = ["person__full_name"]
        constraints = [models.UniqueConstraint(fields=["pledge", "person"], name="registration_one_per_person")]

    def owner_unit(self):
        return self.pledge.unit


class Covenant(ChoiceDisplayMixin, models.Model):
    """A cluster covenant (giao ước thi đua): drafted by the lead unit, signed by every member unit."""

    plan = models.ForeignKey(YearPlan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="covenants")
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm thi đua"), on_delete=models.PROTECT, related_name="covenants"
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị trưởng cụm"), on_delete=models.PROTECT, related_name="led_covenants"
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung giao ước"))
    criteria = models.ManyToManyField(Criterion, verbose_name=_("tiêu chí chung"), related_name="covenants", blank=True)
    state = models.CharField(_("trạng thái"), max_length=20, choices=CovenantState.choices, default=CovenantState.DRAFT)
    opened_at = models.DateTimeField(_("mở ký lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("người soạn"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["plan", "cluster__name"]
        constraints = [models.UniqueConstraint(fields=["plan", "cluster"], name="covenant_one_per_cluster_plan")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:covenant_detail", args=[self.pk])

    def owner_unit(self):
        return self.lead_unit


class CovenantSignature(models.Model):
    covenant = models.ForeignKey(
        Covenant, verbose_name=_("giao ước"), on_delete=models.PROTECT, related_name="signatures"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="covenant_signatures"
    )
    signed_by = models.ForeignKey(USER, verbose_name=_("người ký"), on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = _("chữ ký giao ước")
        constraints = [models.UniqueConstraint(fields=["covenant", "unit"], name="covenant_signed_once_per_unit")]


class ResultReport(ListedByPlanAndUnit, ReviewedRecord):
    """A unit's result report (báo cáo kết quả) for one reporting period of a plan, against its pledge."""

    plan = models.ForeignKey(
        YearPlan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="result_reports"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="result_reports")
    pledge = models.ForeignKey(
        Pledge, verbose_name=_("bản đăng ký"), on_delete=models.PROTECT, related_name="result_reports"
    )
    period = models.CharField(_("kỳ báo cáo"), max_length=20, choices=ReportingPeriod.choices)
    narrative = models.TextField(_("tóm tắt kết quả"), blank=True)
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=7, decimal_places=2, null=True, blank=True)
    # Set when the Office accepts: the weighted score and completion that rankings read.
    score = models.DecimalField(_("điểm được công nhận"), max_digits=7, decimal_places=2, null=True, blank=True)
    completion = models.DecimalField(_("mức hoàn thành (%)"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo kết quả")
        verbose_name_plural = _("báo cáo kết quả")
        ordering = ["plan", "period", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "period"], name="result_one_per_unit_period"),
            models.CheckConstraint(
                condition=Q(self_score__isnull=True) | Q(self_score__gte=0), name="result_self_score_not_negative"
            ),
            # Totals are out of 100 (campaigns/scoring.py): a recognized 48.74 for a 30-point plan can no longer
            # come from a weight applied on top of the maximum, and no other bug can store one either.
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="result_score_out_of_100",
                violation_error_message=_("Điểm được công nhận của báo cáo phải từ 0 đến 100."),
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "period", "state"]),
            models.Index(fields=["-plan_year", "period", "unit_path"], name="result_list_order_idx"),
        ]

    def __str__(self):
        return _("Báo cáo kết quả %(period)s – %(unit)s") % {
            "period": period_label(self.period, self.plan.year),
            "unit": self.unit,
        }

    def get_absolute_url(self):
        return reverse("campaigns:result_detail", args=[self.pk])


class ResultValue(models.Model):
    report = models.ForeignKey(ResultReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="values")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="result_values"
    )
    achieved = models.DecimalField(_("kết quả đạt được"), max_digits=14, decimal_places=2)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=8, decimal_places=2, null=True, blank=True)
    # Set when the Office accepts the report, from the pledge's target for the same criterion.
    completion = models.DecimalField(
        _("mức hoàn thành (%)"), max_digits=7, decimal_places=2, null=True, blank=True, editable=False
    )
    # The recognized score, at most the criterion's maximum; the Office may adjust it, with its reason kept.
    score = models.DecimalField(
        _("điểm được công nhận"), max_digits=8, decimal_places=2, null=True, blank=True, editable=False
    )
    adjustment_reason = models.TextField(_("lý do điều chỉnh điểm"), blank=True, editable=False)

    class Meta:
        verbose_name = _("kết quả theo tiêu chí")
        verbose_name_plural = _("kết quả theo tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["report", "criterion"], name="result_value_unique"),
            models.CheckConstraint(condition=Q(achieved__gte=0), name="result_value_not_negative"),
            # The ceiling (the criterion's maximum) lives in another table: the services hold it under a row lock.
            models.CheckConstraint(
                condition=(Q(score__isnull=True) | Q(score__gte=0))
                & (Q(self_score__isnull=True) | Q(self_score__gte=0)),
                name="result_value_scores_not_negative",
                violation_error_message=_("Điểm theo tiêu chí không được âm."),
            ),
        ]

    def owner_unit(self):
        return self.report.unit


def evidence_path(instance, filename):
    """A random stored name: the user's file name is kept only as data, never as a path."""
    return f"evidence/{instance.report.plan.year}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class Evidence(models.Model):
    report = models.ForeignKey(
        ResultReport, verbose_name=_("báo cáo"), on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(USER, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name

    def owner_unit(self):
        return self.report.unit


class Exemplar(ChoiceDisplayMixin, models.Model):
    """An exemplar, new factor, good model or practice, or good deed, proposed by a unit and published by Propaganda."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="exemplars")
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="exemplars"
    )
    plan = models.ForeignKey(
        YearPlan, verbose_name=_("kế hoạch"), null=True, blank=True, on_delete=models.PROTECT, related_name="exemplars"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=ExemplarKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    summary = models.TextField(_("nội dung"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ExemplarState.choices, default=ExemplarState.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        USER, verbose_name=_("người đề xuất"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("đề xuất lúc"), auto_now_add=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("điển hình, nhân tố mới")
        verbose_name_plural = _("điển hình, nhân tố mới")
        ordering = ["-created_at"]
        # The lists' order (newest first, then id), read from an index instead of sorting every row.
        indexes = [
            models.Index(fields=["created_at", "id"], name="exemplar_created_id_idx"),
            # The public page: published ones, newest publication first.
            models.Index(
                fields=["-published_at", "-id"], condition=Q(state="published"), name="exemplar_published_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:exemplar_detail", args=[self.pk])


class Initiative(ChoiceDisplayMixin, models.Model):
    """An initiative (sáng kiến) with the level and date of its recognition; the award checks read it."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiatives")
    authors = models.ManyToManyField(Person, verbose_name=_("tác giả"), related_name="initiatives", blank=True)
    title = models.CharField(_("tên sáng kiến"), max_length=300)
    description = models.TextField(_("nội dung, hiệu quả"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=InitiativeState.choices, default=InitiativeState.PROPOSED, db_index=True
    )
    recognition_level = models.PositiveSmallIntegerField(
        _("cấp công nhận"), choices=RecognitionLevel.choices, null=True, blank=True
    )
    recognized_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=100, blank=True)
    proposed_by = models.ForeignKey(
        USER, verbose_name=_("người đề xuất"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("đề xuất lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=InitiativeState.RECOGNIZED)
                | (Q(recognition_level__isnull=False) & Q(recognized_on__isnull=False)),
                name="initiative_recognized_has_level_and_date",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "recognition_level", "recognized_on"]),
            models.Index(fields=["created_at", "id"], name="initiative_created_id_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:initiative_detail", args=[self.pk])


class PlanClusterSummary(models.Model):
    """The tracking figures of one plan over the active member units of one cluster (no cluster: the units of none),
    kept by services.summaries on every write they count, so dashboards and rankings read a row per cluster instead
    of grouping tens of thousands of pledges and results after each change.

    Counts only, never anything that depends on the date: the overdue figure is read from the ``owing_*`` count of
    the last deadline that has passed (the deadlines are ordered), so it is right the day a deadline passes.
    """

    plan = models.ForeignKey(YearPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="+")
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm thi đua"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    total = models.PositiveIntegerField(_("số đơn vị"), default=0)
    pledged = models.PositiveIntegerField(_("đã gửi đăng ký"), default=0)
    accepted = models.PositiveIntegerField(_("đăng ký được chấp thuận"), default=0)
    late = models.PositiveIntegerField(_("nộp muộn"), default=0)
    signed = models.PositiveIntegerField(_("đã ký giao ước"), default=0)
    six_month = models.PositiveIntegerField(_("báo cáo 6 tháng"), default=0)
    year_end = models.PositiveIntegerField(_("báo cáo cả năm"), default=0)
    # Units that would be overdue once each deadline has passed: late, or owing the pledge or the covenant signature
    # (registration), then also the six-month result, then also the year-end result.
    owing_registration = models.PositiveIntegerField(_("trễ hạn sau hạn đăng ký"), default=0)
    owing_six_month = models.PositiveIntegerField(_("trễ hạn sau hạn báo cáo sáu tháng"), default=0)
    owing_year_end = models.PositiveIntegerField(_("trễ hạn sau hạn báo cáo cả năm"), default=0)
    # Accepted results of any unit of the cluster (the ranking's rows, active member or not).
    ranked_six_month = models.PositiveIntegerField(_("kết quả sáu tháng được xếp hạng"), default=0)
    ranked_year_end = models.PositiveIntegerField(_("kết quả cả năm được xếp hạng"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("số liệu theo dõi của cụm")
        verbose_name_plural = _("số liệu theo dõi của cụm")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "cluster"], condition=Q(cluster__isnull=False), name="summary_one_per_plan_cluster"
            ),
            models.UniqueConstraint(fields=["plan"], condition=Q(cluster__isnull=True), name="summary_one_unclustered"),
        ]

    def __str__(self):
        return f"{self.plan} / {self.cluster or '-'}"
