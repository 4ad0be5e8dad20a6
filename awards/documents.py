"""The awards' generated documents: the ballot minutes, the decision with its annex, one certificate per awardee."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from emulation.documents import inline_only_fetcher, party_document_context, render_pdf, vietnamese_date_line
from emulation.models import OrganizationProfile, Person

from . import wording
from .models import Round


def ballot_minutes_pdf(ballot, items):
    context = party_document_context(
        kind_code="BB", number=str(ballot.minutes_number or ""), date=timezone.localtime(ballot.tallied_at).date()
    )
    context.update(
        {
            "ballot": ballot,
            "items": items,
            "thresholds": _thresholds(item.nominee.award for item in items),
            "secretary_name": council_secretary_name(ballot, context["profile"]),
        }
    )
    return render_pdf("awards/documents/ballot_minutes.html", context)


def _thresholds(awards):
    """The awards voted on, once per title and threshold as the minutes state them under the table."""
    seen = {}
    for award in awards:
        seen.setdefault((award.title_on_documents, award.threshold_inclusive, award.threshold_percent), award)
    return list(seen.values())


def council_secretary_name(ballot, profile):
    """Who signs the minutes for the council: the secretary named in the OrganizationProfile, else the person
    who tallied the ballot (the minutes always carry a name)."""
    if profile.council_secretary_name.strip():
        return profile.council_secretary_name.strip()
    user = ballot.tallied_by
    if user is None:
        return ""
    person = Person.objects.filter(user=user).values_list("full_name", flat=True).first()
    return person or user.get_full_name() or user.get_username()


def _decision_round(decision):
    return Round.objects.select_related("movement", "phase").get(ballots__notice__decision=decision)


def decision_pdf(decision, nominees):
    """The decision and its annex; its articles are worded from the nominees the annex lists."""
    context = party_document_context(kind_code="QĐ", number=decision.number, date=decision.date)
    awarded = [n for n in nominees if n.award.is_decided_by_bloc]
    forwarded = [n for n in nominees if not n.award.is_decided_by_bloc]
    the_round = _decision_round(decision)
    with translation.override("vi"):
        articles = [
            article
            for article in (
                wording.awarding_article(awarded, the_round),
                wording.forwarding_article(forwarded, the_round),
            )
            if article
        ]
        closing = wording.executing_article(awarded, forwarded)
    context.update(
        {
            "decision": decision,
            "awarded": awarded,
            "forwarded": forwarded,
            "articles": articles,
            "closing": closing,
            "signer_name": decision.signer_name,
            "signer_position": decision.signer_position,
        }
    )
    return render_pdf("awards/documents/decision.html", context)


# Font sizes (pt) of the certificate at full scale; a long name or achievement takes the next smaller scale.
CERTIFICATE_SIZES = {
    "base": 14,
    "issuer": 16,
    "heading": 40,
    "grant": 17,
    "who": 28,
    "where": 16,
    "what": 17,
    "gap": 20,
}
CERTIFICATE_SCALES = (1, 0.85, 0.72, 0.62, 0.54, 0.47)


def _holder_lines(nominee):
    """Under the awardee's name: a person's position and unit, a collective's proposing unit (when another)."""
    if nominee.person_id:
        person = nominee.person
        parts = [person.position.strip(), person.unit.name]
        if nominee.proposal.unit_id != person.unit_id:
            parts.append(nominee.proposal.unit.name)
        return ", ".join(p for p in parts if p)
    if nominee.proposal.unit_id != nominee.unit_id:
        return nominee.proposal.unit.name
    return ""


def certificate_context(nominee):
    profile = OrganizationProfile.current()
    record = nominee.record
    date = (record.decision_date if record else None) or (nominee.decision.date if nominee.decision_id else None)
    date = date or timezone.localdate()
    with translation.override("vi"):
        achievement = wording.achievement_line(nominee, nominee.proposal.round)
    return {
        "profile": profile,
        "nominee": nominee,
        "award": nominee.award,
        "record": record,
        "decision_number": record.decision_number if record else "",
        "decision_date": date,
        "date_line": vietnamese_date_line(profile.place, date),
        "holder_lines": _holder_lines(nominee),
        "achievement": achievement,
        "signer_position": nominee.decision.signer_position if nominee.decision_id else profile.signer_position,
        "signer_name": nominee.decision.signer_name if nominee.decision_id else profile.signer_name,
    }


def certificate_pdf(nominee):
    """One A4 landscape page whatever the length of the name and the achievement: the text takes the largest
    scale at which the page holds it."""
    from weasyprint import HTML

    context = certificate_context(nominee)
    for scale in CERTIFICATE_SCALES:
        # Strings, not floats: the Vietnamese locale would print "7,5pt", which CSS ignores.
        context["size"] = {key: f"{value * scale:.1f}" for key, value in CERTIFICATE_SIZES.items()}
        with translation.override("vi"):
            html = render_to_string("awards/documents/certificate.html", context)
        document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=inline_only_fetcher()).render()
        if len(document.pages) == 1:
            break
    return document.write_pdf()
