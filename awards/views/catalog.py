"""The award catalog and the rounds."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.params import choice_param
from emulation.rules import secretary_units
from emulation.selectors import history_of
from emulation.views_mixins import attempt, paginate, permission_required

from .. import conditions, counts, selectors, services
from ..enums import (
    RoundState,
)
from ..forms import (
    RoundForm,
)
from ..models import Award, Round


@permission_required("awards.view_catalog")
def catalog(request):
    return render(request, "awards/catalog.html", {"page": paginate(request, selectors.catalog())})


@permission_required("awards.view_catalog")
def award_detail(request, pk):
    try:
        award = selectors.award_with_conditions(pk)
    except Award.DoesNotExist as error:
        raise Http404 from error
    sets = [(cs, [(c, conditions.describe(c)) for c in cs.conditions.all()]) for cs in award.condition_sets.all()]
    return render(request, "awards/award_detail.html", {"award": award, "sets": sets})


@permission_required("awards.view_rounds")
def round_list(request):
    state = choice_param(request.GET.get("state"), RoundState.values)
    page = paginate(request, selectors.rounds(state=state))
    return render(request, "awards/round_list.html", {"page": page, "state": state, "states": RoundState.choices})


@permission_required("awards.manage_round")
def round_create(request):
    form = RoundForm(request.POST or None, initial={"year": timezone.localdate().year, "notice_days": 5})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        round = attempt(
            request, lambda: services.open_round(by=request.user, **data), success=_("Đã mở đợt xét khen thưởng.")
        )
        if round:
            return redirect(round)
    return render(request, "awards/round_form.html", {"form": form})


@permission_required("awards.view_rounds")
def round_detail(request, pk):
    round = get_object_or_404(Round.objects.select_related("phase", "movement"), pk=pk)
    proposals = selectors.proposals_for(request.user, round=round)
    own_units = secretary_units(request.user)
    return render(
        request,
        "awards/round_detail.html",
        {
            "round": round,
            "awards": round.awards.order_by("order", "name"),
            "page": paginate(request, proposals, count_key=counts.proposal_count_key(request.user, round=round.pk)),
            "can_propose": bool(own_units) and round.state == RoundState.OPEN,
            "can_manage": request.user.has_perm("awards.manage_round"),
            "history": history_of(round),
        },
    )


@require_POST
@permission_required("awards.manage_round")
def round_close(request, pk):
    round = get_object_or_404(Round, pk=pk)
    attempt(request, lambda: services.close_round(round=round, by=request.user), success=_("Đã kết thúc đợt xét."))
    return redirect(round)
