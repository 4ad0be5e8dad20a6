"""The council's ballots: a ballot, its items, the members' votes."""

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.choices import ChoiceDisplayMixin
from emulation.links import link

from ..enums import BallotState, VoteChoice
from .common import USER


class Tally(NamedTuple):
    """One nominee's count over the council's total membership: every member agreed, disagreed, did not vote
    ("Không bỏ phiếu"), or was recused from the nominee ("Không tham gia"); the four add up to the total, on the
    page as in the minutes."""

    total: int
    agree: int
    disagree: int
    recused: int

    @property
    def absent(self):
        """Members who could vote and did not."""
        return max(self.total - self.agree - self.disagree - self.recused, 0)


class Ballot(ChoiceDisplayMixin, models.Model):
    """A secret ballot of the council on a batch of verified nominees, open until its closing time."""

    round = models.ForeignKey(
        "awards.Round", verbose_name=_("đợt xét"), on_delete=models.PROTECT, related_name="ballots"
    )
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
        "awards.Nominee", verbose_name=_("người/tập thể"), on_delete=models.PROTECT, related_name="ballot_items"
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
    def tally(self):
        """The item's figures as the minutes and the ballot's page both print them (None before the tally).

        One computation for both, so the page cannot say other than the signed minutes.
        """
        if self.agree_count is None or self.ballot.total_members is None:
            return None
        return Tally(
            total=self.ballot.total_members,
            agree=self.agree_count,
            disagree=self.disagree_count or 0,
            recused=self.recused_count or 0,
        )


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
