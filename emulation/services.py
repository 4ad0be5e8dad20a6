"""Writes of the core: the audit log, notifications, people and roles."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .enums import BLOC_WIDE_ROLES, Role
from .middleware import current_request
from .models import AuditEntry, Notification, Person, RoleAssignment


def client_ip():
    request = current_request.get()
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_action(*, actor, action, obj=None, unit=None, comment="", data=None):
    """Append one entry to the audit log; the caller's transaction keeps it atomic with the change."""
    from django.contrib.contenttypes.models import ContentType

    from .rules import owner_unit

    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        unit=unit if unit is not None else owner_unit(obj),
        comment=comment or "",
        data=data or {},
        ip_address=client_ip(),
    )


def notify(*, recipients, title, body="", url="", deadline=None, email=True):
    """Put a notification in each recipient's inbox and, after commit, send it by email too.

    Side effects: Notification rows; a Celery task per batch that emails the recipients who have an address.
    """
    users = {user.pk: user for user in recipients if user is not None}
    if not users:
        return []
    created = Notification.objects.bulk_create(
        [
            Notification(recipient=user, title=title[:255], body=body, url=url, deadline=deadline)
            for user in users.values()
        ]
    )
    if email:
        from .tasks import send_notification_emails

        ids = [n.pk for n in created if n.pk] or list(
            Notification.objects.filter(recipient__in=users, title=title[:255]).values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: enqueue_safely(send_notification_emails, ids))
    return created


def enqueue_safely(task, *args):
    """Queue a task after commit without failing the user's request when the broker is down.

    What the task would do is already recorded in the database (here: notifications with no emailed_at),
    and a periodic sweep picks it up once the broker is back, so nothing is lost.
    """
    import logging

    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001 - any broker failure: the work stays recorded for the sweep
        logging.getLogger(__name__).warning("Broker unavailable; %s left for the sweep.", task.name, exc_info=True)
        return False
    return True


def mark_notifications_read(*, user, ids=None):
    from django.utils import timezone

    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.update(read_at=timezone.now())


def _check(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


@transaction.atomic
def save_person(*, person, by):
    """Create or update a person of a unit; a secretary only within his or her unit's subtree."""
    _check(by, "emulation.manage_people", person.unit)
    created = person.pk is None
    if not created:
        before = Person.objects.select_for_update().get(pk=person.pk)
        _check(by, "emulation.manage_people", before.unit)
    person.full_clean()
    person.save()
    log_action(actor=by, action="person.created" if created else "person.updated", obj=person)
    return person


@transaction.atomic
def assign_role(*, user, role, unit=None, by=None):
    """Give a user a role; secretaries name their unit, every other role covers the whole Bloc."""
    if by is not None:
        _check(by, "emulation.configure")
    if role == Role.SECRETARY and unit is None:
        raise ValueError("A secretary role names a unit.")
    if role in BLOC_WIDE_ROLES:
        unit = None
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        log_action(actor=by, action="role.assigned", obj=user, unit=unit, data={"role": role})
    user.__dict__.pop("_role_cache", None)
    return assignment
