"""Generated documents in the Party's layout (PDF through WeasyPrint), shared by awards and reports."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OrganizationProfile


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
