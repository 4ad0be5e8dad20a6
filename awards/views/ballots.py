"""The council's secret ballot: each member sees his or her own vote, everyone the totals after closing."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.params import choice_param, page_param
from emulation.rules import is_council_member
from emulation.views_mixins import attempt, paginate, permission_required, require

from .. import documents, page_selectors, selectors, services
from ..enums import (
    BallotState,
    ProposalState,
)
from ..forms import (
    BallotOpenForm,
    VoteForm,
)
from ..models import Proposal, Round
from ._common import _ballot, _pdf_response

# Nominees per ballot page: a ballot of a whole Bloc holds hundreds, and each row carries its eligibility details.
BALLOT_PAGE_SIZE = 25


@permission_required("awards.view_ballots")
def ballot_list(request):
    state = choice_param(request.GET.get("state"), BallotState.values)
    page = paginate(request, selectors.ballots_for(request.user, state=state))
    return render(
        request,
        "awards/ballot_list.html",
        {
            "page": page,
            "state": state,
            "states": BallotState.choices,
            "shows_own_votes": is_council_member(request.user),
        },
    )


@permission_required("awards.manage_ballot")
def ballot_create(request, round_pk):
    round = get_object_or_404(Round, pk=round_pk)
    verified = Proposal.objects.filter(round=round, state=ProposalState.VERIFIED).select_related("unit")
    form = BallotOpenForm(request.POST or None, proposals=verified)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ballot = attempt(
            request,
            lambda: services.open_ballot(
                round=round,
                proposals=data["proposals"],
                closes_at=data["closes_at"],
                by=request.user,
                name=data["name"],
            ),
            success=_("Đã mở phiên bỏ phiếu kín; các thành viên Hội đồng đã được thông báo."),
        )
        if ballot:
            return redirect(ballot)
    return render(request, "awards/ballot_form.html", {"form": form, "round": round})


def ballot_detail(request, pk):
    """One page of the ballot's nominees; a member votes on the page's nominees (a long ballot page by page)."""
    ballot = _ballot(request, pk)
    items = selectors.ballot_item_rows(ballot)  # numbers and counts a ballot written in bulk first
    page = paginate(request, items, count=ballot.item_count, per_page=BALLOT_PAGE_SIZE)
    return render(request, "awards/ballot_detail.html", page_selectors.ballot_page(ballot, page, request.user))


def ballot_turnout(request, pk):
    """The Office's turnout block alone, which the ballot's page refreshes while the ballot is open."""
    ballot = _ballot(request, pk)
    require(request.user, "awards.manage_ballot", ballot)
    return render(request, "awards/_ballot_turnout.html", page_selectors.turnout_block(ballot))


@require_POST
def ballot_vote(request, pk):
    ballot = _ballot(request, pk)
    require(request.user, "awards.vote", ballot)
    items = list(ballot.items.select_related("nominee"))
    form = VoteForm(request.POST, items=items)
    if form.is_valid() and form.choices():
        attempt(
            request,
            lambda: services.cast_votes(ballot=ballot, by=request.user, choices=form.choices()),
            success=_("Đã ghi nhận phiếu của bạn."),
        )
    else:
        messages.error(request, _("Chưa chọn phiếu cho trường hợp nào."))
    page = page_param(request.POST.get("page"))
    # Back to the page of nominees the member was voting on.
    return redirect(f"{ballot.get_absolute_url()}?page={page}" if page else ballot.get_absolute_url())


@require_POST
def ballot_close(request, pk):
    ballot = _ballot(request, pk)
    require(request.user, "awards.manage_ballot", ballot)
    attempt(request, lambda: services.close_ballot(ballot=ballot, by=request.user), success=_("Đã kiểm phiếu."))
    return redirect(ballot)


def ballot_minutes(request, pk):
    ballot = _ballot(request, pk)
    if ballot.state != BallotState.CLOSED:
        raise Http404
    pdf = documents.ballot_minutes_pdf(ballot, list(selectors.ballot_items(ballot)))
    return _pdf_response(request, pdf, f"bien-ban-bo-phieu-{ballot.pk}.pdf", obj=ballot)
