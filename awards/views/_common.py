"""What every awards view shares: loading a ballot, a PDF reply (a refused rule becomes a message through the core's
emulation.views_mixins.attempt)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from emulation.services import log_action
from emulation.views_mixins import require

from ..models import Ballot


def _ballot(request, pk):
    require(request.user, "awards.view_ballots")
    return get_object_or_404(Ballot.objects.select_related("round", "notice"), pk=pk)


def _pdf_response(request, pdf, filename, *, obj):
    """A generated PDF; the download is written to the audit log as an export of ``obj``."""
    log_action(actor=request.user, action="export", obj=obj, comment=filename)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
