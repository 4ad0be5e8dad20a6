"""Forms check the shape of input; the services check the business rules (kinds of targets, dates, states)."""

from django import forms
from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from emulation.enums import UnitSector
from emulation.forms import reject_control_characters
from emulation.uploads import AttachmentField
from emulation.widgets import FastSelect, FastSelectMultiple, Switch

from .enums import (
    ExemplarKind,
    MeasureKind,
    RecognitionLevel,
    ReportingPeriod,
    ReviewState,
)
from .models import Criterion, Exemplar, Initiative, Movement, Phase, Term, YearPlan
from .titles import COLLECTIVE, registrable_titles

PLAN_LABEL = _("Kế hoạch thi đua năm %(year)s")  # YearPlan.__str__
# What a yes/no switch says when on: a pledge commits to it (“Có”), a result achieved it (“Đạt”).
TARGET_STATE = _("Có")
RESULT_STATE = _("Đạt")


class NameChoiceIterator(forms.models.ModelChoiceIterator):
    """Options as (pk, name) straight from the database: no model instance and no server-side cursor per option
    (a secretary's people can be hundreds); the field's ``label_field`` is the column ``str()`` would show."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", self.field.label_field)


class PlanChoiceIterator(forms.models.ModelChoiceIterator):
    """Plans by their label (YearPlan.__str__) from their years alone, without a server-side cursor."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, year in self.queryset.values_list("pk", "year"):
            yield (pk, PLAN_LABEL % {"year": year})


class PlanChoiceField(forms.ModelChoiceField):
    iterator = PlanChoiceIterator


class UnitChoiceField(forms.ModelChoiceField):
    iterator = NameChoiceIterator
    label_field = "name"


class PersonChoiceField(forms.ModelChoiceField):
    iterator = NameChoiceIterator
    label_field = "full_name"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    iterator = NameChoiceIterator
    label_field = "full_name"


