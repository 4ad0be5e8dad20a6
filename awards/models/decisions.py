"""After the ballot: the public notice, the feedback it draws, the decision."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.choices import ChoiceDisplayMixin
from emulation.links import link

from ..enums import FeedbackKind, NoticeState
from .common import USER


class PublicNotice(ChoiceDisplayMixin, models.Model):
    """The list the council passed, shown inside the portal for a number of working days before the decision."""

    ballot = models.OneToOneField(
        "awards.Ballot", verbose_name=_("phiên bỏ phiếu"), on_delete=models.PROTECT, related_name="notice"
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

    # The decision waits for the notice to run its course: it may be recorded from the day after the notice's
    # last day. The service that records it and every page that offers it ask these two, nothing else.
    @property
    def decision_opens_after(self):
        """The last day of the notice: "Ghi nhận quyết định — mở sau ngày …"."""
        return self.ends_on

    @property
    def decision_is_due(self):
        return timezone.localdate() > self.decision_opens_after


class NoticeFeedback(ChoiceDisplayMixin, models.Model):
    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("công khai"), on_delete=models.PROTECT, related_name="feedback"
    )
    nominee = models.ForeignKey(
        "awards.Nominee",
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
