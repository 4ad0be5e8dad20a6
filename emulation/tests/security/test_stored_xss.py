"""Stored script: every text column of every record holds a script tag, and no page shows it unescaped."""

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from .forms_found import client_for
from .matrix_table import TABLE

XSS = '<script>alert("stored")</script>'
# Columns the code writes and reads as keys, never text a person typed.
MACHINE_COLUMNS = {"path", "action", "object_id", "url", "content_type", "key"}
# Text that exists only together with another column (a justification always has its author): poisoned through
# the rows that have it.
COUPLED = {"override_justification": "override_by_id"}
VIEWERS = ("office", "sec_a", "sec_b", "council", "standing", "propaganda", "anon")


def poison_every_text_column():
    """Write the payload into each free-text column of the portal's tables; returns how many columns took it."""
    poisoned = 0
    for model in apps.get_models():
        if model._meta.app_label not in ("emulation", "campaigns", "awards", "reports"):
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or field.choices or field.primary_key:
                continue
            if (field.max_length and field.max_length < len(XSS)) or field.name in MACHINE_COLUMNS:
                continue
            rows = model._default_manager.all()
            if field.name in COUPLED:
                rows = rows.exclude(**{COUPLED[field.name]: None})
            try:
                with transaction.atomic():
                    rows.update(**{field.attname: XSS})
            except IntegrityError:  # unique codes and names keep their values
                continue
            poisoned += 1
    return poisoned


def test_no_page_shows_stored_text_unescaped(in_world, capsys):
    world = in_world
    columns = poison_every_text_column()
    assert columns >= 40
    pages, found = 0, []
    for role in VIEWERS:
        client = client_for(world, role)
        for name, cases in TABLE.items():
            for case in cases:
                if case.method != "GET" or role not in case.allowed:
                    continue
                path = reverse(name, kwargs=case.kwargs(world.objects) if case.kwargs else {})
                response = client.get(path)
                pages += 1
                assert response.status_code < 500, (path, role)
                if "html" in response.get("Content-Type", "") and XSS in response.content.decode():
                    found.append(f"{name} as {role}")
    with capsys.disabled():
        print(f"\nstored script: {columns} text columns poisoned, {pages} pages read")
    assert not found, found
