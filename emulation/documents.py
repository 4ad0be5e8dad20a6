"""Generated documents in the Party's layout (PDF through WeasyPrint), shared by awards and reports."""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OrganizationProfile, Person


def vietnamese_date_line(place, date):
    """The place-date line of a Party document: 'Hà Tĩnh, ngày 15 tháng 12 năm 2021'."""
    return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"


def party_document_context(*, kind_code, number="", date=None, profile=None):
    """Header and signature data every Party document shares; the names come from the OrganizationProfile."""
    profile = profile or OrganizationProfile.current()
    date = date or timezone.localdate()
    return {
        "profile": profile,
        "document_number": profile.document_number(number or "    ", kind_code),
        "date_line": vietnamese_date_line(profile.place, date),
        "document_date": date,
    }


# The issuing body is named in the header and in "T/M BAN THƯỜNG VỤ": the signature line keeps the office alone.
BODY_IN_POSITION = re.compile(r"\s+(?:Đảng ủy|Đảng bộ)(?:\s.*)?$", re.IGNORECASE)


def signature_position(position):
    """A position as the signature block prints it: 'Phó Bí thư Đảng ủy Khối' signs as 'PHÓ BÍ THƯ',
    'Ủy viên Ban Thường vụ Đảng ủy Khối' as 'ỦY VIÊN BAN THƯỜNG VỤ'."""
    return BODY_IN_POSITION.sub("", " ".join(position.split())).upper()


def default_signer(user, profile=None):
    """The (name, position) a document's signature block proposes to the user who records it.

    The user's own person record when there is one, so a Standing Committee member who is not the secretary is
    never offered the secretary's "BÍ THƯ" (an empty position is left for the user to fill). Without a person
    record, the signer of the OrganizationProfile. One query."""
    person = Person.objects.filter(user=user).only("full_name", "position").first() if user else None
    if person is None:
        profile = profile or OrganizationProfile.current()
        return profile.signer_name, profile.signer_position
    return person.full_name, signature_position(person.position)


def render_pdf(template_name, context):
    """Render a template (extending documents/party_base.html or landscape) to PDF bytes.

    Documents are always rendered in Vietnamese: they are official papers, whatever the user's UI language.
    """
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=inline_only_fetcher()).write_pdf()


def inline_only_fetcher():
    """Documents embed nothing from outside: even an unescaped URL could neither reach the network nor read a file.

    Only ``data:`` URIs (inline images) are fetched; WeasyPrint logs any other URL as a missing resource.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
