"""The award history: import of earlier awards from an .xlsx sheet."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from emulation.errors import DomainError
from emulation.models import Person, Unit
from emulation.services import log_action
from emulation.spreadsheets import UnreadableWorkbook, read_sheet
from emulation.uploads import XLSX, inspect_upload
from emulation.workflow import check

from .. import upkeep
from ..enums import (
    RecordSource,
)
from ..models import (
    Award,
    AwardRecord,
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)


IMPORT_COLUMNS = [
    "Loại",
    "Mã đơn vị",
    "Họ và tên",
    "Danh hiệu",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cấp quyết định",
]


DECISION_NUMBER_LENGTH = AwardRecord._meta.get_field("decision_number").max_length
ISSUER_LENGTH = AwardRecord._meta.get_field("issuer").max_length


@transaction.atomic
def import_history(*, file, by):
    """Import earlier awards from an .xlsx sheet with the columns of IMPORT_COLUMNS; rows with errors are reported.

    The whole sheet is read (bounded by the core's import limits) before anything is written: a file refused for
    its size, its rows or its cells raises a DomainError and writes nothing.
    """
    check(by, "awards.import_history")
    inspect_upload(file, types=(XLSX,))
    try:
        lines = read_sheet(file, columns=len(IMPORT_COLUMNS))
    except UnreadableWorkbook as error:
        raise DomainError(_("Không đọc được tệp Excel."), field="file") from error
    awards = {}
    for award in Award.objects.all():
        awards[award.code.lower()] = award
        awards[award.name.lower()] = award
    units = {u.code: u for u in Unit.objects.all()}
    result = ImportResult()
    for number, row in lines[1:]:
        if not row or not any(row):
            continue
        try:
            created = _import_row(row, awards, units)
        except DomainError as error:
            result.errors.append((number, error.message))
            continue
        if created:
            result.created += 1
        else:
            result.updated += 1
    upkeep.records_changed()
    log_action(
        actor=by,
        action="award_history.imported",
        comment=getattr(file, "name", ""),
        data={"created": result.created, "updated": result.updated, "errors": len(result.errors)},
    )
    return result


def _cell(row, index):
    value = row[index] if index < len(row) else None
    return "" if value is None else str(value).strip()


def _import_row(row, awards, units):
    kind, unit_code, name, award_name = (_cell(row, i) for i in range(4))
    award = awards.get(award_name.lower())
    if award is None:
        raise DomainError(_("Không có danh hiệu “%(a)s” trong danh mục.") % {"a": award_name})
    unit = units.get(unit_code)
    if unit is None:
        raise DomainError(_("Không có đơn vị mã “%(c)s”.") % {"c": unit_code})
    try:
        year = int(float(_cell(row, 4)))
    except (ValueError, OverflowError) as error:
        raise DomainError(_("Năm không hợp lệ.")) from error
    if not 1945 <= year <= 2100:
        raise DomainError(_("Năm không hợp lệ."))
    date_value = row[6] if len(row) > 6 else None
    if isinstance(date_value, datetime.datetime):
        date_value = date_value.date()
    elif not isinstance(date_value, datetime.date):
        date_value = _parse_date(_cell(row, 6))
    decision_number, issuer = _cell(row, 5), _cell(row, 7)
    if len(decision_number) > DECISION_NUMBER_LENGTH:
        raise DomainError(_("Số quyết định quá dài (tối đa %(n)s ký tự).") % {"n": DECISION_NUMBER_LENGTH})
    if len(issuer) > ISSUER_LENGTH:
        raise DomainError(_("Cấp quyết định quá dài (tối đa %(n)s ký tự).") % {"n": ISSUER_LENGTH})
    defaults = {
        "decision_number": decision_number,
        "decision_date": date_value,
        "issuer": issuer,
        "source": RecordSource.IMPORTED,
    }
    if kind.lower().startswith("tập thể") or kind.lower().startswith("tap the"):
        _record, created = AwardRecord.objects.update_or_create(unit=unit, award=award, year=year, defaults=defaults)
        return created
    people = list(Person.objects.filter(unit=unit, full_name__iexact=name)[:2])
    if len(people) != 1:
        raise DomainError(_("Không xác định được cá nhân “%(n)s” của đơn vị “%(u)s”.") % {"n": name, "u": unit.name})
    _record, created = AwardRecord.objects.update_or_create(person=people[0], award=award, year=year, defaults=defaults)
    return created


def _parse_date(text):
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
