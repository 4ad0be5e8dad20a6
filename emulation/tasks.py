from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation

from .models import Notification


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails(notification_ids):
    """Email the notifications not yet emailed whose recipients have an address.

    Idempotent: rows are locked and stamped, so a retried or duplicated task sends nothing twice.
    """
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(pk__in=notification_ids, emailed_at__isnull=True)
            .exclude(recipient__email="")
            .select_related("recipient")
        )
        messages = [
            (n.title, f"{n.body}\n\n{n.url}".strip(), settings.DEFAULT_FROM_EMAIL, [n.recipient.email]) for n in pending
        ]
        if messages:
            send_mass_mail(messages, fail_silently=False)
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return len(messages)


@shared_task(office_may_schedule=True)
def send_pending_notification_emails(max_age_days=7):
    """Sweep: email the recent notifications whose email was never sent (for instance while the broker was down)."""
    from datetime import timedelta

    since = timezone.now() - timedelta(days=max_age_days)
    ids = list(
        Notification.objects.filter(emailed_at__isnull=True, created_at__gte=since)
        .exclude(recipient__email="")
        .values_list("pk", flat=True)[:1000]
    )
    return send_notification_emails(ids) if ids else 0


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset_mail(user_id, domain, site_name, use_https, language=None):
    """Email the user a link to choose a new password (see mail.send_password_reset_mail)."""
    from django.contrib.auth import get_user_model

    from .mail import send_password_reset_mail as send

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return False
    with translation.override(language or settings.LANGUAGE_CODE):
        return send(user=user, domain=domain, site_name=site_name, use_https=use_https)
