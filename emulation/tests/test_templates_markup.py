"""Markup lives in templates: no template tag builds HTML in Python, so a designer changes a table in a template."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKUP_IN_PYTHON = re.compile(r"format_html_join|mark_safe|<tr")


def test_no_template_tag_builds_markup():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.glob("*/templatetags/*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MARKUP_IN_PYTHON.search(line)
    ]
    assert not found, found


def test_one_state_badge_serves_every_app():
    from django.template.loader import render_to_string
    from django.utils import translation

    def badge(**context):
        with translation.override("vi"):
            return render_to_string("partials/state_badge.html", context)

    assert badge(state="accepted", label="Đã chấp thuận") == '<span class="badge text-bg-success">Đã chấp thuận</span>'
    assert badge(state="not_passed", label="x") == '<span class="badge text-bg-danger">x</span>'
    assert badge(state="draft", label="<b>") == '<span class="badge text-bg-secondary">&lt;b&gt;</span>'
    assert 'text-bg-light border">Chưa có</span> <span class="badge text-bg-warning">Muộn</span>' in badge(late=True)


def test_templates_are_compiled_once_by_the_cached_loader():
    from django.template import engines
    from django.template.loaders.cached import Loader

    loaders = engines["django"].engine.template_loaders
    assert len(loaders) == 1 and isinstance(loaders[0], Loader)
