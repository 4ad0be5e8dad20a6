from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    BLOC = "bloc", _("Đảng bộ Khối")
    GRASSROOTS_COMMITTEE = "committee", _("Đảng bộ cơ sở")
    GRASSROOTS_CELL = "cell", _("Chi bộ cơ sở")
    SUB_CELL = "sub_cell", _("Chi bộ trực thuộc")


class UnitSector(models.TextChoices):
    PARTY = "party", _("Cơ quan Đảng")
    AGENCY = "agency", _("Cơ quan hành chính")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    MASS_ORGANIZATION = "mass_org", _("Tổ chức đoàn thể")


class PersonType(models.TextChoices):
    CADRE = "cadre", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    WORKER = "worker", _("Người lao động")


class Role(models.TextChoices):
    OFFICE = "office", _("Văn phòng Đảng ủy Khối")
    SECRETARY = "secretary", _("Bí thư / người được giao của đơn vị")
    COUNCIL = "council", _("Thành viên Hội đồng Thi đua - Khen thưởng")
    STANDING = "standing", _("Ủy viên Ban Thường vụ")
    PROPAGANDA = "propaganda", _("Ban Tuyên giáo")
    ORGANIZATION = "organization", _("Ban Tổ chức")
    INSPECTION = "inspection", _("Ủy ban Kiểm tra")


# Roles that read every unit's records without changing them.
OBSERVER_ROLES = {Role.PROPAGANDA, Role.ORGANIZATION, Role.INSPECTION}
# Roles that are not tied to a unit; a secretary's role always names one.
BLOC_WIDE_ROLES = {Role.OFFICE, Role.COUNCIL, Role.STANDING} | OBSERVER_ROLES


class DocumentKind(models.TextChoices):
    """The Party's document types, by the abbreviation printed in a number such as 12-BB/ĐUK."""

    MINUTES = "BB", _("Biên bản")
    DECISION = "QĐ", _("Quyết định")
    NOTICE = "TB", _("Thông báo")
    REPORT = "BC", _("Báo cáo")
    PLAN = "KH", _("Kế hoạch")
    COVER_LETTER = "TTr", _("Tờ trình")


class NotificationKind(models.TextChoices):
    """What a notification is about, so each person chooses which kinds also come by mail.

    Reminders are gathered into one mail a day (tasks.send_reminder_digests); the other kinds are mailed as they come.
    """

    REMINDER = "reminder", _("Nhắc hạn, đôn đốc")
    ANNOUNCEMENT = "announcement", _("Phát động, mở đợt, công khai")
    TO_HANDLE = "to_handle", _("Việc gửi đến cần xử lý")
    REVIEW = "review", _("Kết quả xét duyệt")
    BALLOT = "ballot", _("Bỏ phiếu")
    DECISION = "decision", _("Quyết định khen thưởng")
    OTHER = "other", _("Thông báo khác")


# Kinds mailed as one digest a day per person instead of one mail each.
DIGEST_KINDS = (NotificationKind.REMINDER,)
