import io
import unicodedata

from openpyxl import load_workbook
from pypdf import PdfReader


def pdf_text(report):
    with report.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Line breaks fall wherever the layout wraps: compare words, not lines.
    return " ".join(unicodedata.normalize("NFC", text).split())


def workbook(report):
    with report.xlsx.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()), read_only=True)


def sheet_rows(book, title):
    return [row for row in book[title].iter_rows(values_only=True)]
