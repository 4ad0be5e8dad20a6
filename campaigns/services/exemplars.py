"""Exemplars and initiatives: proposed by a unit, verified by the Office, exemplars published by Propaganda."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.errors import DomainError
from emulation.services import log_action
from emulation.workflow import check, transition

from .. import upkeep
from ..enums import RecognitionLevel
from ..models import Exemplar, Initiative


def _check_people(unit, people):
    for person in people:
        if not person.unit.path.startswith(unit.path):
            raise DomainError(_("%(name)s không thuộc đơn vị đề xuất.") % {"name": person.full_name}, field="person")


@transaction.atomic
def propose_exemplar(*, exemplar, by):
    """A unit's secretary proposes an exemplar, new factor, good model or practice, or good deed."""
    check(by, "campaigns.file_for_unit", exemplar.unit)
    if exemplar.person is not None:
        _check_people(exemplar.unit, [exemplar.person])
    exemplar.proposed_by = by
    exemplar.save()
    upkeep.queue_changed()
    log_action(actor=by, action="exemplar.proposed", obj=exemplar)
    return exemplar


def _move_exemplar(exemplar, action, *, by, comment, changes=None):
    exemplar = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    transition(exemplar, action, by=by, comment=comment, changes=changes)
    upkeep.queue_changed()
    return exemplar


@transaction.atomic
def verify_exemplar(*, exemplar, by, comment=""):
    check(by, "campaigns.review", exemplar)
    return _move_exemplar(exemplar, "verify", by=by, comment=comment)


@transaction.atomic
def reject_exemplar(*, exemplar, by, comment):
    check(by, "campaigns.review", exemplar)
    if not comment or not comment.strip():
        raise DomainError(_("Hãy ghi rõ lý do không xác nhận."), field="comment")
    return _move_exemplar(exemplar, "reject", by=by, comment=comment)


@transaction.atomic
def publish_exemplar(*, exemplar, by, comment=""):
    """Propaganda publishes a verified exemplar on the public page (no login)."""
    check(by, "campaigns.publish_exemplar", exemplar)
    return _move_exemplar(exemplar, "publish", by=by, comment=comment, changes={"published_at": timezone.now()})


@transaction.atomic
def unpublish_exemplar(*, exemplar, by, comment=""):
    check(by, "campaigns.publish_exemplar", exemplar)
    return _move_exemplar(exemplar, "unpublish", by=by, comment=comment, changes={"published_at": None})


@transaction.atomic
def propose_initiative(*, initiative, authors, by):
    """A unit's secretary proposes an initiative with its authors (people of the unit)."""
    check(by, "campaigns.file_for_unit", initiative.unit)
    _check_people(initiative.unit, authors)
    initiative.proposed_by = by
    initiative.save()
    upkeep.queue_changed()
    initiative.authors.set(authors)
    log_action(actor=by, action="initiative.proposed", obj=initiative)
    return initiative


@transaction.atomic
def recognize_initiative(*, initiative, level, recognized_on, by, decision_number="", comment=""):
    """The Office records the initiative's recognition: level, date and decision; award checks read these."""
    check(by, "campaigns.review", initiative)
    if level not in RecognitionLevel.values:
        raise DomainError(_("Cấp công nhận không hợp lệ."), field="recognition_level")
    if recognized_on is None or recognized_on > timezone.localdate():
        raise DomainError(_("Ngày công nhận không hợp lệ (không được sau hôm nay)."), field="recognized_on")
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    transition(
        initiative,
        "recognize",
        by=by,
        comment=comment,
        changes={
            "recognition_level": level,
            "recognized_on": recognized_on,
            "decision_number": decision_number.strip(),
        },
        data={"level": level, "date": recognized_on.isoformat()},
    )
    upkeep.queue_changed()
    return initiative


@transaction.atomic
def reject_initiative(*, initiative, by, comment):
    check(by, "campaigns.review", initiative)
    if not comment or not comment.strip():
        raise DomainError(_("Hãy ghi rõ lý do không công nhận."), field="comment")
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    transition(initiative, "reject", by=by, comment=comment)
    upkeep.queue_changed()
    return initiative
