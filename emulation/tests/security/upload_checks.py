"""What every upload endpoint must do, written once for evidence files and award dossier attachments."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"
HOSTILE_NAME = "Bảng kê ưu tú; filename=evil.html.pdf"
# What a stored name could hold if it came from elsewhere (an import, the admin): quotes, line breaks, paths.
STORED_HOSTILE_NAME = 'Bảng "kê"\r\nSet-Cookie: a=b; ..\\..\\x.html'

RANDOM_STORED = re.compile(r"^[0-9a-f]{32}(\.[a-z0-9]{1,10})?$")


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def assert_safe_download(response):
    """An attachment, never inline; the name in RFC 5987 form; no header injection; the browser may not sniff."""
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;"), disposition
    assert "\r" not in disposition and "\n" not in disposition
    assert "filename*=utf-8''" in disposition.lower(), disposition
    assert "Set-Cookie" not in response.headers or "a=b" not in response.headers.get("Set-Cookie", "")
    assert response["X-Content-Type-Options"] == "nosniff"
