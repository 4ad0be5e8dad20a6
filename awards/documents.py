"""The awards' generated documents: the ballot minutes, the decision with its annex, one certificate per awardee."""

from django.utils import timezone

from emulation.documents import party_document_context, render_pdf, vietnamese_date_line
from emulation.models import OrganizationProfile, Person


def ballot_minutes_pdf(ballot, items):
    context = party_document_context(
        kind_code="BB", number=str(ballot.minutes_number or ""), date=timezone.localtime(ballot.tallied_at).date()
    )
    context.update(
        {"ballot": ballot, "items": items, "secretary_name": council_secretary_name(ballot, context["profile"])}
    )
    return render_pdf("awards/documents/ballot_minutes.html", context)


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


def decision_pdf(decision, nominees):
    context = party_document_context(kind_code="QĐ", number=decision.number, date=decision.date)
    awarded = [n for n in nominees if n.award.is_decided_by_bloc]
    forwarded = [n for n in nominees if not n.award.is_decided_by_bloc]
    context.update(
        {
            "decision": decision,
            "awarded": awarded,
            "forwarded": forwarded,
            "signer_name": decision.signer_name,
            "signer_position": decision.signer_position,
        }
    )
    return render_pdf("awards/documents/decision.html", context)


def certificate_pdf(nominee):
    profile = OrganizationProfile.current()
    record = nominee.record
    date = (record.decision_date if record else None) or (nominee.decision.date if nominee.decision_id else None)
    date = date or timezone.localdate()
    context = {
        "profile": profile,
        "nominee": nominee,
        "record": record,
        "date_line": vietnamese_date_line(profile.place, date),
        "issuer": record.issuer if record and record.issuer else profile.issuing_body,
    }
    return render_pdf("awards/documents/certificate.html", context)
