"""Recount the per cluster tracking figures (PlanClusterSummary), e.g. after data was loaded around the models."""

import time

from django.core.management.base import BaseCommand

from campaigns.models import YearPlan
from campaigns.services.summaries import rebuild_plan_summaries


class Command(BaseCommand):
    help = "Recount the per cluster tracking figures of one plan or of every plan."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="the plan's id (default: every plan)")

    def handle(self, *args, plan=None, **options):
        started = time.monotonic()
        rows = rebuild_plan_summaries(plan=YearPlan.objects.get(pk=plan) if plan else None)
        self.stdout.write(f"{rows} rows in {time.monotonic() - started:.1f} s")
