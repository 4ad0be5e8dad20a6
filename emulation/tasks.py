from datetime import datetime, time, timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation

from . import mail
from .enums import DIGEST_KINDS
from .models import MailOptOut, Notification

# Owed mails older than this are left to the inbox: a week late, a reminder or a step of a workflow is history.
MAIL_MAX_AGE = timedelta(days=7)


def _owed():
    """Notifications that still owe their recipient a mail (the caller narrows them)."""
    return Notification.objects.filter(by_email=True, emailed_at__isnull=True)


def _drop_opted_out(queryset):
    """Owe no mail for the notifications whose recipient reads their kind in the portal only."""
    opted_out = MailOptOut.objects.filter(user=OuterRef("recipient"), kind=OuterRef("kind"))
    return Notification.objects.filter(pk__in=queryset.filter(Exists(opted_out)).values("pk")).update(by_email=False)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails(notification_ids):
    """Email the notifications not yet emailed whose recipients have an address and want their kind by mail.

    Reminders are left to the daily digest (send_reminder_digests). Idempotent: rows are locked and stamped, so a
    retried or duplicated task sends nothing twice.
    """
    owed = _owed().filter(pk__in=notification_ids).exclude(kind__in=DIGEST_KINDS)
    _drop_opted_out(owed)
    with transaction.atomic():
        pending = list(
            owed.filter(by_email=True)
            .select_for_update(of=("self",))
            .exclude(recipient__email="")
            .select_related("recipient")
        )
        messages = [mail.notification_message(n) for n in pending]
        if messages:
            get_connection().send_messages(messages)
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return len(messages)


@shared_task(office_may_schedule=True)
def send_pending_notification_emails(max_age_days=7):
    """Sweep: email the recent notifications whose email was never sent (for instance while the broker was down)."""
    since = timezone.now() - timedelta(days=max_age_days)
    ids = list(
        _owed()
        .filter(created_at__gte=since)
        .exclude(kind__in=DIGEST_KINDS)
        .exclude(recipient__email="")
        .values_list("pk", flat=True)[:1000]
    )
    return send_notification_emails(ids) if ids else 0


def _start_of_today():
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5, office_may_schedule=True)
def send_reminder_digests():
    """Mail each person one digest of the reminders owed to him or her, at most once a day; return how many.

    A reminder already read in the portal, or of a kind the person opted out of, is not mailed. Idempotent and safe
    to run concurrently: each person's reminders are claimed under a row lock (skipped when another run holds it)
    and stamped in the transaction that sends the mail, and a person mailed a digest today gets no second one.
    """
    now = timezone.now()
    today = _start_of_today()
    owed = _owed().filter(kind__in=DIGEST_KINDS, created_at__gte=now - MAIL_MAX_AGE, read_at__isnull=True)
    _drop_opted_out(owed)
    mailed_today = Notification.objects.filter(kind__in=DIGEST_KINDS, emailed_at__gte=today).values("recipient")
    people = list(
        owed.exclude(recipient__email="")
        .exclude(recipient__in=mailed_today)
        .order_by("recipient")
        .values_list("recipient", flat=True)
        .distinct()
    )
    sent = 0
    for person in people:
        with transaction.atomic():
            # The person's row is the lock: a run that mails this person holds it until its stamps are committed,
            # so a concurrent run skips the person instead of mailing a reminder created meanwhile a second time.
            if not list(
                get_user_model().objects.select_for_update(skip_locked=True).filter(pk=person).values_list("pk")
            ):
                continue
            rows = list(
                owed.filter(recipient=person)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .order_by("deadline", "created_at", "pk")
            )
            if not rows or mailed_today.filter(recipient=person).exists():
                continue  # another run holds this person's reminders, or has mailed them today
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
            mail.digest_message(rows[0].recipient, rows, timezone.localdate()).send()
            sent += 1
    return sent


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset_mail(user_id, domain=None, site_name=None, use_https=None, language=None):
    """Email the user a link to choose a new password (see mail.send_password_reset_mail).

    ``domain``, ``site_name`` and ``use_https`` are unused: the link is built on settings.SITE_URL. They stay in
    the signature for the tasks a previous version left in the queue.
    """
    from django.contrib.auth import get_user_model

    from .mail import send_password_reset_mail as send

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return False
    with translation.override(language or settings.LANGUAGE_CODE):
        return send(user=user)