class CleanTextMixin:
    """Text fields lose control characters and surrounding spaces before anything stores them."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                try:
                    cleaned[name] = reject_control_characters(value.strip())
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class TermForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Term
        fields = ["name", "start_year", "end_year", "theme", "motto", "basis_documents"]
        widgets = {"theme": forms.Textarea(attrs={"rows": 3}), "basis_documents": forms.Textarea(attrs={"rows": 4})}


class MovementForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Movement
        fields = ["number", "name", "content", "department", "is_key"]
        widgets = {"content": forms.Textarea(attrs={"rows": 4})}

    def validate_unique(self):
        """The service checks the number within the term."""


class PlanForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = YearPlan
        fields = [
            "term",
            "year",
            "theme",
            "focus_tasks",
            "movements",
            "registration_deadline",
            "six_month_deadline",
            "year_end_deadline",
        ]
        widgets = {
            "theme": forms.Textarea(attrs={"rows": 2}),
            "focus_tasks": forms.Textarea(attrs={"rows": 5}),
            "movements": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        movements = self.fields["movements"]
        movements.queryset = movements.queryset.select_related("term").order_by("-term__start_year", "number")
        movements.label_from_instance = lambda movement: movement.name_with_term

    def validate_unique(self):
        """The service says "a plan for that year exists" in words of its own."""


class PhaseForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["name", "occasion", "start_date", "end_date"]


class CriterionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "code",
            "name",
            "movement",
            "measure",
            "measure_unit",
            "target_guidance",
            "weight",
            "max_score",
            "evidence_expected",
            "order",
        ]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = plan.movements.all()

    def validate_unique(self):
        """The service checks the code within the plan."""


def _value_field(criterion, initial=None, *, state=TARGET_STATE):
    """The field for a criterion's value: a switch for a yes/no criterion (``state`` written beside it: “Có” for a
    pledge's target, “Đạt” for a result), a text box for a number elsewhere (the service checks it)."""
    help_parts = [criterion.measure_label]
    if criterion.target_guidance:
        help_parts.append(criterion.target_guidance)
    # Forms render help_text as HTML: the Office's guidance is text, so it is escaped here.
    help_text = escape(" · ".join(str(p) for p in help_parts))
    if criterion.measure == MeasureKind.YES_NO:
        return forms.BooleanField(
            label=str(criterion),
            required=False,
            initial=initial is not None and initial == 1,
            help_text=help_text,
            widget=Switch(state=state),
        )
    return forms.CharField(
        label=str(criterion),
        required=False,
        max_length=30,
        initial=initial,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def _yes_no(value):
    """A switch's answer as the services read a yes/no value (stored 1 or 0, as typed before)."""
    return "1" if value else "0"


class PledgeForm(CleanTextMixin, forms.Form):
    movements = forms.ModelMultipleChoiceField(
        label=_("Phong trào tham gia"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    aimed_title = forms.ChoiceField(
        label=_("Danh hiệu tập thể đăng ký"),
        required=False,
        error_messages={"invalid_choice": _("Hãy chọn danh hiệu tập thể trong danh sách đơn vị được đăng ký.")},
    )
    commitment = forms.CharField(label=_("Nội dung cam kết"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    # The version the form was drawn from: a save from an older one is refused as a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pledge, criteria, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = pledge.version
        self.criteria = criteria
        self.fields["movements"].queryset = pledge.plan.movements.all()
        self.fields["movements"].initial = [m.pk for m in pledge.movements.all()]
        self.fields["aimed_title"].choices = title_choices(
            registrable_titles(subject=COLLECTIVE, unit=pledge.unit), kept=pledge.aimed_title, empty=_("Chưa đăng ký")
        )
        self.fields["aimed_title"].initial = pledge.aimed_title
        self.fields["aimed_title"].help_text = _("Các danh hiệu tập thể trong danh mục mà đơn vị được đăng ký.")
        self.fields["commitment"].initial = pledge.commitment
        self.stored_targets = {pk: target.value for pk, target in targets.items()}
        for criterion in criteria:
            target = targets.get(criterion.pk)
            self.fields[f"target_{criterion.pk}"] = _value_field(
                criterion, target.value if target else None, state=TARGET_STATE
            )

    def targets(self):
        """{criterion: value or ''}: a yes/no switch turned on pledges 1; turned off, the criterion is not pledged
        (a target of 0 stored earlier is kept as it was)."""
        entered = {}
        for c in self.criteria:
            value = self.cleaned_data.get(f"target_{c.pk}", "")
            if c.measure == MeasureKind.YES_NO:
                value = "1" if value else ("0" if self.stored_targets.get(c.pk) == 0 else "")
            entered[c] = value
        return entered

    def target_fields(self):
        return [self[f"target_{c.pk}"] for c in self.criteria]


def title_choices(titles, *, kept="", empty=None):
    """A drop-down's options for the catalog's ``titles``; a title stored before the list existed (``kept``) stays
    shown, marked, so that an older record is drawn as it is (the services accept it only unchanged)."""
    choices = [("", empty)] if empty is not None else []
    choices += [(title, title) for title in titles]
    if kept and kept not in titles:
        choices.append((kept, _("%(title)s (ngoài danh mục)") % {"title": kept}))
    return choices


class RegistrationForm(CleanTextMixin, forms.Form):
    person = PersonChoiceField(label=_("Cá nhân"), queryset=None, widget=FastSelect)
    title = forms.ChoiceField(
        label=_("Danh hiệu đăng ký"),
        error_messages={"invalid_choice": _("Hãy chọn danh hiệu cá nhân trong danh sách.")},
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, people, titles, **kwargs):
        """``titles``: the individual titles the unit may register for (campaigns.titles)."""
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["title"].choices = title_choices(titles)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu"))


class ResultForm(CleanTextMixin, forms.Form):
    narrative = forms.CharField(label=_("Tóm tắt kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    self_score = forms.DecimalField(
        label=_("Điểm tự chấm của cả báo cáo (thang điểm 100)"),
        help_text=_("Khi đã chấm theo từng tiêu chí, điểm của cả báo cáo được tính từ các tiêu chí theo trọng số."),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=7,
        decimal_places=2,
    )

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, report, criteria, values, pledged=(), **kwargs):
        """``pledged``: ids of the criteria the unit's pledge set a target for."""
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = report.version
        self.criteria = criteria
        # A switch left off answers "not achieved" only where there is something to answer: a criterion the unit
        # pledged, or one already answered; elsewhere it leaves the criterion without a value, as an empty box did.
        self.answered = set(pledged) | {pk for pk, value in values.items() if value.achieved is not None}
        self.fields["narrative"].initial = report.narrative
        self.fields["self_score"].initial = report.self_score
        for criterion in criteria:
            value = values.get(criterion.pk)
            self.fields[f"value_{criterion.pk}"] = _value_field(
                criterion, value.achieved if value else None, state=RESULT_STATE
            )
            self.fields[f"self_{criterion.pk}"] = _self_score_field(criterion, value.self_score if value else None)

    def values(self):
        """{criterion: value or ''}; a yes/no switch gives 1 (achieved) or 0 (see ``answered``)."""
        entered = {}
        for c in self.criteria:
            value = self.cleaned_data.get(f"value_{c.pk}", "")
            if c.measure == MeasureKind.YES_NO:
                value = _yes_no(value) if value or c.pk in self.answered else ""
            entered[c] = value
        return entered

    def self_scores(self):
        return {c: self.cleaned_data.get(f"self_{c.pk}", "") for c in self.criteria}

    def value_fields(self):
        return [(self[f"value_{c.pk}"], self[f"self_{c.pk}"]) for c in self.criteria]


def _self_score_field(criterion, initial=None):
    # Text, not a number field: the service checks the bounds and names the criterion in its message.
    maximum = floatformat(criterion.max_score, "-2")
    return forms.CharField(
        label=_("Điểm tự chấm (tối đa %(max)s)") % {"max": maximum},
        required=False,
        max_length=20,
        # The visible label sits beside the criterion's value; a screen reader needs the criterion named.
        widget=forms.TextInput(
            attrs={
                "aria-label": _("Điểm tự chấm của tiêu chí %(criterion)s (tối đa %(max)s)")
                % {"criterion": criterion, "max": maximum}
            }
        ),
        initial=floatformat(initial, "-2") if initial is not None else "",
    )


class AdjustScoreForm(CleanTextMixin, forms.Form):
    """The Office's adjustment of one criterion's recognized score; bounds and reason checked by the service."""

    value = forms.TypedChoiceField(label=_("Tiêu chí"), coerce=int)
    score = forms.CharField(label=_("Điểm được công nhận"), max_length=20)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [
            (
                v.pk,
                _("%(criterion)s (tối đa %(max)s)")
                % {"criterion": v.criterion, "max": floatformat(v.criterion.max_score, "-2")},
            )
            for v in values
        ]


class EvidenceForm(CleanTextMixin, forms.Form):
    file = AttachmentField(label=_("Tệp minh chứng"))
    description = forms.CharField(label=_("Mô tả"), max_length=300, required=False)


class CommentForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PlanReturnForm(CleanTextMixin, forms.Form):
    """The Standing Committee's comment when it returns a plan: required, the Office edits the plan by it."""

    comment = forms.CharField(
        label=_("Ý kiến trả lại"),
        help_text=_("Ghi rõ những điểm Văn phòng cần chỉnh sửa; Văn phòng nhận ý kiến này kèm thông báo."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CovenantForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    text = forms.CharField(label=_("Nội dung giao ước"), widget=forms.Textarea(attrs={"rows": 8}))
    criteria = forms.ModelMultipleChoiceField(
        label=_("Tiêu chí chung"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = plan.criteria.all()


class SignForm(forms.Form):
    unit = UnitChoiceField(label=_("Ký thay mặt đơn vị"), queryset=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ExemplarForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Exemplar
        fields = ["unit", "kind", "title", "summary", "person", "plan"]
        # People and units by the hundred: drawn by FastSelect (emulation/widgets.py).
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "unit": FastSelect,
            "person": FastSelect,
        }
        field_classes = {"unit": UnitChoiceField, "person": PersonChoiceField, "plan": PlanChoiceField}

    def __init__(self, *args, units, people, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people
        self.fields["plan"].queryset = plans


class InitiativeForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["unit", "title", "description", "authors"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "unit": FastSelect,
            "authors": FastSelectMultiple,
        }
        field_classes = {"unit": UnitChoiceField, "authors": PeopleChoiceField}

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["authors"].queryset = people


class RecognizeForm(CleanTextMixin, forms.Form):
    recognition_level = forms.TypedChoiceField(label=_("Cấp công nhận"), choices=RecognitionLevel.choices, coerce=int)
    recognized_on = forms.DateField(label=_("Ngày công nhận"))
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=100, required=False)
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _choices(choices):
    return [("", _("Tất cả"))] + list(choices)


class PledgeFilterForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("Kế hoạch"), required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=_choices(ReviewState.choices))
    q = forms.CharField(label=_("Tên đơn vị"), required=False, max_length=100)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = _choices((p.pk, p.year) for p in plans)


class ResultFilterForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("Kế hoạch"), required=False, coerce=int, empty_value=None)
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), required=False, choices=_choices(ReportingPeriod.choices))
    state = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=_choices(ReviewState.choices))

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = _choices((p.pk, p.year) for p in plans)


TRACKING_STATUS = [
    ("none", _("Chưa đăng ký")),
    ("missing", _("Chưa nộp đăng ký")),
    ("late", _("Nộp muộn")),
    # A draft is the unit's until sent: the tracking shows it as nothing sent ("none", "missing"), never as a draft.
] + [(value, label) for value, label in ReviewState.choices if value != ReviewState.DRAFT]


class TrackingFilterForm(forms.Form):
    cluster = forms.TypedChoiceField(label=_("Cụm thi đua"), required=False, coerce=int, empty_value=None)
    sector = forms.ChoiceField(label=_("Loại hình đơn vị"), required=False, choices=_choices(UnitSector.choices))
    status = forms.ChoiceField(label=_("Tình trạng đăng ký"), required=False, choices=_choices(TRACKING_STATUS))

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = _choices(clusters)  # (pk, name) pairs


class ExemplarFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=_choices(ExemplarKind.choices))
