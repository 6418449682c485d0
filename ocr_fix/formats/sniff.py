"""Which format a file is, from its content (never its name): "text", "hocr", "alto" or "page".

A file that does not start (after a BOM and whitespace) with an XML declaration, a DOCTYPE, a
comment or a start tag is plain text. XML whose root is `alto` is ALTO, `PcGts` is PAGE, an HTML
document with an `ocr_page` element is hOCR. Other XML is refused with a one-line error naming the
file and line: it is not something ocr-fix can correct.
"""

from __future__ import annotations

import re

from ocr_fix.errors import OcrFixError
from ocr_fix.formats.xmlsafe import declared_encoding
from ocr_fix.formats.xmlscan import doctype_end

_START = re.compile(r"\s*(<\?xml|<!DOCTYPE|<!--|<[A-Za-z_][\w.:-]*[\s/>])", re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
_OCR_PAGE = re.compile(r"""class\s*=\s*["'][^"']*\bocr_page\b""")


def _head(raw: bytes) -> str:
    enc = declared_encoding(raw)
    try:
        return raw[:65536].decode(enc, errors="replace")
    except LookupError:
        return raw[:65536].decode("utf-8", errors="replace")


def root_name(head: str) -> tuple[str | None, int]:
    """The root element's local name and the line it starts on (skipping the prolog)."""
    i = 0
    while True:
        i = head.find("<", i)
        if i < 0:
            return None, 0
        if head.startswith("<?", i):
            i = head.find("?>", i) + 2 if head.find("?>", i) >= 0 else len(head)
        elif head.startswith("<!--", i):
            j = head.find("-->", i)
            i = j + 3 if j >= 0 else len(head)
        elif head.startswith("<!", i):
            end = doctype_end(head, i)
            i = end if end is not None else len(head)
        else:
            m = _ROOT.match(head, i)
            if not m:
                return None, head.count("\n", 0, i) + 1
            return m.group(2), head.count("\n", 0, i) + 1


def sniff(raw: bytes, path: str) -> str:
    head = _head(raw).lstrip("\ufeff")
    if not _START.match(head):
        return "text"
    name, line = root_name(head)
    if name is None:
        if head.lstrip().startswith(("<?xml", "<!DOCTYPE", "<!doctype")):
            raise OcrFixError("XML without a root element", path, line or None)
        return "text"
    low = name.lower()
    if low == "alto":
        return "alto"
    if name == "PcGts":
        return "page"
    if low == "html":
        if _OCR_PAGE.search(head) or _OCR_PAGE.search(_head_full(raw)):
            return "hocr"
        raise OcrFixError("HTML without hOCR pages (no element of class ocr_page)", path)
    raise OcrFixError(f"unknown XML (root element <{name}>): not hOCR, ALTO or PAGE", path, line)


def _head_full(raw: bytes) -> str:
    enc = declared_encoding(raw)
    try:
        return raw.decode(enc, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")
