"""What the campaigns views share: fetching an object the user may see, running a service, file responses."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from emulation.errors import DomainError
from emulation.services import log_action
from emulation.views_mixins import require

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_for(request, queryset, perm, **lookup):
    """The object, or 404; 403 unless the user holds ``perm`` on it."""
    obj = get_object_or_404(queryset, **lookup)
    require(request.user, perm, obj)
    return obj


def attempt(request, service, *, form=None, success="", **kwargs):
    """Run a service; a refused business rule becomes a form error (or a message) and ``None`` is returned."""
    try:
        result = service(**kwargs)
    except DomainError as error:
        if form is not None:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.error(request, error.message)
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


def xlsx_response(request, data, filename, *, obj=None, what=""):
    """An .xlsx download with a safe ASCII file name; the export is written to the audit log."""
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "export"}.xlsx"'
    # Audited, but kept out of the object's history, which tells its state changes.
    data = {"model": obj._meta.label, "pk": obj.pk} if obj is not None else {}
    log_action(actor=request.user, action="export", comment=f"{what}: {obj}" if obj is not None else what, data=data)
    return response
