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
