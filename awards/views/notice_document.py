from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from emulation.views_mixins import require

from .. import notice_document
from ..models import PublicNotice
from ._common import _pdf_response


@require_GET
def notice_pdf(request, pk):
    """The notice as a numbered THÔNG BÁO; whoever may read the notice's page may download it."""
    require(request.user, "awards.view_notice")
    notice = get_object_or_404(PublicNotice.objects.select_related("ballot__round"), pk=pk)
    pdf = notice_document.notice_pdf(notice)
    return _pdf_response(request, pdf, f"thong-bao-cong-khai-{notice.pk}.pdf", obj=notice)
