"""What every campaigns service shares: record versions and measured values (permissions and transitions are the
core's: emulation.workflow)."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from emulation.errors import DomainError

from ..enums import MeasureKind


def bump(obj):
    obj.version = (obj.version or 0) + 1


def require_current(obj, expected_version):
    """Refuse a save made from a form older than the (locked) record: someone else saved in between."""
    if expected_version is not None and obj.version != expected_version:
        raise DomainError(
            _(
                "Bản ghi vừa được người khác cập nhật sau khi bạn mở trang này. "
                "Hãy tải lại trang để xem nội dung mới rồi sửa lại."
            )
        )


def measured_value(criterion, raw, *, what):
    """A value for a criterion checked against its measurement kind; a DomainError names the criterion.

    ``what`` is the Vietnamese word for what is entered ("chỉ tiêu", "kết quả").
    """
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("%(what)s của tiêu chí %(code)s phải là một số.") % {"what": what.capitalize(), "code": criterion.code}
        )
    if not value.is_finite() or value < 0:
        raise DomainError(
            _("%(what)s của tiêu chí %(code)s phải là số không âm.")
            % {"what": what.capitalize(), "code": criterion.code}
        )
    if criterion.measure == MeasureKind.YES_NO and value not in (0, 1):
        raise DomainError(
            _("Tiêu chí %(code)s đo theo Có/Không: %(what)s chỉ nhận 1 (có) hoặc 0 (không).")
            % {"code": criterion.code, "what": what}
        )
    if criterion.measure == MeasureKind.PERCENT and value > 100:
        raise DomainError(
            _("Tiêu chí %(code)s đo theo tỷ lệ: %(what)s không được vượt quá 100%%.")
            % {"code": criterion.code, "what": what}
        )
    if criterion.measure == MeasureKind.SCORE and value > criterion.max_score:
        raise DomainError(
            _("Tiêu chí %(code)s: %(what)s không được vượt quá điểm tối đa %(max)s.")
            % {"code": criterion.code, "what": what, "max": criterion.max_score}
        )
    if value >= Decimal("1e12"):
        raise DomainError(
            _("%(what)s của tiêu chí %(code)s quá lớn.") % {"what": what.capitalize(), "code": criterion.code}
        )
    return value.quantize(Decimal("0.01"))
