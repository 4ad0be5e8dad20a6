"""Forms drawn by |portal_form: what crispy drew (labels, * for required, errors tied to their field), faster."""

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
    return Template("{% load portal %}{{ form|portal_form }}").render(Context({"form": form}))


def test_fields_have_labels_marks_and_help_with_markup_escaped():
    html = render(ProposalForm())
    assert '<label for="id_title" class="form-label">Tiêu đề<span class="asteriskField">*</span></label>' in html
    assert '<label for="id_kind" class="form-label">Loại</label>' in html
    assert 'class="form-select"' in html
    assert "Tối đa 200 ký tự &lt;b&gt;" in html
    assert '<input type="hidden" name="token" value="t-1"' in html
    assert 'class="form-check-input"' in html


def test_errors_are_shown_under_their_field_and_the_form():
    form = ProposalForm(data={"token": "t-1"})
    form.is_valid()
    html = render(form)
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert '<div id="id_title_error" class="invalid-feedback d-block">' in html
    assert "is-invalid" in html
    assert '<div class="alert alert-block alert-danger"><ul class="m-0"><li>Hồ sơ đã được gửi ở nơi khác.</li>' in html
