"""The organization the portal serves: units, clusters, people, roles; and the shared audit and notifications."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import ChoiceDisplayMixin
from .enums import DocumentKind, NotificationKind, PersonType, Role, UnitLevel, UnitSector


class Cluster(models.Model):
    """An emulation cluster (cụm/khối thi đua): units that sign covenants and are ranked together."""

    name = models.CharField(_("tên cụm"), max_length=200, unique=True)
    code = models.SlugField(_("mã cụm"), max_length=30, unique=True)
    description = models.TextField(_("mô tả"), blank=True)
    lead_unit = models.ForeignKey(
        "Unit",
        verbose_name=_("đơn vị trưởng cụm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_clusters",
    )

    class Meta:
        verbose_name = _("cụm thi đua")
        verbose_name_plural = _("cụm thi đua")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cluster_detail", args=[self.pk])


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, units):
        """Units at or below any of the given units, found by their materialized paths."""
        condition = Q(pk__in=[])
        for unit in units:
            condition |= Q(path__startswith=unit.path)
        return self.filter(condition)


class Unit(ChoiceDisplayMixin, models.Model):
    """A party organization in the Bloc's tree: the Bloc at the root, grassroots committees and cells, sub-cells."""

    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    code = models.SlugField(_("mã đơn vị"), max_length=30, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.CharField(_("cấp tổ chức đảng"), max_length=20, choices=UnitLevel.choices)
    sector = models.CharField(_("loại hình"), max_length=20, choices=UnitSector.choices)
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # Materialized path of ids ("/1/7/23/"): a subtree is one indexed prefix query at any depth.
    path = models.CharField(_("đường dẫn cây"), max_length=255, editable=False, db_index=True, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["cluster", "sector"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(level=UnitLevel.BLOC), name="unit_only_bloc_is_root"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("unit_detail", args=[self.pk])

    @property
    def depth(self):
        return self.path.count("/") - 2

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if path != self.path:
            old = self.path
            self.path = path
            Unit.objects.filter(pk=self.pk).update(path=path)
            if old:  # moved: carry the subtree along
                for child in Unit.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    child.path = path + child.path[len(old) :]
                    Unit.objects.filter(pk=child.pk).update(path=child.path)


class Person(ChoiceDisplayMixin, models.Model):
    """A cadre, party member, civil servant, public employee or worker of a unit."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people")
    person_type = models.CharField(_("đối tượng"), max_length=20, choices=PersonType.choices)
    is_party_member = models.BooleanField(_("đảng viên"), default=False)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["unit__path", "full_name"]
        indexes = [
            models.Index(fields=["unit", "full_name"]),
            # The people list's order (name, then id) read straight from an index, not sorted from a million rows.
            models.Index(fields=["full_name", "id"], name="person_name_id_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="person_birth_year_plausible",
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("person_detail", args=[self.pk])


class RoleAssignment(ChoiceDisplayMixin, models.Model):
    """One role a user holds; a user may hold several. A secretary's role names the unit it covers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )
    granted_at = models.DateTimeField(_("ngày giao"), auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò của tài khoản")
        verbose_name_plural = _("vai trò của tài khoản")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(unit__isnull=True), name="role_assignment_unique_bloc_wide"
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.SECRETARY) | Q(unit__isnull=False), name="secretary_role_names_unit"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}" + (f" ({self.unit})" if self.unit_id else "")


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)).select_related(
            "actor"
        )


class AuditEntry(models.Model):
    """An append-only record of a state change, login or export: who, when, from where, and why."""

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"]),
            # The log's order (newest first, then id) from an index: entries written in one second are many.
            models.Index(fields=["created_at", "id"], name="audit_created_id_idx"),
        ]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"

    @property
    def action_label(self):
        from .audit import action_label

        return action_label(self.action)

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")


