"""Demo data of the core: the Bloc, its clusters and units, people and one account per role.

Idempotent: everything is looked up by a natural key (code, username) and updated in place.
"""

import contextlib
import datetime
from unittest import mock

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from .enums import PersonType, Role, UnitLevel, UnitSector
from .models import Cluster, OrganizationProfile, Person, RoleAssignment, Unit
from .services import units_reloaded

DEMO_PASSWORD = "ThiDua@2025"  # noqa: S105 - the documented demo password

CLUSTERS = [
    ("cum-1", "Cụm thi đua số 1: Các cơ quan quản lý nhà nước", "so-tai-chinh"),
    ("cum-2", "Cụm thi đua số 2: Các đơn vị sự nghiệp", "benh-vien-da-khoa"),
    ("cum-3", "Cụm thi đua số 3: Các doanh nghiệp", "dien-luc"),
]

# code, name, level, sector, cluster code, parent code
UNITS = [
    ("so-tai-chinh", "Đảng bộ Sở Tài chính", UnitLevel.GRASSROOTS_COMMITTEE, UnitSector.AGENCY, "cum-1", None),
    ("so-ke-hoach", "Đảng bộ Sở Kế hoạch và Đầu tư", UnitLevel.GRASSROOTS_COMMITTEE, UnitSector.AGENCY, "cum-1", None),
    ("so-noi-vu", "Đảng bộ Sở Nội vụ", UnitLevel.GRASSROOTS_COMMITTEE, UnitSector.AGENCY, "cum-1", None),
    ("so-tu-phap", "Chi bộ Sở Tư pháp", UnitLevel.GRASSROOTS_CELL, UnitSector.AGENCY, "cum-1", None),
    ("so-cong-thuong", "Đảng bộ Sở Công Thương", UnitLevel.GRASSROOTS_COMMITTEE, UnitSector.AGENCY, "cum-1", None),
    ("ban-dan-toc", "Chi bộ Ban Dân tộc tỉnh", UnitLevel.GRASSROOTS_CELL, UnitSector.AGENCY, "cum-1", None),
    (
        "cong-doan-khoi",
        "Công đoàn Viên chức tỉnh",
        UnitLevel.GRASSROOTS_CELL,
        UnitSector.MASS_ORGANIZATION,
        "cum-1",
        None,
    ),
    (
        "benh-vien-da-khoa",
        "Đảng bộ Bệnh viện Đa khoa tỉnh",
        UnitLevel.GRASSROOTS_COMMITTEE,
        UnitSector.PUBLIC_SERVICE,
        "cum-2",
        None,
    ),
    ("bv-khoa-noi", "Chi bộ Khoa Nội", UnitLevel.SUB_CELL, UnitSector.PUBLIC_SERVICE, "cum-2", "benh-vien-da-khoa"),
    ("bv-khoa-ngoai", "Chi bộ Khoa Ngoại", UnitLevel.SUB_CELL, UnitSector.PUBLIC_SERVICE, "cum-2", "benh-vien-da-khoa"),
    (
        "dai-hoc-ha-tinh",
        "Đảng bộ Trường Đại học Hà Tĩnh",
        UnitLevel.GRASSROOTS_COMMITTEE,
        UnitSector.PUBLIC_SERVICE,
        "cum-2",
        None,
    ),
    (
        "dai-phat-thanh",
        "Đảng bộ Đài Phát thanh - Truyền hình tỉnh",
        UnitLevel.GRASSROOTS_COMMITTEE,
        UnitSector.PUBLIC_SERVICE,
        "cum-2",
        None,
    ),
    ("bao-ha-tinh", "Chi bộ Báo Hà Tĩnh", UnitLevel.GRASSROOTS_CELL, UnitSector.PUBLIC_SERVICE, "cum-2", None),
    (
        "cdc",
        "Chi bộ Trung tâm Kiểm soát bệnh tật tỉnh",
        UnitLevel.GRASSROOTS_CELL,
        UnitSector.PUBLIC_SERVICE,
        "cum-2",
        None,
    ),
    (
        "cao-dang-y-te",
        "Đảng bộ Trường Cao đẳng Y tế",
        UnitLevel.GRASSROOTS_COMMITTEE,
        UnitSector.PUBLIC_SERVICE,
        "cum-2",
        None,
    ),
    (
        "dien-luc",
        "Đảng bộ Công ty Điện lực Hà Tĩnh",
        UnitLevel.GRASSROOTS_COMMITTEE,
        UnitSector.ENTERPRISE,
        "cum-3",
        None,
    ),
    (
        "agribank",
        "Đảng bộ Agribank Chi nhánh Hà Tĩnh",
        UnitLevel.GRASSROOTS_COMMITTEE,
        UnitSector.ENTERPRISE,
        "cum-3",
        None,
    ),
    (
        "cap-nuoc",
        "Đảng bộ Công ty Cổ phần Cấp nước Hà Tĩnh",
        UnitLevel.GRASSROOTS_COMMITTEE,
        UnitSector.ENTERPRISE,
        "cum-3",
        None,
    ),
    (
        "xo-so",
        "Chi bộ Công ty Xổ số Kiến thiết Hà Tĩnh",
        UnitLevel.GRASSROOTS_CELL,
        UnitSector.ENTERPRISE,
        "cum-3",
        None,
    ),
    ("viettel", "Đảng bộ Viettel Hà Tĩnh", UnitLevel.GRASSROOTS_COMMITTEE, UnitSector.ENTERPRISE, "cum-3", None),
    ("moi-truong", "Chi bộ Công ty Môi trường Đô thị", UnitLevel.GRASSROOTS_CELL, UnitSector.ENTERPRISE, "cum-3", None),
    (
        "vietcombank",
        "Đảng bộ Vietcombank Hà Tĩnh",
        UnitLevel.GRASSROOTS_COMMITTEE,
        UnitSector.ENTERPRISE,
        "cum-3",
        None,
    ),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đình", "Hữu", "Minh", "Thị Thu", "Xuân", "Quốc", "Thị Hồng", "Công"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trung",
    "Tuấn",
    "Yến",
]
POSITIONS = [
    "Bí thư",
    "Phó Bí thư",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Chuyên viên",
    "Chuyên viên",
    "Nhân viên",
    "Kế toán",
]
TYPES_BY_SECTOR = {
    UnitSector.AGENCY: [PersonType.CADRE, PersonType.CIVIL_SERVANT, PersonType.CIVIL_SERVANT],
    UnitSector.PUBLIC_SERVICE: [PersonType.CADRE, PersonType.PUBLIC_EMPLOYEE, PersonType.PUBLIC_EMPLOYEE],
    UnitSector.ENTERPRISE: [PersonType.CADRE, PersonType.WORKER, PersonType.WORKER],
    UnitSector.MASS_ORGANIZATION: [PersonType.CADRE, PersonType.CIVIL_SERVANT],
    UnitSector.PARTY: [PersonType.CADRE, PersonType.CIVIL_SERVANT],
}
PEOPLE_PER_UNIT = 8

