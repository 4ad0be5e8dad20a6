"""Writes of the core: the audit log, notifications, people, units and clusters."""

import contextlib
import contextvars
import ipaddress

from django.conf import settings
from django.db import transaction

from . import upkeep
from .enums import DIGEST_KINDS, NotificationKind
from .middleware import current_request
from .models import AuditEntry, MailOptOut, Notification, Person, Unit
from .rules import check


def client_ip(request=None):
    """The address of the client that made the request (the current one unless given), or None outside a request.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it received the request from to
    X-Forwarded-For, the client is the entry that many places from the right: entries further left are whatever the
    client chose to send. With no trusted proxy configured the header is ignored, so a client cannot pick its own
    address to escape the per-address login limit or to sign the audit log with someone else's.
    """
    request = request if request is not None else current_request.get()
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:  # the request did not come through every configured proxy
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote


def log_action(*, actor, action, obj=None, unit=None, comment="", data=None, object_repr=None):
    """Append one entry to the audit log; the caller's transaction keeps it atomic with the change.

    ``object_repr`` names the object in the log when its own text alone would not say what it is.
    """
    from django.contrib.contenttypes.models import ContentType

    from .rules import owner_unit

    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr if object_repr is not None else str(obj) if obj is not None else "")[:255],
        unit=unit if unit is not None else owner_unit(obj),
        comment=comment or "",
        data=data or {},
        ip_address=client_ip(),
    )


# Set while notifications are written that no one is to be mailed about (the demo's story, told as if it were
# played): see without_mail().
_mail_suppressed = contextvars.ContextVar("mail_suppressed", default=False)


@contextlib.contextmanager
def without_mail():
    """Within this block (and the on-commit callbacks run inside it), notify() fills inboxes but owes no mail."""
    token = _mail_suppressed.set(True)
    try:
        yield
    finally:
        _mail_suppressed.reset(token)


def notify(*, recipients, title, body="", url="", deadline=None, email=True, kind=NotificationKind.OTHER):
    """Put a notification in each recipient's inbox and, after commit, send it by email too.

    ``kind`` (emulation.enums.NotificationKind) lets each recipient choose which kinds come by mail; reminders are
    mailed in one digest a day (tasks.send_reminder_digests), the other kinds one mail each.
    Side effects: Notification rows; for mailed kinds, a Celery task per batch that emails the recipients who have
    an address and did not opt out of the kind.
    """
    users = {user.pk: user for user in recipients if user is not None}
    if not users:
        return []
    by_email = email and not _mail_suppressed.get()
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                title=title[:255],
                body=body,
                url=url,
                deadline=deadline,
                kind=kind,
                by_email=by_email,
            )
            for user in users.values()
        ]
    )
    if by_email and kind not in DIGEST_KINDS:
        from .tasks import send_notification_emails

        ids = [n.pk for n in created if n.pk] or list(
            Notification.objects.filter(recipient__in=users, title=title[:255]).values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: enqueue_safely(send_notification_emails, ids))
    return created


def mail_opt_outs(user):
    """The kinds of notification the user reads in the portal only."""
    return set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True))


@transaction.atomic
def set_mail_kinds(*, user, kinds):
    """Mail the user the notifications of these kinds only; the inbox keeps every kind.

    Side effects: the user's MailOptOut rows, and an audit entry. Returns the kinds now opted out of.
    """
    wanted = {NotificationKind(kind) for kind in kinds}
    opted_out = set(NotificationKind) - wanted
    before = mail_opt_outs(user)
    MailOptOut.objects.filter(user=user).exclude(kind__in=opted_out).delete()
    MailOptOut.objects.bulk_create(
        [MailOptOut(user=user, kind=kind) for kind in opted_out - before], ignore_conflicts=True
    )
    if before != {str(kind) for kind in opted_out}:
        log_action(actor=user, action="notification.mail_settings_changed", data={"opted_out": sorted(opted_out)})
    return opted_out


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


def queue_password_reset_mail(*, user):
    """After commit, queue the mail that gives the user a link to choose a new password.

    The request only queues it: sending from the request would keep the page waiting on the mail server, and the
    time it took would tell who has an account. Side effect: a Celery task (in the page's language).
    """
    from django.utils.translation import get_language

    from .tasks import send_password_reset_mail

    args = (user.pk, None, None, None, get_language())
    transaction.on_commit(lambda: enqueue_safely(send_password_reset_mail, *args))


def mark_notifications_read(*, user, ids=None):
    from django.utils import timezone

    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.update(read_at=timezone.now())


@transaction.atomic
def save_person(*, person, by):
    """Create or update a person of a unit; a secretary only within his or her unit's subtree."""
    check(by, "emulation.manage_people", person.unit)
    created = person.pk is None
    if not created:
        before = Person.objects.select_for_update().get(pk=person.pk)
        check(by, "emulation.manage_people", before.unit)
    person.full_clean()
    person.save()
    log_action(actor=by, action="person.created" if created else "person.updated", obj=person)
    upkeep.person_changed()
    return person


# What the apps are told of a unit's write (emulation.upkeep.unit_changed): these fields before and after it.
UNIT_FOLLOWED = ("cluster_id", "is_active", "level", "path")


@transaction.atomic
def save_unit(*, unit):
    """Create or update a unit (rename, move, (de)activate, change level), then keep up the core's caches and tell
    the apps (emulation.upkeep.unit_changed, with what the unit's followed fields were before: None for a new unit).
    The caller checks who may do it (the admin)."""
    before = Unit.objects.filter(pk=unit.pk).values(*UNIT_FOLLOWED).first() if unit.pk else None
    unit.save()
    upkeep.unit_changed(unit=unit, before=before)
    return unit


@transaction.atomic
def save_cluster(*, cluster):
    """Create or update a cluster, then keep up the core's caches and tell the apps (emulation.upkeep)."""
    cluster.save()
    upkeep.cluster_changed(cluster=cluster, deleted=False)
    return cluster


@transaction.atomic
def delete_cluster(*, cluster):
    """Delete a cluster (its units belong to no cluster from then on), then keep up the core's caches and tell the
    apps (emulation.upkeep)."""
    cluster.delete()
    upkeep.cluster_changed(cluster=cluster, deleted=True)


def units_reloaded():
    """Units, clusters and people were written around the services (a demo or bulk load): the core's caches are
    dropped and the apps recount whatever they keep about them (emulation.upkeep). Runs in the caller's
    transaction."""
    upkeep.units_reloaded()
