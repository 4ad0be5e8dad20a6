"""The public notice as a Party document (THÔNG BÁO, numbered TB): the list the council passed, the period it is
open for comments and where to send them, signed for the Standing Committee."""

from django.utils import timezone

from emulation.documents import party_document_context, render_pdf

from .models import BallotItem


def notice_items(notice):
    """The passed items in the order the notice's page lists them, with what the document prints. One query."""
    return list(
        BallotItem.objects.filter(ballot=notice.ballot_id, passed=True)
        .select_related("nominee__award", "nominee__person", "nominee__unit", "nominee__proposal__unit")
        .order_by("position", "pk")
    )


def notice_pdf(notice):
    """The notice dated the day it was published, with the number the register gave it then."""
    published = timezone.localtime(notice.published_at).date()
    context = party_document_context(kind_code="TB", number=str(notice.number or ""), date=published)
    context.update(
        {"notice": notice, "ballot": notice.ballot, "round": notice.ballot.round, "items": notice_items(notice)}
    )
    return render_pdf("awards/documents/public_notice.html", context)
