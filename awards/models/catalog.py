"""The award catalog: document types, awards, their condition sets and conditions, quota rules."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from emulation.choices import ChoiceDisplayMixin
from emulation.links import link

from ..enums import AwardKind, ConditionKind, DecidedBy, DisciplineLevel, QuotaBasis, Rating, Subject
from .common import YEAR_VALIDATORS


class DocumentType(models.Model):
    """A document a dossier may need: cover letter, minutes, achievement report, initiative evidence."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên tài liệu"), max_length=200)
    per_nominee = models.BooleanField(_("mỗi người/tập thể một bản"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại tài liệu hồ sơ")
        verbose_name_plural = _("loại tài liệu hồ sơ")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Award(ChoiceDisplayMixin, models.Model):
    """An emulation title or a form of commendation, with who decides it and the council's vote threshold."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên danh hiệu, hình thức"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=AwardKind.choices)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=Subject.choices)
    decided_by = models.CharField(_("thẩm quyền quyết định"), max_length=12, choices=DecidedBy.choices)
    decider = models.CharField(_("cấp quyết định"), max_length=200, blank=True)
    threshold_percent = models.DecimalField(
        _("tỷ lệ phiếu đồng ý cần đạt (%)"),
        max_digits=5,
        decimal_places=2,
        default=50,
        help_text=_("Tính trên tổng số thành viên Hội đồng, không phải số có mặt."),
    )
    threshold_inclusive = models.BooleanField(
        _("tính cả trường hợp bằng ngưỡng"),
        default=False,
        help_text=_("Đánh dấu: cần từ P% trở lên; bỏ đánh dấu: cần trên P%."),
    )
    required_documents = models.ManyToManyField(
        DocumentType, verbose_name=_("tài liệu bắt buộc"), blank=True, related_name="awards"
    )
    description = models.TextField(_("mô tả"), blank=True)
    display_title = models.CharField(
        _("tên in trên văn bản"),
        max_length=200,
        blank=True,
        help_text=_(
            "Tên danh hiệu, hình thức như in trên quyết định và giấy khen, ví dụ “Giấy khen”; "
            "để trống thì in tên danh hiệu, hình thức."
        ),
    )
    certificate_heading = models.CharField(_("tiêu đề trên giấy chứng nhận"), max_length=100, default="GIẤY KHEN")
    needs_verification = models.BooleanField(
        _("giá trị mặc định cần Văn phòng xác minh"), default=False, help_text=_("Hiển thị nhắc nhở xác minh.")
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold_percent__gte=0) & Q(threshold_percent__lte=100), name="award_threshold_percent"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("awards:award_detail", self.pk)

    def save(self, *args, **kwargs):
        from .history import AwardRecord

        super().save(*args, **kwargs)
        # A reordered catalog reorders the history; records carry the order (AwardRecord.award_order).
        AwardRecord.objects.filter(award=self).exclude(award_order=self.order).update(award_order=self.order)

    @property
    def title_on_documents(self):
        """The award as the decision and the certificate print it; the catalog's name distinguishes variants
        (individual / collective Giấy khen) that read the same on paper."""
        return self.display_title.strip() or self.name

    @property
    def is_decided_by_bloc(self):
        return self.decided_by != DecidedBy.HIGHER

    def passes(self, agree, total_members):
        """Whether `agree` votes reach the threshold over the council's total membership."""
        if not total_members:
            return False
        share = agree * 100
        needed = self.threshold_percent * total_members
        return share >= needed if self.threshold_inclusive else share > needed


class ConditionSet(models.Model):
    """The conditions of an award under one legal basis, in force for the years commended between from and to."""

    award = models.ForeignKey(
        Award, verbose_name=_("danh hiệu"), on_delete=models.CASCADE, related_name="condition_sets"
    )
    legal_basis = models.CharField(_("căn cứ pháp lý (văn bản, điều khoản)"), max_length=300)
    from_year = models.PositiveSmallIntegerField(_("áp dụng từ năm"), validators=YEAR_VALIDATORS)
    to_year = models.PositiveSmallIntegerField(_("áp dụng đến năm"), null=True, blank=True, validators=YEAR_VALIDATORS)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bộ điều kiện")
        verbose_name_plural = _("bộ điều kiện")
        ordering = ["award", "-from_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_year__isnull=True) | Q(to_year__gte=F("from_year")), name="condition_set_years_ordered"
            )
        ]

    def __str__(self):
        until = self.to_year or "…"
        return f"{self.award} ({self.from_year}–{until}): {self.legal_basis}"

    def in_force(self, year):
        return self.from_year <= year and (self.to_year is None or year <= self.to_year)


class Condition(ChoiceDisplayMixin, models.Model):
    """One composable condition; which parameters it reads depends on its kind (see conditions.py)."""

    condition_set = models.ForeignKey(
        ConditionSet, verbose_name=_("bộ điều kiện"), on_delete=models.CASCADE, related_name="conditions"
    )
    kind = models.CharField(_("loại điều kiện"), max_length=40, choices=ConditionKind.choices)
    title = models.ForeignKey(
        Award,
        verbose_name=_("danh hiệu được xét"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    years = models.PositiveSmallIntegerField(_("số năm"), default=1, validators=[MinValueValidator(1)])
    year_offset = models.SmallIntegerField(
        _("lệch năm"), default=0, help_text=_("0: năm được xét; -1: năm trước năm được xét.")
    )
    level = models.PositiveSmallIntegerField(_("cấp công nhận sáng kiến tối thiểu"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("mức xếp loại tối thiểu"), choices=Rating.choices, null=True, blank=True
    )
    discipline_level = models.PositiveSmallIntegerField(
        _("mức kỷ luật loại trừ"), choices=DisciplineLevel.choices, null=True, blank=True
    )
    percent = models.DecimalField(_("tỷ lệ (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("số lượng tối thiểu"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("số tháng"), null=True, blank=True)
    label = models.CharField(_("diễn giải"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("điều kiện")
        verbose_name_plural = _("điều kiện")
        ordering = ["condition_set", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | (Q(percent__gte=0) & Q(percent__lte=100)),
                name="condition_percent_range",
            )
        ]

    def __str__(self):
        return self.label or self.get_kind_display()


class QuotaRule(ChoiceDisplayMixin, models.Model):
    """A cap on the number of nominees for an award, e.g. 15% of the unit's Advanced Workers, at least one."""

    award = models.ForeignKey(Award, verbose_name=_("danh hiệu"), on_delete=models.CASCADE, related_name="quota_rules")
    basis = models.CharField(_("cách tính"), max_length=20, choices=QuotaBasis.choices)
    base_award = models.ForeignKey(
        Award,
        verbose_name=_("danh hiệu làm cơ sở tính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    percent = models.DecimalField(_("tỷ lệ (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    minimum = models.PositiveSmallIntegerField(_("tối thiểu (khi có người đủ điều kiện)"), default=0)
    maximum = models.PositiveSmallIntegerField(_("tối đa"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("giới hạn số lượng")
        verbose_name_plural = _("giới hạn số lượng")

    def __str__(self):
        return f"{self.award}: {self.get_basis_display()}"
