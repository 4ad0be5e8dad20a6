"""Hostile zip files built cheaply: a gigabyte of zeros as a deflate stream costs one compressed megabyte."""

import functools
import io
import struct
import zlib

from openpyxl import Workbook

MB = 1024 * 1024
GB = 1024 * MB
ZIP_STORED, ZIP_DEFLATED = 0, 8
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@functools.cache
def _zero_block():
    """A megabyte of zeros compressed up to a full flush: blocks repeat, and the stream stays valid."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block, compressor.flush()


@functools.cache
def zeros_crc(size):
    crc, chunk = 0, bytes(MB)
    for _ in range(size // MB):
        crc = zlib.crc32(chunk, crc)
    return zlib.crc32(bytes(size % MB), crc)


def deflated_zeros(megabytes):
    """The raw deflate stream of ``megabytes`` MB of zeros (about 1 KB per MB)."""
    block, end = _zero_block()
    return block * megabytes + end


def deflate(data):
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def entry(name, data, *, method=ZIP_DEFLATED):
    """An honest entry: its data compressed, its true size and CRC declared."""
    raw = deflate(data) if method == ZIP_DEFLATED else data
    return (name, method, raw, zlib.crc32(data), len(data))


def zip_bytes(entries):
    """A zip written by hand, so that an entry may declare any size and CRC: (name, method, raw, crc, size)."""
    out, directory = bytearray(), bytearray()
    for name, method, raw, crc, size in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(raw), size, len(encoded), 0)
        out += encoded + raw
        directory += struct.pack(
            "<4sHHHHHHLLLHHHHHLL",
            *(b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(raw), size, len(encoded), 0, 0, 0, 0, 0, offset),
        )
        directory += encoded
    start = len(out)
    out += directory
    out += struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), start, 0)
    return bytes(out)


def odt(mimetype_entry):
    content = b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
    return zip_bytes([mimetype_entry, entry("content.xml", content), entry("META-INF/manifest.xml", b"<manifest/>")])


def zeros_entry(name, megabytes, *, declared=None):
    """``megabytes`` MB of zeros; the directory declares ``declared`` bytes (the true size unless forged)."""
    size = megabytes * MB if declared is None else declared
    return (name, ZIP_DEFLATED, deflated_zeros(megabytes), zeros_crc(size), size)


@functools.cache
def _base_parts():
    book = Workbook()
    book.active.append(["Tiêu đề"])
    buffer = io.BytesIO()
    book.save(buffer)
    import zipfile

    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def xlsx(*, sheet=None, workbook=None, extra=(), parts=None):
    """A one-sheet workbook (openpyxl's own parts), with the sheet's XML, workbook.xml, parts or raw entries replaced."""
    parts = {**_base_parts(), **(parts or {})}
    if isinstance(sheet, tuple):  # a raw entry
        extra = (*extra, sheet)
    elif sheet is not None:
        parts["xl/worksheets/sheet1.xml"] = sheet
    if workbook is not None:
        parts["xl/workbook.xml"] = workbook
    replaced = {raw[0] for raw in extra}
    if "xl/sharedStrings.xml" in replaced:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", SHARED_STRINGS_TYPE)
    entries = [entry(name, data) for name, data in parts.items() if name not in replaced]
    return zip_bytes(entries + list(extra))


def sheet_xml(rows):
    """A worksheet of inline strings and numbers: rows of (value, …); a str value is written as text."""
    out = [f'<worksheet xmlns="{MAIN_NS}"><sheetData>']
    for line, values in enumerate(rows, start=1):
        out.append(f'<row r="{line}">')
        for column, value in enumerate(values):
            ref = f"{chr(65 + column)}{line}"
            if isinstance(value, str):
                text = value.replace("&", "&amp;").replace("<", "&lt;")
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
            elif value is not None:
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out).encode()


def raw_cell_sheet(header, cell):
    """A header row, then one row whose first cell is written as given (raw XML)."""
    head = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{text}</t></is></c>' for i, text in enumerate(header))
    return f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">{head}</row><row r="2">{cell}</row></sheetData></worksheet>'.encode()


def streamed_entry(name, chunks):
    """An honest entry compressed chunk by chunk, so a big part never sits whole in memory."""
    compressor, raw, crc, size = zlib.compressobj(1, zlib.DEFLATED, -15), [], 0, 0
    for chunk in chunks:
        raw.append(compressor.compress(chunk))
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
    raw.append(compressor.flush())
    return (name, ZIP_DEFLATED, b"".join(raw), crc, size)


def million_rows_sheet(rows=1_000_000):
    """A sheet of ``rows`` small rows as a raw entry (openpyxl would take minutes to write it)."""

    def chunks():
        yield f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
        for start in range(1, rows + 1, 10_000):
            stop = min(start + 10_000, rows + 1)
            yield "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(start, stop)).encode()
        yield b"</sheetData></worksheet>"

    return streamed_entry("xl/worksheets/sheet1.xml", chunks())


NO_SHEET_WORKBOOK = (
    f'<workbook xmlns="{MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<sheets/></workbook>"
).encode()


def one_element_of_many_attributes(name, head, tail, size):
    """A part whose one element carries attributes ``a0=""``, ``a1=""`` … up to about ``size`` bytes: every parser
    gathers a start tag whole, so its attributes sit in memory at once (hundreds of megabytes for 8 MB)."""

    def chunks():
        yield head
        written, n = len(head) + len(tail), 0
        while written < size - 20_000:
            chunk = "".join(f' a{n + i}=""' for i in range(1000)).encode()
            written, n = written + len(chunk), n + 1000
            yield chunk
        yield tail

    return streamed_entry(name, chunks())


def content_types_with(*overrides):
    """openpyxl's [Content_Types].xml with more (part name, content type) overrides."""
    extra = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return _base_parts()["[Content_Types].xml"].replace(b"</Types>", extra.encode() + b"</Types>")


def workbook_rels_with(*relations):
    """openpyxl's xl/_rels/workbook.xml.rels with more (id, type, target) relationships."""
    extra = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in relations)
    return _base_parts()["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", extra.encode() + b"</Relationships>"
    )
