"""The award history: lookup, export, import, and each person's and unit's awards."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from emulation.models import Person, Unit
from emulation.services import log_action
from emulation.views_mixins import attempt, paginate, permission_required, require

from .. import counts, exports, selectors, services
from ..forms import (
    ImportForm,
    LookupForm,
)


@permission_required("awards.lookup")
def lookup(request):
    form = LookupForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = {"award": filters.get("award"), "year": filters.get("year"), "search": filters.get("q", "")}
    records = selectors.award_history(request.user, **chosen)
    if request.GET.get("format") == "xlsx":
        log_action(
            actor=request.user, action="export", comment="awards.lookup", data={"filters": request.GET.urlencode()}
        )
        return exports.history_xlsx(records)
    page = paginate(request, records, count_key=counts.lookup_count_key(request.user, **chosen))
    return render(request, "awards/lookup.html", {"form": form, "page": selectors.history_page(page)})


@permission_required("awards.import_history")
def lookup_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = attempt(
            request,
            lambda: services.import_history(file=form.cleaned_data["file"], by=request.user),
            success=_("Đã nhập dữ liệu khen thưởng."),
        )
    return render(request, "awards/import.html", {"form": form, "result": result, "columns": services.IMPORT_COLUMNS})


def person_awards(request, pk):
    person = get_object_or_404(Person.objects.select_related("unit"), pk=pk)
    require(request.user, "emulation.view_person", person)
    records = selectors.award_history(request.user, person=person)
    page = selectors.history_page(paginate(request, records))
    return render(request, "awards/holder_awards.html", {"holder": person, "person": person, "page": page})


def unit_awards(request, pk):
    unit = get_object_or_404(Unit, pk=pk)
    require(request.user, "emulation.view_unit", unit)
    records = selectors.award_history(request.user, unit=unit)
    page = selectors.history_page(paginate(request, records))
    return render(request, "awards/holder_awards.html", {"holder": unit, "unit": unit, "page": page})
