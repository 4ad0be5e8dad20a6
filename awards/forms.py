"""Forms validate the shape of input; the services decide the business rules."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from emulation.models import Person, Unit
from emulation.uploads import AttachmentField
from emulation.widgets import FastSelect

from .enums import FeedbackKind, RoundKind, Subject, VoteChoice
from .models import Award, DocumentType, Round

SUMMARY_MAX_LENGTH = 1000


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = [
            "name",
            "kind",
            "year",
            "phase",
            "movement",
            "awards",
            "submission_deadline",
            "notice_days",
            "description",
        ]
        widgets = {
            "awards": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awards"].queryset = Award.objects.filter(is_active=True).order_by("order", "name")
        self.fields["phase"].queryset = self.fields["phase"].queryset.select_related("plan")
        movements = self.fields["movement"]
        movements.queryset = movements.queryset.select_related("term").order_by("-term__start_year", "number")
        movements.label_from_instance = lambda movement: movement.name_with_term

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == RoundKind.THEMATIC and not cleaned.get("phase") and not cleaned.get("movement"):
            self.add_error("phase", _("Đợt xét theo chuyên đề phải gắn với một đợt thi đua hoặc một phong trào."))
        return cleaned


class ProposalCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=Unit.objects.none())
    achievement_report = forms.CharField(
        label=_("Báo cáo thành tích chung"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ProposalReportForm(forms.Form):
    achievement_report = forms.CharField(
        label=_("Báo cáo thành tích chung"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    # When the dossier was last saved as the form was drawn: a save from an older form is refused as a conflict.
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)


class NomineeForm(forms.Form):
    award = forms.ModelChoiceField(label=_("Danh hiệu, hình thức đề nghị"), queryset=Award.objects.none())
    person = forms.ModelChoiceField(
        label=_("Cá nhân"), queryset=Person.objects.none(), required=False, widget=FastSelect
    )
    unit = forms.ModelChoiceField(label=_("Tập thể"), queryset=Unit.objects.none(), required=False, widget=FastSelect)
    # The certificate prints the summary as its achievement line and must stay one page.
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        help_text=format_lazy(_("In trên giấy khen; tối đa {n} ký tự."), n=SUMMARY_MAX_LENGTH),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = proposal.round.awards.filter(is_active=True).order_by("order", "name")
        scope = Unit.objects.filter(path__startswith=proposal.unit.path)
        self.fields["unit"].queryset = scope.order_by("path")
        self.fields["person"].queryset = (
            Person.objects.filter(unit__in=scope, is_active=True).select_related("unit").order_by("full_name")
        )

    def clean(self):
        data = super().clean()
        award, person, unit = data.get("award"), data.get("person"), data.get("unit")
        if award is not None:
            if award.subject == Subject.INDIVIDUAL and person is None:
                self.add_error("person", _("Chọn cá nhân được đề nghị."))
            if award.subject == Subject.COLLECTIVE and unit is None:
                self.add_error("unit", _("Chọn tập thể được đề nghị."))
            if award.subject == Subject.INDIVIDUAL:
                data["unit"] = None
            else:
                data["person"] = None
        return data


class AttachmentForm(forms.Form):
    document_type = forms.ModelChoiceField(label=_("Loại tài liệu"), queryset=DocumentType.objects.all())
    nominee = forms.ModelChoiceField(
        label=_("Của trường hợp (để trống nếu chung cho hồ sơ)"), queryset=None, required=False
    )
    file = AttachmentField(label=_("Tệp đính kèm"))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = proposal.nominees.select_related("person", "unit", "award")


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReasonForm(forms.Form):
    comment = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Nội dung cần bổ sung (chung)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominee_fields = []
        for nominee in nominees:
            name = f"nominee_{nominee.pk}"
            self.fields[name] = forms.CharField(
                label=_("Nhận xét về %(name)s (%(award)s)") % {"name": nominee.name, "award": nominee.award},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.nominee_fields.append((nominee.pk, name))

    def nominee_comments(self):
        return {pk: self.cleaned_data.get(name, "") for pk, name in self.nominee_fields}


class OverrideForm(forms.Form):
    justification = forms.CharField(
        label=_("Giải trình của Văn phòng"), widget=forms.Textarea(attrs={"rows": 3}), min_length=10
    )


class BallotOpenForm(forms.Form):
    name = forms.CharField(label=_("Tên phiên bỏ phiếu"), max_length=300, required=False)
    closes_at = forms.DateTimeField(
        label=_("Kết thúc bỏ phiếu lúc"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    proposals = forms.ModelMultipleChoiceField(
        label=_("Hồ sơ đã thẩm định"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals


class VoteForm(forms.Form):
    """One agree/disagree choice per nominee the member may still vote on."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_fields = []
        for item in items:
            name = f"item_{item.pk}"
            self.fields[name] = forms.ChoiceField(
                label=item.nominee.name, choices=VoteChoice.choices, widget=forms.RadioSelect, required=False
            )
            self.item_fields.append((item.pk, name))

    def choices(self):
        return {pk: self.cleaned_data[name] for pk, name in self.item_fields if self.cleaned_data.get(name)}


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại ý kiến"), choices=FeedbackKind.choices)
    nominee = forms.ModelChoiceField(label=_("Về trường hợp"), queryset=None, required=False)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = nominees


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    number = forms.IntegerField(
        label=_("Số quyết định"),
        required=False,
        min_value=1,
        help_text=_("Để trống để lấy số tiếp theo trong sổ đăng ký văn bản của nhiệm kỳ."),
    )
    date = forms.DateField(label=_("Ngày quyết định"))
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150)
    subject = forms.CharField(label=_("Trích yếu"), max_length=300, required=False)


class HigherAnswerForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("Kết quả của cấp trên"),
        choices=[("1", _("Chấp thuận khen thưởng")), ("0", _("Không chấp thuận"))],
        coerce=lambda v: v == "1",
    )
    decision_number = forms.CharField(label=_("Số quyết định của cấp trên"), max_length=100, required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False)
    comment = forms.CharField(label=_("Ghi chú"), required=False)


class LookupForm(forms.Form):
    q = forms.CharField(label=_("Tên cá nhân, tập thể, số quyết định"), required=False)
    award = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=Award.objects.order_by("order", "name"),
        required=False,
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1945, max_value=2100)

    def __init__(self, *args, **kwargs):
        from .counts import awards_by_pk

        super().__init__(*args, **kwargs)
        # The options from the cached catalog (no query to draw the form); a chosen award is still checked against
        # the queryset.
        awards = sorted(awards_by_pk().values(), key=lambda award: (award.order, award.name))
        self.fields["award"].widget.choices = [("", self.fields["award"].empty_label)] + [
            (award.pk, str(award)) for award in awards
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))


class EligibilityForm(forms.Form):
    award = forms.ModelChoiceField(label=_("Danh hiệu, hình thức"), queryset=Award.objects.order_by("order", "name"))
    # Hidden: the page is reached from a person's or a unit's award page; the view checks the subject's scope.
    person = forms.ModelChoiceField(queryset=Person.objects.all(), required=False, widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(label=_("Năm được xét"), min_value=1945, max_value=2100)

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("unit"):
            raise forms.ValidationError(_("Chọn một cá nhân hoặc một tập thể."))
        return data