class Notification(models.Model):
    """A message in a user's in-portal inbox, optionally with a deadline and a link to act on."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("liên kết"), max_length=500, blank=True)
    deadline = models.DateField(_("hạn"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)
    kind = models.CharField(
        _("loại thông báo"), max_length=20, choices=NotificationKind.choices, default=NotificationKind.OTHER
    )
    # False when no mail is owed: the caller asked for none, the demo wrote it, or the recipient opted out of its
    # kind; the sweeps then leave it to the inbox.
    by_email = models.BooleanField(_("gửi kèm thư"), default=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "created_at"]),
            # The mail sweeps: what is still owed a mail, oldest first.
            models.Index(
                fields=["kind", "created_at"],
                name="notification_mail_owed",
                condition=Q(by_email=True, emailed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.title


class MailOptOut(models.Model):
    """A kind of notification a user reads in the portal only, not by mail (the inbox keeps every kind)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="mail_opt_outs"
    )
    kind = models.CharField(_("loại thông báo"), max_length=20, choices=NotificationKind.choices)

    class Meta:
        verbose_name = _("loại thông báo không nhận qua thư")
        verbose_name_plural = _("loại thông báo không nhận qua thư")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_mail_opt_out_per_kind")]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()}"


class OrganizationProfile(models.Model):
    """The issuing body's names, place and signer used on every page header and generated document.

    One row, edited by the Office in the admin, so another committee or the next term changes data, not code.
    """

    superior_body = models.CharField(_("tổ chức đảng cấp trên"), max_length=200, default="ĐẢNG BỘ TỈNH")
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200, default="ĐẢNG ỦY KHỐI")
    short_name = models.CharField(_("tên gọi ngắn"), max_length=100, default="Đảng ủy Khối")
    place = models.CharField(_("địa danh"), max_length=100, default="")
    number_suffix = models.CharField(
        _("ký hiệu cơ quan trong số văn bản"),
        max_length=30,
        default="ĐUK",
        help_text=_("Ví dụ: ĐUK, cho số văn bản dạng 15-BC/ĐUK."),
    )
    signing_on_behalf = models.CharField(_("thay mặt"), max_length=100, default="T/M BAN THƯỜNG VỤ")
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, default="BÍ THƯ")
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    council_secretary_name = models.CharField(
        _("thư ký Hội đồng Thi đua - Khen thưởng"),
        max_length=100,
        blank=True,
        help_text=_("Người ký biên bản kiểm phiếu; để trống thì ghi tên người kiểm phiếu."),
    )
    recipients = models.TextField(_("nơi nhận mặc định"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thông tin cơ quan")
        verbose_name_plural = _("thông tin cơ quan")

    def __str__(self):
        return self.issuing_body

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls()

    def document_number(self, number, kind):
        """A Party document number such as 15-BC/ĐUK."""
        return f"{number}-{kind}/{self.number_suffix}"

    def recipient_lines(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class NumberRegister(models.Model):
    """The counter of one document type in one numbering period (a party term such as "2025-2030", or a year).

    Locked with select_for_update while a number is taken, so two documents never share a number."""

    kind = models.CharField(_("loại văn bản"), max_length=5, choices=DocumentKind.choices)
    period = models.CharField(_("nhiệm kỳ hoặc năm"), max_length=20)
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        ordering = ["-period", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "period"], name="number_register_unique_kind_period")]

    def __str__(self):
        return f"{self.kind} {self.period}: {self.last_number}"


class DocumentNumber(models.Model):
    """One number issued from the register; the database refuses the same number twice in a type and period."""

    kind = models.CharField(_("loại văn bản"), max_length=5, choices=DocumentKind.choices)
    period = models.CharField(_("nhiệm kỳ hoặc năm"), max_length=20)
    number = models.PositiveIntegerField(_("số"))
    issued_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("số văn bản đã cấp")
        verbose_name_plural = _("số văn bản đã cấp")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "period", "number"], name="document_number_unique_in_period")
        ]

    def __str__(self):
        return f"{self.number}-{self.kind} ({self.period})"


class ThrottleCounter(models.Model):
    """An attempt counter of the login and password-reset limits, kept here only while the cache is unreachable
    (throttle.py): the limits hold through a Redis outage instead of lapsing."""

    key = models.CharField(max_length=100, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("bộ đếm giới hạn đăng nhập")
        verbose_name_plural = _("bộ đếm giới hạn đăng nhập")
