"""Counts the lists show, kept on write or cached until what they count changes (emulation.views_mixins.paginate
reads them).

Counting rows at national scale is what made lists slow: a round's 40 000 dossiers, a ballot's 200 items, the
first 10 001 rows of every filtered list. Counts written by the services (Round.proposal_count, Ballot.item_count,
Decision.nominee_count) are read as they are: a read never writes, and rows written in bulk are completed by
services.complete_bulk_load once the load is done. Bounded list counts are cached under a version that every
writer replaces through awards.upkeep.
"""

import hashlib

from django.core.cache import cache

from emulation.caching import replace_version, version
from emulation.rules import reads_every_unit, roles_of, secretary_units

from .models import Award

# Bounded counts of proposal lists (up to 10 001 rows read per view) are cached until any proposal is saved or
# deleted (awards.upkeep replaces the version, so every cached count is dropped at once).
PROPOSAL_COUNTS = "awards:proposal-counts"


def forget_proposal_counts():
    replace_version(PROPOSAL_COUNTS)


def _count_key(name, user, filters):
    """The cache key of a list's count: the version, what the user's scope depends on, the filters (the query's SQL
    would say the same, but compiling it costs more than reading the cache)."""
    scope = (sorted(roles_of(user)), sorted(unit.pk for unit in secretary_units(user)))
    parts = repr((name, version(name), scope, sorted((k, str(v)) for k, v in filters.items())))
    return "awards:count:" + hashlib.sha1(parts.encode(), usedforsecurity=False).hexdigest()


def proposal_count_key(user, **filters):
    """The cache key of a proposal list's count: what the user's scope depends on, the filters, the version."""
    return _count_key(PROPOSAL_COUNTS, user, filters)


# The lookup's count for readers of every unit, by award and year: it changes only when a record is saved or
# deleted (awards.upkeep). A search by name or a secretary's subtree also depends on people and units, so
# those are counted each time.
RECORD_COUNTS = "awards:record-counts"


def forget_record_counts():
    replace_version(RECORD_COUNTS)


def lookup_count_key(user, *, award=None, year=None, search=""):
    if search or not reads_every_unit(user):
        return None
    return _count_key(RECORD_COUNTS, user, {"award": award.pk if award else "", "year": year or ""})


AWARDS_CACHE_KEY = "awards:catalog-by-pk"


def awards_by_pk():
    """Every award by its key, cached until an award is saved or deleted (awards.upkeep)."""
    awards = cache.get(AWARDS_CACHE_KEY)
    if awards is None:
        awards = {award.pk: award for award in Award.objects.all()}
        cache.set(AWARDS_CACHE_KEY, awards, 3600)
    return awards


def forget_awards():
    cache.delete(AWARDS_CACHE_KEY)
