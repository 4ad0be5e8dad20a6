"""Celery tasks of the campaigns: thin wrappers that take ids and call the services."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .models import YearPlan
from .services.summaries import rebuild_plan_summaries

TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3, office_may_schedule=True
)
def rebuild_summaries(plan_id=None):
    """Recount the tracking summary of one plan (None: every plan); idempotent, safe to run twice."""
    plan = None if plan_id is None else YearPlan.objects.filter(pk=plan_id).first()
    if plan_id is not None and plan is None:
        return 0
    return rebuild_plan_summaries(plan=plan)
