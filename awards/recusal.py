"""Who may not vote on a nominee, in one place: as a test on one nominee and as a filter over many.

A council member is recused from a nominee who is himself or herself, or whose unit (a person's unit, or the
collective itself) or proposing unit is the member's unit or one above it. The two forms below say the same thing;
awards/tests/test_recusal.py checks them against each other.
"""

from django.db.models import Q

from emulation.models import Person


def person_of(user):
    """The member's person record (with its unit), or None for an account without one."""
    return Person.objects.filter(user=user).select_related("unit").first()


def is_recused(person, nominee):
    """Whether ``person`` is recused from ``nominee`` (its person, unit and proposal's unit already read)."""
    if person is None:
        return False
    if nominee.person_id == person.pk:
        return True
    path = person.unit.path
    return path.startswith(nominee.holder_unit.path) or path.startswith(nominee.proposal.unit.path)


def recused_nominees(person, prefix="nominee__"):
    """The same rule as a filter on nominees (``prefix`` leads from the rows filtered to the nominee): the units at
    or above the member's are the ids in the member's unit path, so no unit row is read."""
    if person is None:
        return Q(pk__in=[])
    above = [int(part) for part in person.unit.path.strip("/").split("/") if part]
    return (
        Q(**{f"{prefix}person": person})
        | Q(**{f"{prefix}unit__in": above})
        | Q(**{f"{prefix}person__unit__in": above})
        | Q(**{f"{prefix}proposal__unit__in": above})
    )
