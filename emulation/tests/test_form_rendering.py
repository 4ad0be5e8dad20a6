"""Every form is drawn by the project's form templates (emulation/renderers.py, templates/forms/): a label with *
for a required field, the Bootstrap class of each control, help and errors tied to their field by id."""

from django import forms
from django.template import Context, Template


class ProposalForm(forms.Form):
    title = forms.CharField(label="Tiêu đề", help_text="Tối đa 200 ký tự <b>")
    kind = forms.ChoiceField(label="Loại", choices=[("a", "Tập thể"), ("b", "Cá nhân")], required=False)
    agree = forms.BooleanField(label="Đồng ý")
    levels = forms.MultipleChoiceField(label="Cấp", choices=[("1", "Cơ sở")], widget=forms.CheckboxSelectMultiple)
    token = forms.CharField(widget=forms.HiddenInput, initial="t-1")

    def clean(self):
        raise forms.ValidationError("Hồ sơ đã được gửi ở nơi khác.")


def render(form):
    return Template("{{ form }}").render(Context({"form": form}))


def test_fields_have_labels_marks_and_help_with_markup_escaped():
    html = render(ProposalForm())
    assert '<label for="id_title" class="form-label">Tiêu đề<span class="asteriskField">*</span></label>' in html
    assert '<label for="id_kind" class="form-label">Loại</label>' in html
    assert 'class="form-select"' in html
    assert 'class="form-control"' in html
    assert '<div id="id_title_helptext" class="form-text">Tối đa 200 ký tự &lt;b&gt;</div>' in html
    assert 'aria-describedby="id_title_helptext"' in html
    assert '<input type="hidden" name="token" value="t-1"' in html
    assert 'class="form-check-input"' in html
    assert '<div id="div_id_agree" class="mb-3 form-check">' in html
    assert '<label for="id_agree" class="form-check-label">Đồng ý<span class="asteriskField">*</span></label>' in html


def test_a_group_of_check_boxes_is_a_fieldset_of_form_checks():
    html = render(ProposalForm())
    assert '<legend class="form-label fs-6">Cấp<span class="asteriskField">*</span></legend>' in html
    assert '<div class="form-check"><input type="checkbox" name="levels" value="1" id="id_levels_0"' in html
    assert 'class="form-check-input"><label for="id_levels_0" class="form-check-label">Cơ sở</label></div>' in html


def test_errors_are_shown_under_their_field_and_the_form():
    form = ProposalForm(data={"token": "t-1"})
    form.is_valid()
    html = render(form)
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert '<div id="id_title_error" class="invalid-feedback d-block">' in html
    assert 'class="form-control is-invalid"' in html
    assert 'aria-invalid="true"' in html
    assert '<div class="alert alert-block alert-danger"><ul class="m-0"><li>Hồ sơ đã được gửi ở nơi khác.</li>' in html


def test_a_field_alone_in_a_filter_grid_is_drawn_the_same_way():
    form = ProposalForm(data={"kind": "zzz"})
    form.is_valid()
    html = Template('<div class="col-md-3">{{ form.kind.as_field_group }}</div>').render(Context({"form": form}))
    assert html.startswith('<div class="col-md-3"><div id="div_id_kind" class="mb-3">')
    assert 'class="form-select is-invalid"' in html
    assert 'aria-describedby="id_kind_error"' in html
    assert '<div id="id_kind_error" class="invalid-feedback d-block"><div>' in html
