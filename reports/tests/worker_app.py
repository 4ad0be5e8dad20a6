"""The project's Celery app, for the worker the integration tests start as a subprocess.

It is the real app (``emulation.celery.app``, same tasks, broker and database settings) with two
test-only knobs read from the environment, so a test can reproduce a crash within seconds:
- REPORTS_TEST_VISIBILITY: the Redis visibility timeout in seconds (production: one hour), after which an
  unacknowledged task of a dead worker is delivered again;
- REPORTS_TEST_PAUSE: seconds the worker sleeps once the figures are gathered, before rendering the PDF,
  leaving a window to kill it midway.
"""

import os
import time

from celery.signals import task_prerun

from emulation.celery import app

visibility = os.environ.get("REPORTS_TEST_VISIBILITY")
if visibility:
    app.conf.broker_transport_options = {
        **app.conf.broker_transport_options,
        "visibility_timeout": int(visibility),
        # Scan for tasks of dead workers every second (production: every 10 s × 10).
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }


@task_prerun.connect
def _slow_down(**kwargs):
    pause = float(os.environ.get("REPORTS_TEST_PAUSE", "0"))
    if not pause:
        return
    from reports import pdf

    if getattr(pdf.render_report_pdf, "slowed", False):
        return
    render = pdf.render_report_pdf

    def slow_render(report, data):
        time.sleep(pause)
        return render(report, data)

    slow_render.slowed = True
    pdf.render_report_pdf = slow_render


__all__ = ["app"]
