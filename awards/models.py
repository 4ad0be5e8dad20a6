"""The award catalog and its conditions; the records the checks read; rounds, proposals, ballots, notices, decisions."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from emulation.choices import ChoiceDisplayMixin
from emulation.links import link
from emulation.models import Person, Unit

from .enums import (
    AwardKind,
    BallotState,
    ConditionKind,
    DecidedBy,
    DisciplineLevel,
    FeedbackKind,
    NomineeResult,
    NoticeState,
    ProposalState,
    QuotaBasis,
    Rating,
    RecordSource,
    RoundKind,
    RoundState,
    Subject,
    VoteChoice,
)

USER = settings.AUTH_USER_MODEL
YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]


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
    """One composable condition; which parameters it reads depends on its kind (see eligibility.py)."""

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


class AwardRecord(ChoiceDisplayMixin, models.Model):
    """An award a person or a unit holds: from a decision in the portal, an import, or the Office."""

    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    award = models.ForeignKey(
        Award, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="records"
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS, db_index=True)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cấp quyết định"), max_length=200, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=RecordSource.choices, default=RecordSource.MANUAL)
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # The award's catalog order, copied so the lookup's order (year, award, record) is read from one index instead of
    # sorting 350 000 joined rows on every page; save() copies it and Award.save() spreads a change.
    award_order = models.PositiveSmallIntegerField(_("thứ tự danh hiệu"), default=0, db_default=0, editable=False)

    class Meta:
        verbose_name = _("lịch sử khen thưởng")
        verbose_name_plural = _("lịch sử khen thưởng")
        ordering = ["-year", "award_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="award_record_person_xor_unit",
            ),
            models.UniqueConstraint(
                fields=["person", "award", "year"], condition=Q(person__isnull=False), name="award_record_person_once"
            ),
            models.UniqueConstraint(
                fields=["unit", "award", "year"], condition=Q(unit__isnull=False), name="award_record_unit_once"
            ),
        ]
        indexes = [
            models.Index(fields=["award", "year"]),
            models.Index(fields=["-year", "award_order", "id"], name="award_record_lookup_order_idx"),
        ]

    def __str__(self):
        return f"{self.award} {self.year} – {self.holder}"

    def save(self, *args, **kwargs):
        self.award_order = self.award.order
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"award", "award_id"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "award_order"}
        super().save(*args, **kwargs)

    @property
    def holder(self):
        return self.person if self.person_id else self.unit

    def owner_unit(self):
        return self.person.unit if self.person_id else self.unit


class PersonRating(ChoiceDisplayMixin, models.Model):
    """A person's yearly quality rating (party member review or staff assessment) and months worked that year."""

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    rating = models.PositiveSmallIntegerField(_("xếp loại"), choices=Rating.choices)
    months_worked = models.PositiveSmallIntegerField(
        _("số tháng công tác trong năm"), null=True, blank=True, validators=[MaxValueValidator(12)]
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("xếp loại cá nhân hằng năm")
        verbose_name_plural = _("xếp loại cá nhân hằng năm")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="person_rating_once_a_year")]

    def __str__(self):
        return f"{self.person} {self.year}: {self.get_rating_display()}"

    def owner_unit(self):
        return self.person.unit


