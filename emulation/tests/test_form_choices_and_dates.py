"""Choices made once for every form (emulation/renderers.py): a lone valid option is chosen already, and a date is
typed and shown as dd/mm/yyyy in both languages."""

import datetime

import pytest
from django import forms
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from emulation.models import Cluster
from emulation.tests.factories import ClusterFactory


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label="Hạn")
    kind = forms.ChoiceField(label="Loại", choices=[("", "---------"), ("a", "Một")])
    kinds = forms.ChoiceField(label="Loại khác", choices=[("", "---------"), ("a", "Một"), ("b", "Hai")])
    optional = forms.ChoiceField(label="Tùy chọn", choices=[("", "---------"), ("a", "Một")], required=False)


class ClusterForm(forms.Form):
    cluster = forms.ModelChoiceField(label="Cụm", queryset=Cluster.objects.order_by("pk"))


def render(form):
    return Template("{{ form }}").render(Context({"form": form}))


def test_a_required_drop_down_with_one_valid_option_has_it_chosen_and_no_dashes():
    html = str(DeadlineForm()["kind"])
    assert '<option value="a" selected>Một</option>' in html
    assert "---------" not in html


def test_a_drop_down_with_several_options_or_an_optional_one_keeps_the_empty_choice():
    form = DeadlineForm()
    assert '<option value="" selected>---------</option>' in str(form["kinds"])
    assert '<option value="" selected>---------</option>' in str(form["optional"])


@pytest.mark.django_db
def test_a_lone_model_option_is_chosen_with_one_query_for_the_field():
    cluster = ClusterFactory(name="Cụm thi đua số 1")
    form = ClusterForm()
    with CaptureQueriesContext(connection) as queries:
        html = render(form)
    assert f'<option value="{cluster.pk}" selected>Cụm thi đua số 1</option>' in html
    assert "---------" not in html
    assert len(queries) == 1  # the options are read once, not once more to count them
    ClusterFactory(name="Cụm thi đua số 2")
    with CaptureQueriesContext(connection) as queries:
        html = render(ClusterForm())
    assert '<option value="" selected>---------</option>' in html and len(queries) == 1


@pytest.mark.django_db
def test_a_lone_option_left_as_drawn_is_what_the_form_receives():
    cluster = ClusterFactory()
    form = ClusterForm({"cluster": str(cluster.pk)})
    assert form.is_valid() and form.cleaned_data["cluster"] == cluster


def test_a_date_is_a_text_box_asking_for_dd_mm_yyyy():
    html = str(DeadlineForm(initial={"deadline": datetime.date(2026, 12, 25)})["deadline"])
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'value="25/12/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html and 'inputmode="numeric"' in html
    assert "data-datepicker=" in html


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("typed", ["25/12/2026", "2026-12-25"])
def test_a_date_typed_day_first_is_read_the_same_in_both_languages(language, typed):
    with translation.override(language):
        form = DeadlineForm({"deadline": typed, "kind": "a", "kinds": "a"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["deadline"] == datetime.date(2026, 12, 25)
        # 05/12/2026 is 5 December, not 12 May, in English too.
        form = DeadlineForm({"deadline": "05/12/2026", "kind": "a", "kinds": "a"})
        assert form.is_valid() and form.cleaned_data["deadline"] == datetime.date(2026, 12, 5)


def test_a_date_shown_again_after_an_error_keeps_the_day_first():
    with translation.override("en"):
        form = DeadlineForm({"deadline": "25/12/2026"})
        assert not form.is_valid()
        assert 'value="25/12/2026"' in str(form["deadline"])


def test_the_base_page_loads_the_calendar_from_static_files_only():
    from pathlib import Path

    from django.conf import settings

    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text(encoding="utf-8")
    assert "vendor/flatpickr/flatpickr.min.js" in base and "js/datepicker.js" in base
    vendor = Path(settings.BASE_DIR) / "static" / "vendor" / "flatpickr"
    assert {"LICENSE.md", "flatpickr.min.js", "flatpickr.min.css", "vn.js"} <= {p.name for p in vendor.iterdir()}
    assert "http" not in (Path(settings.BASE_DIR) / "static" / "js" / "datepicker.js").read_text(encoding="utf-8")
