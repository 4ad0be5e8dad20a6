"""The records the eligibility checks read: awards held, yearly ratings, discipline."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from emulation.choices import ChoiceDisplayMixin
from emulation.models import Person, Unit

from ..enums import DisciplineLevel, Rating, RecordSource
from .common import YEAR_VALIDATORS


class AwardRecord(ChoiceDisplayMixin, models.Model):
    """An award a person or a unit holds: from a decision in the portal, an import, or the Office."""

    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    award = models.ForeignKey(
        "awards.Award", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="records"
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
