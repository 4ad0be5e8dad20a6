"""What an awards write keeps in step besides its own rows: a round's dossier count (Round.proposal_count), the
cached counts of the proposal lists and of the history lookup, and the cached catalog of awards (counts.py).

Every writer calls the function named after its change, in its own transaction, after its write: the services, the
admin (save_model, delete_model, delete_queryset), the history import, the demo seeder and the bulk loader
(services.complete_bulk_load). Nothing follows the models' signals, so reading a service shows all that it does.
Dossiers are never deleted (the admin refuses, a round or a unit with dossiers is protected): a unit withdraws
its dossier instead, which is a change of state.
"""

from django.db.models import F

from .counts import forget_awards, forget_proposal_counts, forget_record_counts
from .models import Round


def proposal_added(proposal):
    """A dossier was created: its round counts one more, and the lists' counts are recounted."""
    Round.objects.filter(pk=proposal.round_id).update(proposal_count=F("proposal_count") + 1)
    forget_proposal_counts()


def proposals_changed():
    """One or more dossiers changed state or content: the lists' counts (by state, round, search) are recounted."""
    forget_proposal_counts()


def records_changed():
    """Award records were created, saved or deleted (a decision, a higher level's answer, the import, the admin):
    the history lookup's counts are recounted."""
    forget_record_counts()


def awards_changed():
    """An award of the catalog was created, saved or deleted: the cached catalog is read again."""
    forget_awards()


def everything_reloaded():
    """Rows were written around the services (a bulk load, the catalog's loading): drop every cached count and the
    cached catalog. The round counts are recounted by services.complete_bulk_load, which calls this."""
    forget_proposal_counts()
    forget_record_counts()
    forget_awards()