class UnitRating(ChoiceDisplayMixin, models.Model):
    """A party organization's yearly quality rating."""

    unit = models.ForeignKey(Unit, verbose_name=_("tổ chức đảng"), on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    rating = models.PositiveSmallIntegerField(_("xếp loại"), choices=Rating.choices)
    is_typical = models.BooleanField(_("tiêu biểu"), default=False)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("xếp loại tổ chức đảng hằng năm")
        verbose_name_plural = _("xếp loại tổ chức đảng hằng năm")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_rating_once_a_year")]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.get_rating_display()}"


class DisciplineRecord(ChoiceDisplayMixin, models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="discipline_records"
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    level = models.PositiveSmallIntegerField(_("hình thức kỷ luật"), choices=DisciplineLevel.choices)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.person} {self.year}: {self.get_level_display()}"

    def owner_unit(self):
        return self.person.unit


class Round(ChoiceDisplayMixin, models.Model):
    """A round (đợt xét khen thưởng): annual, thematic (a phase or a movement) or ad hoc, with a deadline."""

    name = models.CharField(_("tên đợt"), max_length=300)
    kind = models.CharField(_("loại đợt"), max_length=10, choices=RoundKind.choices)
    year = models.PositiveSmallIntegerField(_("năm được xét"), validators=YEAR_VALIDATORS)
    phase = models.ForeignKey(
        "campaigns.Phase",
        verbose_name=_("đợt thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    movement = models.ForeignKey(
        "campaigns.Movement",
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    awards = models.ManyToManyField(Award, verbose_name=_("danh hiệu, hình thức được xét"), related_name="rounds")
    submission_deadline = models.DateField(_("hạn nộp hồ sơ"))
    notice_days = models.PositiveSmallIntegerField(_("số ngày làm việc công khai"), default=5)
    description = models.TextField(_("hướng dẫn"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN)
    opened_by = models.ForeignKey(
        USER, verbose_name=_("người mở"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # Kept on write (awards.upkeep.proposal_added; dossiers are never deleted) so the rounds list does not count
    # 40 000 dossiers a round on every view; rows written in bulk are counted by services.complete_bulk_load.
    proposal_count = models.PositiveIntegerField(_("số hồ sơ"), default=0, editable=False)

    class Meta:
        verbose_name = _("đợt xét khen thưởng")
        verbose_name_plural = _("đợt xét khen thưởng")
        ordering = ["-year", "-submission_deadline", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="round_name_unique_in_year"),
            models.CheckConstraint(
                condition=~Q(kind=RoundKind.THEMATIC) | Q(phase__isnull=False) | Q(movement__isnull=False),
                name="round_thematic_names_phase_or_movement",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("awards:round_detail", self.pk)


class Proposal(ChoiceDisplayMixin, models.Model):
    """A unit's dossier (hồ sơ đề nghị khen thưởng) for one round."""

    round = models.ForeignKey(Round, verbose_name=_("đợt xét"), on_delete=models.PROTECT, related_name="proposals")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="award_proposals"
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT, db_index=True
    )
    achievement_report = models.TextField(_("báo cáo thành tích chung"), blank=True)
    version = models.PositiveIntegerField(_("lần gửi"), default=0)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    review_comment = models.TextField(_("ý kiến thẩm định"), blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("người lập"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"],
                condition=~Q(state=ProposalState.WITHDRAWN),
                name="proposal_one_active_per_round",
            )
        ]
        indexes = [
            models.Index(fields=["round", "state"]),
            # The proposals list and the Office's queue (by state), newest first, read from an index.
            models.Index(fields=["created_at", "id"], name="proposal_created_id_idx"),
            models.Index(fields=["state", "created_at", "id"], name="proposal_state_created_idx"),
            # The Office's "to verify" panel on the home page: the oldest sent dossiers first, from a small index.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(state__in=[ProposalState.SUBMITTED, ProposalState.VERIFYING]),
                name="proposal_to_verify_idx",
            ),
        ]

    def __str__(self):
        return _("Đề nghị khen thưởng – %(unit)s – %(round)s") % {"unit": self.unit, "round": self.round}

    def get_absolute_url(self):
        return link("awards:proposal_detail", self.pk)


class ProposalVersion(models.Model):
    """A copy of the dossier as it was sent; a resubmission after a return keeps the earlier one."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("lần gửi"))
    snapshot = models.JSONField(_("nội dung"), default=dict)
    created_by = models.ForeignKey(
        USER, verbose_name=_("người gửi"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản hồ sơ")
        verbose_name_plural = _("phiên bản hồ sơ")
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_unique")]

    def owner_unit(self):
        return self.proposal.unit


class Nominee(ChoiceDisplayMixin, models.Model):
    """A person or a collective of the proposing unit's subtree, proposed for one award."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="nominees")
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    award = models.ForeignKey(
        Award, verbose_name=_("danh hiệu, hình thức đề nghị"), on_delete=models.PROTECT, related_name="nominees"
    )
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    result = models.CharField(
        _("kết quả"), max_length=12, choices=NomineeResult.choices, default=NomineeResult.PENDING, db_index=True
    )
    eligibility = models.JSONField(_("kết quả kiểm tra điều kiện khi thẩm định"), default=dict, blank=True)
    override_justification = models.TextField(_("giải trình của Văn phòng khi chưa đạt điều kiện"), blank=True)
    override_by = models.ForeignKey(
        USER, verbose_name=_("người giải trình"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_at = models.DateTimeField(_("giải trình lúc"), null=True, blank=True)
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominees",
    )
    record = models.OneToOneField(
        AwardRecord,
        verbose_name=_("bản ghi khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominee",
    )
    higher_decision_number = models.CharField(_("số quyết định của cấp trên"), max_length=100, blank=True)
    higher_answered_at = models.DateTimeField(_("cấp trên trả lời lúc"), null=True, blank=True)
    certificate_issued_at = models.DateTimeField(_("cấp giấy lúc"), null=True, blank=True)
    # The nominee's place in its decision (by award, then proposing unit), numbered when the decision is recorded:
    # the decision's page reads 25 nominees from an index instead of joining all of them to sort.
    decision_position = models.PositiveIntegerField(_("thứ tự trong quyết định"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("người/tập thể được đề nghị")
        verbose_name_plural = _("người/tập thể được đề nghị")
        ordering = ["proposal", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="nominee_person_xor_unit",
            ),
            models.UniqueConstraint(
                fields=["proposal", "person", "award"], condition=Q(person__isnull=False), name="nominee_person_once"
            ),
            models.UniqueConstraint(
                fields=["proposal", "unit", "award"], condition=Q(unit__isnull=False), name="nominee_unit_once"
            ),
        ]
        indexes = [models.Index(fields=["decision", "decision_position"], name="nominee_decision_position_idx")]

    def __str__(self):
        return f"{self.name} – {self.award}"

    @property
    def name(self):
        return self.person.full_name if self.person_id else self.unit.name

    @property
    def holder_unit(self):
        """The unit the nominee belongs to (a person's unit, or the collective itself)."""
        return self.person.unit if self.person_id else self.unit

    def owner_unit(self):
        return self.proposal.unit

    @property
    def is_overridden(self):
        return bool(self.override_justification)


class NomineeComment(models.Model):
    """The Office's comment on one nominee when returning a dossier; kept through later versions."""

    nominee = models.ForeignKey(
        Nominee, verbose_name=_("người/tập thể"), on_delete=models.CASCADE, related_name="comments"
    )
    proposal_version = models.PositiveIntegerField(_("lần gửi"))
    author = models.ForeignKey(USER, verbose_name=_("người nhận xét"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhận xét hồ sơ")
        verbose_name_plural = _("nhận xét hồ sơ")
        ordering = ["created_at", "pk"]

    def owner_unit(self):
        return self.nominee.proposal.unit


def attachment_path(instance, filename):
    """A random stored name: the user's file name is kept only as data, never as a path."""
    return f"awards/{instance.proposal.round.year}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class Attachment(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="attachments"
    )
    nominee = models.ForeignKey(
        Nominee,
        verbose_name=_("người/tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại tài liệu"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(USER, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm hồ sơ")
        verbose_name_plural = _("tệp đính kèm hồ sơ")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def owner_unit(self):
        return self.proposal.unit

    def get_absolute_url(self):
        return link("awards:attachment_download", self.pk)


class Ballot(ChoiceDisplayMixin, models.Model):
    """A secret ballot of the council on a batch of verified nominees, open until its closing time."""

    round = models.ForeignKey(Round, verbose_name=_("đợt xét"), on_delete=models.PROTECT, related_name="ballots")
    name = models.CharField(_("tên phiên bỏ phiếu"), max_length=300)
    state = models.CharField(_("trạng thái"), max_length=10, choices=BallotState.choices, default=BallotState.OPEN)
    opens_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)
    closes_at = models.DateTimeField(_("đóng lúc"))
    opened_by = models.ForeignKey(USER, verbose_name=_("người mở"), on_delete=models.PROTECT, related_name="+")
    tallied_at = models.DateTimeField(_("kiểm phiếu lúc"), null=True, blank=True)
    tallied_by = models.ForeignKey(
        USER, verbose_name=_("người kiểm phiếu"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    total_members = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"), null=True, blank=True)
    # Taken from the document register when the ballot is tallied; the minutes print it as "12-BB/ĐUK".
    minutes_number = models.PositiveIntegerField(_("số biên bản"), null=True, blank=True, editable=False)
    # Written when the ballot opens (its items never change afterwards); NULL only between a bulk load and its
    # services.complete_bulk_load.
    item_count = models.PositiveIntegerField(_("số trường hợp"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("phiên bỏ phiếu kín")
        verbose_name_plural = _("phiên bỏ phiếu kín")
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["opens_at", "id"], name="ballot_opens_id_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("awards:ballot_detail", self.pk)


class BallotItem(models.Model):
    """One nominee on a ballot; its totals are written only when the ballot is tallied."""

    ballot = models.ForeignKey(Ballot, verbose_name=_("phiên bỏ phiếu"), on_delete=models.PROTECT, related_name="items")
    nominee = models.ForeignKey(
        Nominee, verbose_name=_("người/tập thể"), on_delete=models.PROTECT, related_name="ballot_items"
    )
    agree_count = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    disagree_count = models.PositiveSmallIntegerField(_("số phiếu không đồng ý"), null=True, blank=True)
    recused_count = models.PositiveSmallIntegerField(_("số thành viên không tham gia xét"), null=True, blank=True)
    passed = models.BooleanField(_("được thông qua"), null=True, blank=True)
    # The item's place on the ballot's pages (by proposing unit), numbered when the ballot opens: a page then reads
    # 25 items from an index instead of joining all 200 to their units to sort them.
    position = models.PositiveIntegerField(_("thứ tự"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("nội dung bỏ phiếu")
        verbose_name_plural = _("nội dung bỏ phiếu")
        ordering = ["ballot", "pk"]
        constraints = [models.UniqueConstraint(fields=["ballot", "nominee"], name="ballot_item_once")]
        indexes = [models.Index(fields=["ballot", "position"], name="ballot_item_position_idx")]

    @property
    def not_agree_count(self):
        """Abstentions count as not agreeing: everything but the agree votes, over the total membership."""
        if self.agree_count is None or self.ballot.total_members is None:
            return None
        return self.ballot.total_members - self.agree_count


class Vote(ChoiceDisplayMixin, models.Model):
    """One council member's secret vote on one nominee. Only the voter ever reads a row of this table."""

    item = models.ForeignKey(
        BallotItem, verbose_name=_("nội dung bỏ phiếu"), on_delete=models.PROTECT, related_name="votes"
    )
    voter = models.ForeignKey(USER, verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("phiếu"), max_length=10, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(_("bỏ phiếu lúc"), auto_now_add=True)
    # The item's ballot, copied on save: "how many nominees of this ballot has the member voted on" is then one short
    # index range, where going through the items probes the votes of 200 items a ballot.
    ballot = models.ForeignKey(
        Ballot,
        verbose_name=_("phiên bỏ phiếu"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        constraints = [models.UniqueConstraint(fields=["item", "voter"], name="vote_once_per_member_per_nominee")]
        indexes = [models.Index(fields=["ballot", "voter"], name="vote_ballot_voter_idx")]

    def save(self, *args, **kwargs):
        if self.ballot_id is None:
            self.ballot_id = self.item.ballot_id
        super().save(*args, **kwargs)


class PublicNotice(ChoiceDisplayMixin, models.Model):
    """The list the council passed, shown inside the portal for a number of working days before the decision."""

    ballot = models.OneToOneField(
        Ballot, verbose_name=_("phiên bỏ phiếu"), on_delete=models.PROTECT, related_name="notice"
    )
    state = models.CharField(_("trạng thái"), max_length=10, choices=NoticeState.choices, default=NoticeState.OPEN)
    published_at = models.DateTimeField(_("công khai lúc"), auto_now_add=True)
    ends_on = models.DateField(_("hết hạn công khai"))
    # Taken from the document register when the notice is published ("3-TB/ĐUK").
    number = models.PositiveIntegerField(_("số thông báo"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        USER, verbose_name=_("người công khai"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("công khai danh sách đề nghị")
        verbose_name_plural = _("công khai danh sách đề nghị")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["published_at", "id"], name="notice_published_id_idx")]

    def __str__(self):
        return _("Công khai: %(ballot)s") % {"ballot": self.ballot}

    def get_absolute_url(self):
        return link("awards:notice_detail", self.pk)


class NoticeFeedback(ChoiceDisplayMixin, models.Model):
    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("công khai"), on_delete=models.PROTECT, related_name="feedback"
    )
    nominee = models.ForeignKey(
        Nominee,
        verbose_name=_("về trường hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    kind = models.CharField(_("loại ý kiến"), max_length=10, choices=FeedbackKind.choices)
    text = models.TextField(_("nội dung"))
    author = models.ForeignKey(USER, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    resolution = models.TextField(_("kết quả xử lý"), blank=True)
    resolved_by = models.ForeignKey(
        USER, verbose_name=_("người xử lý"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến trong thời gian công khai")
        verbose_name_plural = _("ý kiến trong thời gian công khai")
        ordering = ["created_at", "pk"]


class Decision(models.Model):
    """The Standing Committee's decision on a notice's passed nominees; higher awards are forwarded by it."""

    notice = models.OneToOneField(
        PublicNotice, verbose_name=_("công khai"), on_delete=models.PROTECT, related_name="decision"
    )
    number = models.CharField(_("số quyết định"), max_length=30)
    date = models.DateField(_("ngày quyết định"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150)
    subject = models.CharField(_("trích yếu"), max_length=300)
    recorded_by = models.ForeignKey(USER, verbose_name=_("người ghi nhận"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    certificates_issued_at = models.DateTimeField(_("cấp giấy lúc"), null=True, blank=True)
    # Written with the decision (its nominees are fixed then); NULL only between a bulk load and its
    # services.complete_bulk_load.
    nominee_count = models.PositiveIntegerField(_("số trường hợp"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["number", "date"], name="decision_number_unique_per_date")]
        indexes = [models.Index(fields=["date", "id"], name="decision_date_id_idx")]

    def __str__(self):
        return _("Quyết định số %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return link("awards:decision_detail", self.pk)
