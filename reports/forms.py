from django import forms
from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.models import Unit
from emulation.params import id_param
from emulation.widgets import FastSelect

from .data import FILING_LEVELS
from .enums import ReportKind, ReportState
from .periods import default_period

QUARTERS = [("", "—"), (1, _("Quý I")), (2, _("Quý II")), (3, _("Quý III")), (4, _("Quý IV"))]


# Above this many units a drop-down of every unit is too long to render or to use: the Office types the unit's code.
UNIT_SELECT_LIMIT = 500


class UnitChoiceField(forms.ModelChoiceField):
    """A unit chosen from the list, or typed by its code (or id) when the list would be too long."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        found = self.queryset.filter(code=value).first()
        if found is None and (pk := id_param(value)) is not None:
            found = self.queryset.filter(pk=pk).first()
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ReportKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quý"), choices=QUARTERS, coerce=int, empty_value=None, required=False)
    last_year = forms.IntegerField(
        label=_("Đến năm (tổng kết nhiệm kỳ)"), min_value=2000, max_value=2100, required=False
    )
    unit = UnitChoiceField(
        label=_("Đơn vị (báo cáo tổng hợp của đơn vị)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=FastSelect,
    )
    period_start = forms.DateField(label=_("Hoặc từ ngày"), required=False)
    period_end = forms.DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(is_active=True, level__in=FILING_LEVELS).order_by("name")
        self.fields["unit"].queryset = units
        # One query whichever way the field is shown: the units by name only when there are few. Sorting every
        # filing unit of the nation (40 000) only to find there are too many is wasted; the "is there a 501st
        # unit" test reads 501 rows of an index and runs once, before the list.
        too_many = Exists(units.order_by("pk")[UNIT_SELECT_LIMIT : UNIT_SELECT_LIMIT + 1])
        listed = list(units.filter(~too_many)[:UNIT_SELECT_LIMIT])
        if not listed:
            self.fields["unit"].widget = forms.TextInput(attrs={"placeholder": _("Mã đơn vị")})
            self.fields["unit"].help_text = _("Nhập mã đơn vị (xem trong danh sách đơn vị).")
        else:
            self.fields["unit"].widget.choices = [("", self.fields["unit"].empty_label)] + [
                (unit.pk, str(unit)) for unit in listed
            ]
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        kind, year = data.get("kind"), data.get("year")
        if not kind or not year:
            return data
        if kind == ReportKind.QUARTERLY and not data.get("quarter") and not data.get("period_start"):
            self.add_error("quarter", _("Chọn quý của báo cáo."))
        if kind == ReportKind.UNIT and not data.get("unit"):
            self.add_error("unit", _("Chọn đơn vị của báo cáo."))
        if kind != ReportKind.UNIT:
            data["unit"] = None
        if data.get("period_start") and data.get("period_end"):
            return data
        if data.get("period_start") or data.get("period_end"):
            self.add_error("period_end", _("Nhập cả ngày bắt đầu và ngày kết thúc, hoặc bỏ trống cả hai."))
            return data
        if self.errors:
            return data
        data["period_start"], data["period_end"] = default_period(
            kind, year=year, quarter=data.get("quarter"), last_year=data.get("last_year")
        )
        return data


class ReportFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả loại"))] + ReportKind.choices, required=False)
    state = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả trạng thái"))] + ReportState.choices, required=False
    )
