"""Cluster covenants: the lead unit drafts and opens it, every member unit signs, the Office follows."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.enums import NotificationKind
from emulation.errors import DomainError
from emulation.services import log_action
from emulation.workflow import check, notify_after_commit, transition

from .. import upkeep
from ..enums import CovenantState, PlanState
from ..models import Covenant, CovenantSignature
from ..selectors import MEMBER_LEVELS
from .common import bump
from .plans import unit_secretaries


def _locked(covenant):
    return Covenant.objects.select_for_update().select_related("plan", "cluster", "lead_unit").get(pk=covenant.pk)


@transaction.atomic
def draft_covenant(*, plan, cluster, title, text, criteria=(), by):
    """The lead unit's secretary drafts the cluster's covenant for a launched plan."""
    if cluster.lead_unit_id is None:
        raise DomainError(_("Cụm thi đua chưa có đơn vị trưởng cụm."))
    check(by, "campaigns.draft_covenant", cluster)
    if plan.state != PlanState.LAUNCHED:
        raise DomainError(_("Kế hoạch chưa được phát động hoặc đã kết thúc."))
    if Covenant.objects.filter(plan=plan, cluster=cluster).exists():
        raise DomainError(_("Cụm đã có giao ước thi đua cho kế hoạch này."))
    _check_criteria(plan, criteria)
    covenant = Covenant.objects.create(
        plan=plan, cluster=cluster, lead_unit=cluster.lead_unit, title=title.strip(), text=text.strip(), created_by=by
    )
    covenant.criteria.set(criteria)
    upkeep.covenant_changed(covenant)
    log_action(actor=by, action="covenant.drafted", obj=covenant)
    return covenant


def _check_criteria(plan, criteria):
    if any(c.plan_id != plan.pk for c in criteria):
        raise DomainError(_("Tiêu chí chung phải thuộc kế hoạch."), field="criteria")


@transaction.atomic
def update_covenant(*, covenant, title, text, criteria=(), by):
    """Change the covenant while it is a draft (lead unit's secretary)."""
    check(by, "campaigns.draft_covenant", covenant)
    covenant = _locked(covenant)
    if covenant.state != CovenantState.DRAFT:
        raise DomainError(_("Giao ước đã mở ký, không thể sửa."))
    _check_criteria(covenant.plan, criteria)
    covenant.title, covenant.text = title.strip(), text.strip()
    bump(covenant)
    covenant.save()
    covenant.criteria.set(criteria)
    upkeep.covenant_changed(covenant)
    log_action(actor=by, action="covenant.updated", obj=covenant)
    return covenant


@transaction.atomic
def open_covenant(*, covenant, by):
    """Open the draft for signature; the secretaries of every member unit are notified."""
    check(by, "campaigns.draft_covenant", covenant)
    covenant = _locked(covenant)
    if covenant.state != CovenantState.DRAFT:
        raise DomainError(_("Giao ước không ở trạng thái dự thảo."))
    bump(covenant)
    transition(covenant, "open", by=by, changes={"opened_at": timezone.now()})
    upkeep.covenant_changed(covenant)
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=list(unit_secretaries(covenant.cluster.units.filter(is_active=True, level__in=MEMBER_LEVELS))),
        title=_("Mời ký giao ước thi đua: %(title)s") % {"title": covenant.title},
        url=covenant.get_absolute_url(),
    )
    return covenant


@transaction.atomic
def sign_covenant(*, covenant, unit, by):
    """A member unit signs the open covenant, once. When every member unit has signed it is complete."""
    check(by, "campaigns.sign_covenant", covenant)
    check(by, "campaigns.file_for_unit", unit)
    covenant = _locked(covenant)
    if covenant.state != CovenantState.OPEN:
        raise DomainError(_("Giao ước chưa mở ký hoặc đã hoàn tất."))
    if unit.cluster_id != covenant.cluster_id:
        raise DomainError(_("Đơn vị không thuộc cụm thi đua của giao ước."))
    try:
        with transaction.atomic():
            signature = CovenantSignature.objects.create(covenant=covenant, unit=unit, signed_by=by)
    except IntegrityError:
        raise DomainError(_("Đơn vị đã ký giao ước này."))
    log_action(actor=by, action="covenant.signed", obj=covenant, unit=unit, comment=str(unit))
    members = set(covenant.cluster.units.filter(is_active=True, level__in=MEMBER_LEVELS).values_list("pk", flat=True))
    if members <= set(covenant.signatures.values_list("unit_id", flat=True)):
        bump(covenant)
        transition(covenant, "complete", by=by)
    upkeep.covenant_changed(covenant)
    return signature
