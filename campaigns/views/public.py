"""The public page of published exemplars (no login), for the Bloc's website."""

from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..enums import ExemplarState
from ..forms import ExemplarFilterForm
from ..models import Exemplar
from .common import paginate_counted


def public_exemplars(request):
    form = ExemplarFilterForm(request.GET or None)
    kind = form.cleaned_data.get("kind", "") if form.is_valid() else ""
    page = paginate_counted(request, selectors.public_exemplars(kind=kind), 12)
    return render(request, "campaigns/public_exemplars.html", {"page": page, "form": form})


def public_exemplar(request, pk):
    exemplar = get_object_or_404(
        Exemplar.objects.select_related("unit", "person"), pk=pk, state=ExemplarState.PUBLISHED
    )
    return render(request, "campaigns/public_exemplar.html", {"exemplar": exemplar})
