"""The titles a pledge registers for: the collective title the unit aims at and each person's individual title.

They are the award catalog's (awards/), which the campaigns may not import (reports → awards → campaigns → core):
the app that keeps a catalog answers through its AppConfig's ``registrable_titles(subject=, unit=)``, as the apps
answer the core's hooks. Without such an app, the suggestions of enums.py stand in.
"""

from django.apps import apps

from .enums import COLLECTIVE_TITLES, INDIVIDUAL_TITLES

COLLECTIVE = "collective"
INDIVIDUAL = "individual"


def registrable_titles(*, subject, unit):
    """The names of the titles ``unit`` may register for ``subject`` (COLLECTIVE or INDIVIDUAL), in the catalog's
    order. One query at most."""
    for config in apps.get_app_configs():
        hook = getattr(config, "registrable_titles", None)
        if hook is not None:
            return list(hook(subject=subject, unit=unit))
    return list(COLLECTIVE_TITLES if subject == COLLECTIVE else INDIVIDUAL_TITLES)


def matching_title(title, titles):
    """The catalog's spelling of ``title`` (spaces and letter case aside), or None when it is not among ``titles``:
    a spreadsheet typed "lao động  tiên tiến" still registers "Lao động tiên tiến"."""
    wanted = " ".join(str(title).split()).casefold()
    return next((name for name in titles if name.casefold() == wanted), None)