# username, full name, roles, unit code of the person (and of the secretary role), position
ACCOUNTS = [
    ("vanphong", "Trần Thị Thu Hà", [Role.OFFICE], "khoi", "Chuyên viên Văn phòng Đảng ủy Khối"),
    ("bithu1", "Nguyễn Văn Hùng", [Role.SECRETARY], "so-tai-chinh", "Bí thư"),
    ("bithu2", "Lê Thị Mai", [Role.SECRETARY], "so-ke-hoach", "Bí thư"),
    ("bithu3", "Bùi Thị Thu Trang", [Role.SECRETARY], "so-noi-vu", "Bí thư"),
    ("hoidong1", "Phạm Quốc Trung", [Role.COUNCIL], "so-tai-chinh", "Ủy viên Hội đồng Thi đua - Khen thưởng"),
    ("hoidong2", "Hoàng Minh Tâm", [Role.COUNCIL], "benh-vien-da-khoa", "Ủy viên Hội đồng Thi đua - Khen thưởng"),
    # Two roles, as in a real Bloc: the standing deputy secretary sits on the Standing Committee and is the
    # council's vice-chair (he votes in the council and approves plans with the Standing Committee).
    (
        "hoidong3",
        "Võ Xuân Sơn",
        [Role.COUNCIL, Role.STANDING],
        "khoi",
        "Phó Bí thư Thường trực Đảng ủy Khối, Phó Chủ tịch Hội đồng Thi đua - Khen thưởng",
    ),
    ("thuongvu", "Nguyễn Đình Hải", [Role.STANDING], "khoi", "Bí thư Đảng ủy Khối"),
    ("tuyengiao", "Đặng Thị Hồng Nga", [Role.PROPAGANDA], "khoi", "Trưởng Ban Tuyên giáo"),
]
# Units whose secretary is a demo account: that account is the unit's one "Bí thư", so the generated people of
# the unit hold other posts.
SECRETARY_UNITS = {unit for _, _, roles, unit, _ in ACCOUNTS if Role.SECRETARY in roles}


