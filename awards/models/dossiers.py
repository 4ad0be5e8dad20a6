"""Rounds and the units' dossiers: proposals, their versions, nominees, comments, attachments."""

import uuid
from pathlib import Path

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from emulation.choices import ChoiceDisplayMixin
from emulation.links import link
from emulation.models import Person, Unit

from ..enums import NomineeResult, ProposalState, RoundKind, RoundState
from .common import USER, YEAR_VALIDATORS


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
    awards = models.ManyToManyField(
        "awards.Award", verbose_name=_("danh hiệu, hình thức được xét"), related_name="rounds"
    )
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
        "awards.Award",
        verbose_name=_("danh hiệu, hình thức đề nghị"),
        on_delete=models.PROTECT,
        related_name="nominees",
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
        "awards.AwardRecord",
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
        "awards.DocumentType", verbose_name=_("loại tài liệu"), on_delete=models.PROTECT, related_name="+"
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
