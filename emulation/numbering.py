"""The register that numbers every Party document: one counter per document type and numbering period.

The core knows nothing of terms: the caller passes the period (campaigns.numbering names the party term that
holds a document's date, or its calendar year). A number is taken once, when the document is issued, and stored
on the document; rendering it again reads the stored number."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .errors import DomainError
from .models import DocumentNumber, NumberRegister


def _locked_register(kind, period):
    register = NumberRegister.objects.select_for_update().filter(kind=kind, period=period).first()
    if register is not None:
        return register
    try:
        with transaction.atomic():
            NumberRegister.objects.create(kind=kind, period=period)
    except IntegrityError:
        pass  # another transaction created it first; the lock below waits for it
    return NumberRegister.objects.select_for_update().get(kind=kind, period=period)


@transaction.atomic
def next_number(*, kind, period):
    """Take the next number of `kind` in `period` and record it as issued. Returns the number (an int).

    Side effects: the register's counter moves on, a DocumentNumber row is written (unique per type, period and
    number). Runs inside the caller's transaction, so a refused document gives its number back."""
    register = _locked_register(kind, period)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    DocumentNumber.objects.create(kind=kind, period=period, number=register.last_number)
    return register.last_number


@transaction.atomic
def reserve_number(*, kind, period, number):
    """Record a number the Office gave by hand (from its paper register) as issued; refused if already issued.

    The counter moves past it, so the next automatic number never collides with it."""
    register = _locked_register(kind, period)
    if DocumentNumber.objects.filter(kind=kind, period=period, number=number).exists():
        raise DomainError(
            _("Số %(number)s-%(kind)s đã được cấp trong %(period)s.")
            % {"number": number, "kind": kind, "period": period}
        )
    DocumentNumber.objects.create(kind=kind, period=period, number=number)
    if number > register.last_number:
        register.last_number = number
        register.save(update_fields=["last_number"])
    return number