def at(day, hour=9):
    """An aware moment of a demo day (the story's events happen in office hours)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def working_day(day):
    """``day``, or the Monday after it when it falls on a weekend: offices act on working days."""
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


@contextlib.contextmanager
def played_at(moment):
    """Play part of the demo's story at a past ``moment`` through the real services.

    The services stamp what they do with the clock (submitted, voted, published, decided); the demo tells a story
    that began months ago, so each step runs with the clock set to when it happened, never later than now.
    """
    now = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=min(moment, now)):
        yield


def seed(stdout=None):
    profile = _profile()
    root = _root()
    clusters = {
        code: Cluster.objects.update_or_create(code=code, defaults={"name": name})[0] for code, name, _ in CLUSTERS
    }
    units = {"khoi": root}
    for code, name, level, sector, cluster_code, parent_code in UNITS:
        units[code] = Unit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "sector": sector,
                "cluster": clusters[cluster_code],
                "parent": units[parent_code or "khoi"],
            },
        )[0]
    for code, _, lead in CLUSTERS:
        Cluster.objects.filter(code=code).update(lead_unit=units[lead])
    for index, unit in enumerate(units[code] for code, *_ in UNITS):
        _people(unit, index)
    office_group = _office_group()
    for username, full_name, roles, unit_code, position in ACCOUNTS:
        _account(username, full_name, roles, units[unit_code], office_group, position)
    units_reloaded()  # the units and clusters were written around save_unit()
    if stdout:
        stdout.write(f"{profile.issuing_body}: {Unit.objects.count()} đơn vị, {Person.objects.count()} cá nhân.")
        stdout.write(f"Tài khoản demo: {', '.join(a[0] for a in ACCOUNTS)} — mật khẩu {DEMO_PASSWORD}")
    return units


def _profile():
    profile = OrganizationProfile.objects.order_by("pk").first() or OrganizationProfile()
    profile.superior_body = "ĐẢNG BỘ TỈNH HÀ TĨNH"
    profile.issuing_body = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH"
    profile.short_name = "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh"
    profile.place = "Hà Tĩnh"
    profile.number_suffix = "ĐUK"
    profile.signing_on_behalf = "T/M BAN THƯỜNG VỤ"
    profile.signer_position = "BÍ THƯ"
    profile.signer_name = "Nguyễn Đình Hải"
    # The Office's officer keeps the council's minutes (the demo's "vanphong" account).
    profile.council_secretary_name = "Trần Thị Thu Hà"
    profile.recipients = "\n".join(
        [
            "Ban Tuyên giáo Tỉnh ủy (để b/c),",
            "Ban Thi đua - Khen thưởng tỉnh,",
            "Ban Thường vụ ĐUK (chỉ đạo),",
            "Các đảng ủy, chi ủy cơ sở,",
            "Lưu VP Đảng ủy Khối.",
        ]
    )
    profile.save()
    return profile


def _root():
    return Unit.objects.update_or_create(
        code="khoi",
        defaults={
            "name": "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hà Tĩnh",
            "short_name": "Đảng bộ Khối",
            "level": UnitLevel.BLOC,
            "sector": UnitSector.PARTY,
            "parent": None,
        },
    )[0]


def _people(unit, index):
    types = TYPES_BY_SECTOR[unit.sector]
    for n in range(PEOPLE_PER_UNIT):
        k = index * PEOPLE_PER_UNIT + n
        name = f"{FAMILY[k % len(FAMILY)]} {MIDDLE[(k // 3) % len(MIDDLE)]} {GIVEN[(k * 7) % len(GIVEN)]}"
        position = POSITIONS[n % len(POSITIONS)]
        if position == "Bí thư" and unit.code in SECRETARY_UNITS:
            position = "Phó Bí thư"
        Person.objects.update_or_create(
            unit=unit,
            full_name=name,
            defaults={
                "position": position,
                "person_type": types[n % len(types)],
                "is_party_member": n % 4 != 3,
                "birth_year": 1970 + (k * 3) % 30,
            },
        )


def _office_group():
    """The Office manages the catalog, the organization and the schedules in the admin; it reads the audit log.

    Users, groups, permissions and role assignments are the superuser's alone (the admin refuses them to anyone
    else too): with them the Office could make itself superuser or give itself the council's vote. ``set`` also
    takes away what an older seed granted.
    """
    group, _ = Group.objects.get_or_create(name="Văn phòng Đảng ủy Khối")
    perms = (
        Permission.objects.filter(
            content_type__app_label__in=["emulation", "campaigns", "awards", "reports", "django_celery_beat"]
        )
        .exclude(content_type__app_label="emulation", content_type__model="roleassignment")
        .exclude(codename__in=["change_auditentry", "delete_auditentry", "add_auditentry"])
    )
    group.permissions.set(perms)
    return group


def _account(username, full_name, roles, unit, office_group, position):
    # Django prints first_name + last_name; Vietnamese names read family name first, given name last.
    family_and_middle, _, given = full_name.rpartition(" ")
    user, created = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = family_and_middle, given
    user.email = f"{username}@thidua.local"
    user.is_staff = Role.OFFICE in roles
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
    user.save()
    if Role.OFFICE in roles:
        user.groups.add(office_group)
    for role in roles:
        RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit if role == Role.SECRETARY else None)
    Person.objects.update_or_create(
        user=user,
        defaults={
            "full_name": full_name,
            "unit": unit,
            "position": position,
            "person_type": PersonType.CADRE,
            "is_party_member": True,
            "birth_year": 1975,
        },
    )
