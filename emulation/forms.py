import datetime
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import NotificationKind, UnitSector
from .models import Person


def reject_control_characters(value):
    """Names and titles are printed in documents: control characters would corrupt them."""
    if value and any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value):
        raise forms.ValidationError(_("Nội dung chứa ký tự điều khiển không hợp lệ."))
    return value


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "position", "unit", "person_type", "is_party_member", "birth_year", "email", "is_active"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["birth_year"].widget.attrs.update({"min": 1900, "max": datetime.date.today().year})

    def clean_full_name(self):
        name = reject_control_characters(" ".join(self.cleaned_data["full_name"].split()))
        if len(name) < 2:
            raise forms.ValidationError(_("Họ và tên phải có ít nhất 2 ký tự."))
        return name

    def clean_position(self):
        return reject_control_characters(self.cleaned_data["position"].strip())

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and not (1900 <= year <= datetime.date.today().year - 15):
            raise forms.ValidationError(_("Năm sinh không hợp lệ."))
        return year


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    cluster = forms.TypedChoiceField(label=_("Cụm thi đua"), required=False, coerce=int, empty_value=None)
    sector = forms.ChoiceField(label=_("Loại hình"), required=False, choices=[("", _("Tất cả"))] + UnitSector.choices)
    # Set by the "all sub-units" link of a unit's page; kept through the other filters.
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, clusters, **kwargs):
        """``clusters``: (pk, name) pairs, as selectors.cluster_choices() gives them."""
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = [("", _("Tất cả")), *clusters]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)


class MailSettingsForm(forms.Form):
    """Which kinds of notification also come by mail; every kind stays in the portal's inbox."""

    kinds = forms.MultipleChoiceField(
        label=_("Nhận qua thư các loại thông báo"),
        choices=NotificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Bỏ chọn một loại thì thông báo loại đó chỉ hiện trong mục Thông báo trên cổng. "
            "Nhắc hạn, đôn đốc được gộp thành một thư mỗi ngày."
        ),
    )
