"""What every campaigns service shares: record versions and measured values (permissions and transitions are the
core's: emulation.workflow)."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


# Each refusal written out whole for each kind of value entered (a pledge's target, a report's achieved value), so
# that every sentence is translated with its own word order rather than assembled from fragments.
VALUE_ERRORS = {
    "target": {
        "not_a_number": gettext_lazy("Chỉ tiêu của tiêu chí %(code)s phải là một số."),
        "negative": gettext_lazy("Chỉ tiêu của tiêu chí %(code)s phải là số không âm."),
        "yes_no": gettext_lazy("Tiêu chí %(code)s đo theo Có/Không: chỉ tiêu chỉ nhận 1 (có) hoặc 0 (không)."),
        "percent": gettext_lazy("Tiêu chí %(code)s đo theo tỷ lệ: chỉ tiêu không được vượt quá 100%%."),
        "score": gettext_lazy("Tiêu chí %(code)s: chỉ tiêu không được vượt quá điểm tối đa %(max)s."),
        "too_large": gettext_lazy("Chỉ tiêu của tiêu chí %(code)s quá lớn."),
    },
    "result": {
        "not_a_number": gettext_lazy("Kết quả của tiêu chí %(code)s phải là một số."),
        "negative": gettext_lazy("Kết quả của tiêu chí %(code)s phải là số không âm."),
        "yes_no": gettext_lazy("Tiêu chí %(code)s đo theo Có/Không: kết quả chỉ nhận 1 (có) hoặc 0 (không)."),
        "percent": gettext_lazy("Tiêu chí %(code)s đo theo tỷ lệ: kết quả không được vượt quá 100%%."),
        "score": gettext_lazy("Tiêu chí %(code)s: kết quả không được vượt quá điểm tối đa %(max)s."),
        "too_large": gettext_lazy("Kết quả của tiêu chí %(code)s quá lớn."),
    },
}


def measured_value(criterion, raw, *, what):
    """A value for a criterion checked against its measurement kind; a DomainError names the criterion.

    ``what`` is what is entered: "target" (a pledge's) or "result" (a report's achieved value), see VALUE_ERRORS.
    """
    errors = VALUE_ERRORS[what]

    def refuse(error):
        return DomainError(errors[error] % {"code": criterion.code, "max": criterion.max_score})

    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise refuse("not_a_number")
    if not value.is_finite() or value < 0:
        raise refuse("negative")
    if criterion.measure == MeasureKind.YES_NO and value not in (0, 1):
        raise refuse("yes_no")
    if criterion.measure == MeasureKind.PERCENT and value > 100:
        raise refuse("percent")
    if criterion.measure == MeasureKind.SCORE and value > criterion.max_score:
        raise refuse("score")
    if value >= Decimal("1e12"):
        raise refuse("too_large")
    return value.quantize(Decimal("0.01"))
