"""What the core's writes keep in step besides their own rows: the Office's organization overview, the clusters of
the list filters and the version the unit and people lists' counts are cached under (selectors.py), and what the
apps keep about units and clusters (their AppConfig hooks, below).

Every writer of a unit, a cluster or a person calls the function named after its change, in its own transaction,
after its write: the services (save_unit, save_cluster, delete_cluster, save_person), the admin through them or
itself (people), the demo seeder and the bulk loader (units_reloaded). Nothing follows the models' signals, so
reading a service shows all that it does.
"""

from django.apps import apps

from .selectors import forget_organization_overview


# The apps keep figures and copies about units and clusters (the campaigns' per cluster summaries, list orders,
# cached pages). The core imports no app, so every write of a unit or cluster tells them through AppConfig methods,
# in the writer's transaction: unit_changed(unit=, before=), cluster_changed(cluster=, deleted=), units_reloaded().
def _tell_apps(hook, **kwargs):
    for config in apps.get_app_configs():
        method = getattr(config, hook, None)
        if method is not None:
            method(**kwargs)


def unit_changed(*, unit, before):
    """A unit was created or saved; ``before`` holds its followed fields before the write (None for a new unit)."""
    forget_organization_overview()
    _tell_apps("unit_changed", unit=unit, before=before)


def cluster_changed(*, cluster, deleted):
    """A cluster was created, saved or deleted."""
    forget_organization_overview()
    _tell_apps("cluster_changed", cluster=cluster, deleted=deleted)


def person_changed():
    """A person was created or saved: the overview counts active people, the people lists are counted again."""
    forget_organization_overview()


def units_reloaded():
    """Units, clusters or people were written around the services (a demo seed, a bulk load): every cached figure of
    the core is dropped and the apps recount whatever they keep about units. Runs in the caller's transaction."""
    forget_organization_overview()
    _tell_apps("units_reloaded")
