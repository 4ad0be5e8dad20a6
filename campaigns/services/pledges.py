"""A unit's pledge for a launched plan: drafting, individual registrations, review and revision."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.enums import NotificationKind, Role
from emulation.errors import DomainError
from emulation.models import Person, Unit
from emulation.selectors import role_holders
from emulation.services import log_action
from emulation.workflow import check, notify_after_commit, require, transition

from .. import upkeep
from ..enums import EDITABLE_STATES, PlanState, ReviewState
from ..models import IndividualRegistration, Pledge, PledgeTarget
from ..titles import COLLECTIVE, INDIVIDUAL, matching_title, registrable_titles
from .common import bump, measured_value, require_current
from .plans import unit_secretaries


def office_users():
    return list(role_holders(Role.OFFICE))


def _require_launched(plan):
    if plan.state != PlanState.LAUNCHED:
        raise DomainError(_("Kế hoạch chưa được phát động hoặc đã kết thúc."))


def _locked(pledge):
    return Pledge.objects.select_for_update().select_related("plan", "unit").get(pk=pledge.pk)


def _require_editable(pledge):
    if pledge.state not in EDITABLE_STATES:
        raise DomainError(_("Bản đăng ký đã gửi, không thể sửa. Sau khi được chấp thuận, hãy lập bản sửa đổi."))


@transaction.atomic
def start_pledge(*, plan, unit, by):
    """Open a draft pledge of a unit for a launched plan (the unit's secretary), joining all the plan's movements."""
    check(by, "campaigns.file_for_unit", unit)
    _require_launched(plan)
    Unit.objects.select_for_update().get(pk=unit.pk)  # two clicks must not make two drafts
    if Pledge.objects.filter(plan=plan, unit=unit).exclude(state=ReviewState.SUPERSEDED).exists():
        raise DomainError(_("Đơn vị đã có bản đăng ký thi đua cho kế hoạch này."))
    pledge = Pledge.objects.create(plan=plan, unit=unit, created_by=by)
    pledge.movements.set(plan.movements.all())
    upkeep.pledge_changed(pledge)
    log_action(actor=by, action="pledge.created", obj=pledge)
    return pledge


@transaction.atomic
def save_pledge(*, pledge, by, targets, movements=None, aimed_title="", commitment="", expected_version=None):
    """Save the draft's movements, aimed title, commitment and targets ({criterion: value or ''}).

    Every target is checked against its criterion's kind; one bad value refuses the whole save. A save from a
    form drawn at another version than the locked row's (``expected_version``) is refused: no silent overwrite.
    """
    check(by, "campaigns.file_for_unit", pledge)
    pledge = _locked(pledge)
    require_current(pledge, expected_version)
    _require_editable(pledge)
    _require_launched(pledge.plan)
    plan_movements = set(pledge.plan.movements.values_list("pk", flat=True))
    if movements is not None and any(m.pk not in plan_movements for m in movements):
        raise DomainError(_("Chỉ được chọn phong trào thuộc kế hoạch."), field="movements")
    values = {}
    for criterion, raw in targets.items():
        if criterion.plan_id != pledge.plan_id:
            raise DomainError(_("Tiêu chí không thuộc kế hoạch này."))
        if raw not in (None, ""):
            values[criterion] = measured_value(criterion, raw, what="target")
    pledge.aimed_title = _aimed_title(pledge, aimed_title)
    pledge.commitment = commitment.strip()
    bump(pledge)
    pledge.save()
    upkeep.pledge_changed(pledge)
    if movements is not None:
        pledge.movements.set(movements)
    PledgeTarget.objects.filter(pledge=pledge).exclude(criterion__in=list(values)).delete()
    for criterion, value in values.items():
        PledgeTarget.objects.update_or_create(pledge=pledge, criterion=criterion, defaults={"value": value})
    log_action(actor=by, action="pledge.updated", obj=pledge, data={"targets": len(values)})
    return pledge


def _aimed_title(pledge, title):
    """The collective title as the catalog spells it; one the unit may not register for is refused, except the
    title the pledge already holds (stored before the titles came from the catalog), kept unchanged."""
    title = " ".join(title.split())
    if not title or title == pledge.aimed_title:
        return title
    found = matching_title(title, registrable_titles(subject=COLLECTIVE, unit=pledge.unit))
    if found is None:
        raise DomainError(
            _("Danh hiệu “%(title)s” không có trong danh mục danh hiệu tập thể mà đơn vị được đăng ký.")
            % {"title": title},
            field="aimed_title",
        )
    return found


def _individual_title(title, titles):
    """The individual title as the catalog spells it, or a DomainError naming it (``titles``: the unit's list)."""
    found = matching_title(title, titles)
    if found is None:
        raise DomainError(
            _("Danh hiệu “%(title)s” không có trong danh mục danh hiệu cá nhân (%(titles)s).")
            % {"title": " ".join(title.split()), "titles": "; ".join(titles)},
            field="title",
        )
    return found


def _check_person(pledge, person):
    if not person.unit.path.startswith(pledge.unit.path) or not person.is_active:
        raise DomainError(
            _("%(name)s không phải là cá nhân đang công tác tại đơn vị.") % {"name": person.full_name}, field="person"
        )


@transaction.atomic
def add_registration(*, pledge, person, title, by, note=""):
    """Register a person of the unit (or a sub-unit) for an individual title in a draft pledge."""
    check(by, "campaigns.file_for_unit", pledge)
    pledge = _locked(pledge)
    _require_editable(pledge)
    _check_person(pledge, person)
    if not title.strip():
        raise DomainError(_("Chưa chọn danh hiệu đăng ký."), field="title")
    title = _individual_title(title, registrable_titles(subject=INDIVIDUAL, unit=pledge.unit))
    registration, created = IndividualRegistration.objects.update_or_create(
        pledge=pledge, person=person, defaults={"title": title[:200], "note": note.strip()[:300]}
    )
    log_action(
        actor=by,
        action="pledge.registration_added" if created else "pledge.registration_changed",
        obj=pledge,
        data={"person": person.pk, "title": title},
    )
    return registration


@transaction.atomic
def remove_registration(*, registration, by):
    """Take a person off a pledge that is still being drafted."""
    pledge = _locked(registration.pledge)
    check(by, "campaigns.file_for_unit", pledge)
    _require_editable(pledge)
    log_action(
        actor=by,
        action="pledge.registration_removed",
        obj=pledge,
        data={"person": registration.person_id, "title": registration.title},
    )
    registration.delete()


@transaction.atomic
def import_registrations(*, pledge, rows, by):
    """Add or update the registrations read from the template (see registrations_xlsx.read_rows).

    ``rows`` are (line, person_id, full_name, title, note) tuples already checked for shape. Each is matched
    against the unit's people, and its title against the individual titles the form offers (the catalog's
    spelling is stored); any mismatch refuses the whole import, so nothing is written.
    """
    check(by, "campaigns.file_for_unit", pledge)
    pledge = _locked(pledge)
    _require_editable(pledge)
    people = Person.objects.filter(
        pk__in=[r[1] for r in rows], unit__path__startswith=pledge.unit.path, is_active=True
    ).in_bulk()
    titles = registrable_titles(subject=INDIVIDUAL, unit=pledge.unit)
    errors, spelled = [], {}
    for line, person_id, full_name, title, _note in rows:
        spelled[line] = matching_title(title, titles)
        if spelled[line] is None:
            errors.append(
                _("Dòng %(line)s: danh hiệu “%(title)s” không có trong danh mục danh hiệu cá nhân.")
                % {"line": line, "title": title}
            )
        person = people.get(person_id)
        if person is None:
            errors.append(_("Dòng %(line)s: mã cá nhân %(id)s không thuộc đơn vị.") % {"line": line, "id": person_id})
        elif " ".join(person.full_name.split()).casefold() != " ".join(full_name.split()).casefold():
            errors.append(
                _("Dòng %(line)s: họ tên “%(name)s” không khớp với mã cá nhân %(id)s (%(real)s).")
                % {"line": line, "name": full_name, "id": person_id, "real": person.full_name}
            )
    if errors:
        message = " ".join(errors[:10])
        if None in spelled.values():
            message += " " + _("Các danh hiệu được đăng ký: %(titles)s.") % {"titles": "; ".join(titles)}
        raise DomainError(message)
    for line, person_id, _name, _title, note in rows:
        IndividualRegistration.objects.update_or_create(
            pledge=pledge, person=people[person_id], defaults={"title": spelled[line], "note": note}
        )
    log_action(actor=by, action="pledge.registrations_imported", obj=pledge, data={"rows": len(rows)})
    return len(rows)


@transaction.atomic
def submit_pledge(*, pledge, by):
    """Send the pledge to the Office; one filed after the registration deadline is marked late.

    Side effects: state, submitted_at, is_late, audit entry, the Office is notified.
    """
    check(by, "campaigns.file_for_unit", pledge)
    pledge = _locked(pledge)
    _require_launched(pledge.plan)
    require(pledge, "submit")
    criteria = set(pledge.plan.criteria.values_list("pk", flat=True))
    pledged = set(pledge.targets.values_list("criterion_id", flat=True))
    if criteria - pledged:
        raise DomainError(_("Còn %(n)s tiêu chí chưa đăng ký chỉ tiêu.") % {"n": len(criteria - pledged)})
    now = timezone.now()
    late = timezone.localdate(now) > pledge.plan.registration_deadline
    bump(pledge)
    transition(pledge, "submit", by=by, changes={"submitted_at": now, "is_late": late}, data={"late": late})
    upkeep.pledge_changed(pledge)
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=office_users(),
        title=_("%(unit)s đã gửi bản đăng ký thi đua") % {"unit": pledge.unit},
        url=pledge.get_absolute_url(),
        email=False,
    )
    return pledge


def _review(pledge, by, action, comment):
    check(by, "campaigns.review", pledge)
    pledge = _locked(pledge)
    bump(pledge)
    changes = {"reviewed_by": by, "reviewed_at": timezone.now(), "review_comment": comment.strip()}
    return transition(pledge, action, by=by, comment=comment, changes=changes)


@transaction.atomic
def accept_pledge(*, pledge, by, comment=""):
    """The Office accepts a submitted pledge. Side effects: state, audit entry, the unit is notified."""
    pledge = _review(pledge, by, "accept", comment)
    upkeep.pledge_changed(pledge)
    notify_after_commit(
        kind=NotificationKind.REVIEW,
        recipients=list(unit_secretaries([pledge.unit])),
        title=_("Bản đăng ký thi đua năm %(year)s đã được chấp thuận") % {"year": pledge.plan.year},
        url=pledge.get_absolute_url(),
    )
    return pledge


@transaction.atomic
def return_pledge(*, pledge, by, comment):
    """The Office returns a submitted pledge with a comment saying what to fix; the unit is notified."""
    if not comment or not comment.strip():
        raise DomainError(_("Hãy ghi rõ nội dung cần bổ sung, sửa đổi khi trả lại."), field="comment")
    pledge = _review(pledge, by, "return", comment)
    upkeep.pledge_changed(pledge)
    notify_after_commit(
        kind=NotificationKind.REVIEW,
        recipients=list(unit_secretaries([pledge.unit])),
        title=_("Bản đăng ký thi đua năm %(year)s bị trả lại để bổ sung") % {"year": pledge.plan.year},
        body=comment,
        url=pledge.get_absolute_url(),
    )
    return pledge


@transaction.atomic
def revise_pledge(*, pledge, by, comment=""):
    """Amend an accepted pledge: it becomes SUPERSEDED and is kept; a new draft revision copies it.

    Side effects: two writes, an audit entry on each pledge.
    """
    check(by, "campaigns.file_for_unit", pledge)
    old = _locked(pledge)
    _require_launched(old.plan)
    bump(old)
    transition(old, "revise", by=by, comment=comment, data={"by_revision": old.revision + 1})
    new = Pledge.objects.create(
        plan=old.plan,
        unit=old.unit,
        revision=old.revision + 1,
        previous=old,
        aimed_title=old.aimed_title,
        commitment=old.commitment,
        created_by=by,
    )
    new.movements.set(old.movements.all())
    PledgeTarget.objects.bulk_create(
        PledgeTarget(pledge=new, criterion_id=t.criterion_id, value=t.value, note=t.note) for t in old.targets.all()
    )
    IndividualRegistration.objects.bulk_create(
        IndividualRegistration(pledge=new, person_id=r.person_id, title=r.title, note=r.note)
        for r in old.registrations.all()
    )
    upkeep.pledge_changed(new)  # the replaced revision's unit and plan as well
    log_action(actor=by, action="pledge.revision_created", obj=new, comment=comment, data={"from": old.pk})
    return new
