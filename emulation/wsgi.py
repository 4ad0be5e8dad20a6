import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
# A web request never waits on one statement longer than this (settings.DB_STATEMENT_TIMEOUT): the page fails with
# a message instead of gunicorn killing the worker.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "20000")
application = get_wsgi_application()
