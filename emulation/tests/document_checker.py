"""Reads a generated PDF back and checks it against the Party's document layout (shared/domain-rules.md, last
section), so every app's tests can say "this document could be signed and sent as it is".

Usage from any app's tests::

    from emulation.tests.document_checker import DocumentSpec, check_document, assert_party_document

    assert_party_document(pdf_bytes, DocumentSpec(kind="QĐ", title="QUYẾT ĐỊNH", signer_name="Nguyễn Văn A"))

``check_document`` returns the list of problems (empty when the document passes); ``assert_party_document``
fails with all of them at once. Positions come from pypdf's text visitor: each text run with its page and its
(x, y) in points from the page's top-left corner; runs on one baseline make a line.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field

from pypdf import PdfReader

NUMBER = re.compile(r"^Số\s+(?P<number>\d+)-(?P<kind>[A-ZĐ][A-Za-zĐ]*)/(?P<suffix>\S+)$")
DATE_LINE = re.compile(r"^[^\W\d][\w .'-]*, ngày \d{1,2} tháng \d{1,2} năm \d{4}$")
PLACEHOLDERS = [
    re.compile(r"\bNone\b"),
    re.compile(r"\{\{|\}\}|\{%|%\}"),
    re.compile(r"(?:^|\s)-(?:BB|QĐ|TB|BC|KH|TTr)/"),  # a number without its digits: "Số -BB/ĐUK"
    re.compile(r"Số\s*…|…\s*-[A-ZĐ]+/"),
]
# A lower-case word said twice ("năm năm"); capitalised repeats are table cells side by side ("Có Có").
DOUBLED_WORD = re.compile(r"(?<!\w)([^\W\d_]{2,})\s+\1(?!\w)")
DOUBLED_PERCENT = re.compile(r"\(%\)\s*\(%\)")
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
BEHALF = re.compile(r"^(?:T/M|TM\.|K/T|KT\.)\s")


@dataclass
class Line:
    page: int  # 0-based
    x: float  # left edge, points from the left
    top: float  # baseline, points from the top of the page
    text: str
    page_width: float


@dataclass
class DocumentSpec:
    """What one kind of document must hold. ``kind`` is the number's type code (BB, QĐ, TB, BC, KH, TTr), or
    None for a document without a number (a certificate)."""

    title: str
    signer_name: str
    kind: str | None = None
    suffix: str = "ĐUK"
    superior_body: str = "ĐẢNG BỘ TỈNH HÀ TĨNH"
    issuing_body: str = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH"
    recipients: bool = True
    one_page: bool = False
    date_line_in_header: bool = True
    internal_names: list = field(default_factory=list)


def read_lines(pdf_bytes):
    """The document's text lines, page by page, each with its position (see Line).

    pypdf hands the visitor a line's text in runs (split where a glyph needs another font subset), each run with
    the text matrix of the line's start; a run after a newline, or on another baseline, starts a line."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    pages = []
    for index, page in enumerate(reader.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        lines = []
        state = {"key": None, "closed": True}

        def visit(text, cm, tm, _font, _size, lines=lines, state=state, height=height):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            key = (round(x, 1), round(height - y, 1))
            # A run on the same baseline, to the right, continues an open line (a glyph from another subset).
            continues = state["key"] and abs(key[1] - state["key"][1]) <= 1 and key[0] >= state["key"][0]
            if text.strip() and (state["closed"] or (key != state["key"] and not continues)):
                lines.append([key, ""])
                state["key"], state["closed"] = key, False
            if lines and not state["closed"]:
                lines[-1][1] += text
            if text.endswith("\n"):
                state["closed"] = True

        page.extract_text(visitor_text=visit)
        pages.append([Line(index, x, top, _clean(text), width) for (x, top), text in lines if _clean(text)])
    return pages


def _clean(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def check_document(pdf_bytes, spec):
    """Every way the document breaks the layout rules, as readable sentences (empty list: it passes)."""
    pages = read_lines(pdf_bytes)
    problems = []
    if not pages or not pages[0]:
        return ["the document has no text"]
    if spec.one_page and len(pages) != 1:
        problems.append(f"a one-page document runs to {len(pages)} pages")
    problems += _check_header(pages[0], spec)
    problems += _check_title(pages[0], spec)
    problems += _check_signature(pages, spec)
    problems += _check_text(pages, spec)
    return problems


def assert_party_document(pdf_bytes, spec):
    problems = check_document(pdf_bytes, spec)
    assert not problems, "The document breaks the Party layout:\n- " + "\n- ".join(problems)


def _left(line):
    return line.x < line.page_width * 0.45


def _find(lines, predicate):
    return next((line for line in lines if predicate(line)), None)


def _check_header(first_page, spec):
    problems = []
    title = _find(first_page, lambda line: line.text == spec.title)
    limit = title.top if title else first_page[0].top + 200
    header = [line for line in first_page if line.top < limit]
    left = [line for line in header if _left(line)]
    left_texts = [line.text for line in left]
    star = left_texts.index("*") if "*" in left_texts else None
    if star is None:
        problems.append(f"the header's left column has no star '*' (it reads {left_texts!r})")
    above_star = " ".join(left_texts[:star])  # a long issuing body wraps onto two lines
    if above_star != f"{spec.superior_body} {spec.issuing_body}":
        problems.append(
            f"the header's left column should read {spec.superior_body!r} then {spec.issuing_body!r} above the"
            f" star; it reads {left_texts!r}"
        )
    if spec.kind:
        number = _find(left, lambda line: line.text.startswith("Số"))
        if number is None:
            problems.append("the header has no number line ('Số ...') under the issuing body")
        else:
            match = NUMBER.match(number.text)
            if not match:
                problems.append(f"the number {number.text!r} is not in the form 'Số 12-{spec.kind}/{spec.suffix}'")
            elif match["kind"] != spec.kind or match["suffix"] != spec.suffix:
                problems.append(f"the number {number.text!r} is not a {spec.kind}/{spec.suffix} number")
            if "*" in left_texts and left_texts.index(number.text) < left_texts.index("*"):
                problems.append("the number stands above the star")
    party = _find(header, lambda line: line.text == PARTY_NAME)
    if party is None or _left(party):
        problems.append(f"{PARTY_NAME!r} is not at the top right")
    elif left and party.top > left[0].top + 5:
        problems.append(f"{PARTY_NAME!r} is not on the first line of the header")
    if spec.date_line_in_header:
        date_line = _find(header, lambda line: DATE_LINE.match(line.text) and not _left(line))
        if date_line is None:
            problems.append("no place-and-date line ('Hà Tĩnh, ngày .. tháng .. năm ....') at the top right")
        elif party is not None and date_line.top < party.top:
            problems.append("the place-and-date line stands above the party's name")
    return problems


def _check_title(first_page, spec):
    title = _find(first_page, lambda line: line.text == spec.title)
    if title is None:
        return [f"the title {spec.title!r} is missing from the first page"]
    centre = title.x + len(title.text) * 3.5
    if abs(centre - title.page_width / 2) > title.page_width * 0.2:
        return [f"the title {spec.title!r} is not centred"]
    return []


def _check_signature(pages, spec):
    problems = []
    blocks = [line for page in pages for line in page if BEHALF.match(line.text)]
    if not blocks:
        return ["no signature block ('T/M ...')"]
    behalf = blocks[0]
    page = pages[behalf.page]
    if not spec.signer_name:
        problems.append("the signature block has no name to check (the spec's signer_name is empty)")
    else:
        name = _find(page, lambda line: line.text == spec.signer_name and line.top > behalf.top)
        if name is None:
            elsewhere = any(line.text == spec.signer_name for p in pages for line in p)
            where = "on another page" if elsewhere else "nowhere"
            problems.append(f"the signer's name {spec.signer_name!r} is not under the signature block ({where})")
    if not spec.date_line_in_header and not any(DATE_LINE.match(line.text) for line in page):
        problems.append("no place-and-date line by the signature")
    body_above = [
        line
        for line in page
        if line.top < behalf.top - 2 and not line.text.isdigit() and not DATE_LINE.match(line.text)
    ]
    if not body_above:
        problems.append(f"the signature block stands alone on page {behalf.page + 1}, orphaned from the text it signs")
    if spec.recipients:
        label = _find(page, lambda line: line.text.startswith("Nơi nhận") and _left(line))
        if label is None:
            problems.append("no 'Nơi nhận:' at the bottom left by the signature")
        elif not any(line.text.startswith("- ") and line.top > label.top for line in page):
            problems.append("'Nơi nhận:' lists no recipient")
    return problems


def _check_text(pages, spec):
    problems = []
    for page in pages:
        for line in page:
            for pattern in PLACEHOLDERS:
                if pattern.search(line.text):
                    problems.append(f"placeholder text on page {line.page + 1}: {line.text!r}")
            doubled = next((m for m in DOUBLED_WORD.finditer(line.text) if m.group(1)[0].islower()), None)
            if doubled:
                problems.append(f"doubled word {doubled.group(0)!r} on page {line.page + 1}: {line.text!r}")
            if DOUBLED_PERCENT.search(line.text):
                problems.append(f"doubled '(%)' on page {line.page + 1}: {line.text!r}")
    text = " ".join(line.text for page in pages for line in page)
    for name in spec.internal_names:
        if name and name in text:
            problems.append(f"the catalog's internal name {name!r} is printed")
    return problems
