"""The portal's admin site: every change made through it is written to the portal's audit log.

Each app's admin (ours, django_celery_beat's) registers on this site, and ``register`` mixes ``AuditedAdmin`` into
every ModelAdmin, so no app has to remember it. Every POST runs in one transaction, so an audit entry is written
or rolled back together with the change it describes.
"""

import json
from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.forms import ModelChoiceField, ModelMultipleChoiceField, PasswordInput
from django.utils.text import capfirst

from .auth import RateLimitedAdminAuthenticationForm
from .services import log_action

ADDED, CHANGED, DELETED = "admin.added", "admin.changed", "admin.deleted"
MASK = "******"
# Formset bookkeeping fields, not values of the record.
FORMSET_FIELDS = {"DELETE", "ORDER", "id"}


def is_secret(name, field=None):
    """Password fields (hashes in the model, clear text in the password forms) never reach the log."""
    return "password" in name.lower() or isinstance(getattr(field, "widget", None), PasswordInput)


def plain(value):
    """A JSON value that reads well: related records as "name (#key)", lists sorted, dates and numbers as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return f"{value} (#{value.pk})"
    if isinstance(value, (models.QuerySet, list, tuple, set, frozenset)):
        return sorted((plain(item) for item in value), key=str)
    if isinstance(value, File):
        return value.name or ""
    try:
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    except (TypeError, ValueError):
        return str(value)


def _old_value(form, name):
    field = form.fields.get(name)
    value = form.get_initial_for_field(field, name) if field is not None else form.initial.get(name)
    # A foreign key's initial value is its key: show the record it named.
    if isinstance(field, ModelChoiceField) and not isinstance(field, ModelMultipleChoiceField):
        if value not in (None, "") and not isinstance(value, models.Model):
            key = field.to_field_name or "pk"
            value = field.queryset.model._base_manager.filter(**{key: value}).first() or value
    return value


def form_changes(form, *, add, skip=()):
    """{field: [old, new]} of what a form changed (on add: every value it set), passwords masked."""
    cleaned = getattr(form, "cleaned_data", {})
    names = [n for n in (cleaned if add else form.changed_data) if n not in skip and n not in FORMSET_FIELDS]
    changes = {}
    for name in names:
        field = form.fields.get(name)
        new = cleaned.get(name)
        if add and new in (None, "", [], ()):
            continue
        if is_secret(name, field):
            changes[name] = [None if add else MASK, MASK]
        else:
            changes[name] = [None if add else plain(_old_value(form, name)), plain(new)]
    return changes


def record_values(obj):
    """{field: value} of a record's own columns (related records by their key), passwords masked."""
    return {
        field.name: MASK if is_secret(field.name) else plain(field.value_from_object(obj))
        for field in obj._meta.concrete_fields
    }


def inline_changes(formsets):
    """(action, record, changes) for every inline record a change form added, changed or deleted."""
    for formset in formsets or ():
        added = {id(obj) for obj in getattr(formset, "new_objects", ())}
        changed = {id(obj) for obj, _names in getattr(formset, "changed_objects", ())}
        deleted = {id(obj) for obj in getattr(formset, "deleted_objects", ())}
        fk = getattr(getattr(formset, "fk", None), "name", None)
        pk_name = formset.model._meta.pk.name
        for form in formset.forms:
            obj = form.instance
            if id(obj) in deleted:
                if obj.pk is None and pk_name in form.fields:  # a deleted record has lost its key
                    obj.pk = getattr(form.fields[pk_name].initial, "pk", form.fields[pk_name].initial)
                old = {
                    name: [MASK if is_secret(name) else plain(_old_value(form, name)), None]
                    for name in form.fields
                    if name != fk and name not in FORMSET_FIELDS and name != pk_name
                }
                yield DELETED, obj, old
            elif id(obj) in added:
                yield ADDED, obj, form_changes(form, add=True, skip={fk, pk_name})
            elif id(obj) in changed:
                yield CHANGED, obj, form_changes(form, add=False, skip={fk, pk_name})


def record(request, kind, obj, changes, **extra):
    """One audit entry for one record changed in the admin: who, which record, and each field's old and new value."""
    opts = obj._meta
    return log_action(
        actor=request.user,
        action=kind,
        obj=obj,
        object_repr=f"{capfirst(opts.verbose_name)}: {obj}",
        data={"model": opts.label_lower, "pk": plain(obj.pk), "changes": changes, **extra},
    )


class AuditedAdmin:
    """Mixed into every ModelAdmin of the site: Django's own log entries, plus the portal's audit entries."""

    def construct_change_message(self, request, form, formsets, add=False):
        # Called after the save and before log_addition/log_change: the form still holds the old values.
        request._admin_audit = (form_changes(form, add=add), list(inline_changes(formsets)))
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit_form(request, ADDED, obj)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit_form(request, CHANGED, obj)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        logged = request.__dict__.setdefault("_admin_deleted", set())
        for obj in queryset:
            record(request, DELETED, obj, {name: [value, None] for name, value in record_values(obj).items()})
            logged.add((obj._meta.label_lower, obj.pk))
        return entries

    def response_action(self, request, queryset):
        """Actions change rows directly (enable, disable, delete...): compare the selected rows before and after."""
        selected = queryset
        if request.POST.get("select_across") in (None, "", "0", "false", "False"):
            selected = queryset.filter(pk__in=request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
        before = {obj.pk: (obj, record_values(obj)) for obj in selected}
        response = super().response_action(request, queryset)
        after = {obj.pk: obj for obj in self.model._default_manager.filter(pk__in=list(before))}
        action = request.POST.get("action", "")
        logged = request.__dict__.get("_admin_deleted", set())
        for pk, (obj, old) in before.items():
            if pk not in after:
                if (obj._meta.label_lower, pk) not in logged:
                    record(request, DELETED, obj, {n: [v, None] for n, v in old.items()}, action=action)
                continue
            new = record_values(after[pk])
            changes = {name: [old[name], new[name]] for name in old if old[name] != new[name]}
            if changes:
                record(request, CHANGED, after[pk], changes, action=action)
        return response

    def _audit_form(self, request, action, obj):
        changes, children = request.__dict__.pop("_admin_audit", ({}, []))
        if changes or action != CHANGED:
            record(request, action, obj, changes)
        parent = f"{obj._meta.label_lower}#{obj.pk}"
        for child_action, child, child_changes in children:
            record(request, child_action, child, child_changes, parent=parent)


def audited(admin_class):
    if issubclass(admin_class, AuditedAdmin):
        return admin_class
    attrs = {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__}
    return type(admin_class.__name__, (AuditedAdmin, admin_class), attrs)


class PortalAdminSite(admin.AdminSite):
    """The default admin site (see emulation.apps.PortalAdminConfig)."""

    login_form = RateLimitedAdminAuthenticationForm

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, audited(admin_class or admin.ModelAdmin), **options)

    def admin_view(self, view, cacheable=False):
        def atomic_post(request, *args, **kwargs):
            if request.method == "POST":
                with transaction.atomic():
                    return view(request, *args, **kwargs)
            return view(request, *args, **kwargs)

        return super().admin_view(update_wrapper(atomic_post, view), cacheable)
