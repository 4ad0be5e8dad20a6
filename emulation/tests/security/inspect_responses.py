"""Reading what a response shows a person: HTML text, or the text inside a PDF or a workbook."""

import io
import re
import unicodedata


def body_bytes(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def visible_text(response):
    """Everything a reader of the response could see, as one NFC string."""
    data = body_bytes(response)
    content_type = response.get("Content-Type", "")
    if data.startswith(b"%PDF"):
        text = pdf_text(data)
    elif data.startswith(b"PK") and "spreadsheet" in content_type:
        text = workbook_text(data)
    else:
        text = data.decode("utf-8", "replace")
    return unicodedata.normalize("NFC", text)


def pdf_text(data):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # noqa: BLE001 - a test file that is only a PDF header: its raw bytes are the text
        return data.decode("latin-1")
    return " ".join(text.split())


def workbook_text(data):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(value) for value in row if value is not None)
    return "\n".join(cells)


DIGITS = re.compile(r"\d+")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|csrf[-_]?token[^>]*>', re.I)


def normalized(text):
    """Text with tokens and every number masked, to compare two renderings of the same page."""
    return DIGITS.sub("#", CSRF.sub("", text))
