"""The OCR file formats layer: hOCR, ALTO and PAGE XML read into one text with an exact map from
characters to word elements, and corrections written back byte-exactly.

    from ocr_fix.formats import sniff, read_ocr, OcrDocument, OcrWord
    kind = sniff(raw, path)          # "text" | "hocr" | "alto" | "page", from the content
    doc = read_ocr(raw, path)        # OcrDocument; OcrFixError(reason, path, line) on bad input
    doc.write(edits)                 # the same file, only the corrected words changed
    doc.export("text", edits)        # or "hocr" | "alto" | "page"

Modules: `model` (data types, the text, the edit planner), `xmlsafe` (safe parsing and the
byte-offset scanner), `sniff`, `hocr`, `alto`, `page` (read and write each format), `splice`
(edits -> new file), `plain` and `export` (conversion), `document` (`OcrDocument`).
"""

from __future__ import annotations

from ocr_fix.errors import OcrFixError
from ocr_fix.formats.document import OcrDocument
from ocr_fix.formats.model import OcrWord, Unrepresentable, build_text
from ocr_fix.formats.sniff import sniff
from ocr_fix.formats import xmlsafe

__all__ = ["sniff", "read_ocr", "OcrDocument", "OcrWord", "Unrepresentable", "OcrFixError"]


def read_ocr(raw: bytes, path: str) -> OcrDocument:
    """Read an hOCR, ALTO or PAGE file. Plain text is not an OCR XML file: use `ocr_fix.textio`."""
    from ocr_fix.formats import alto, hocr, page

    kind = sniff(raw, path)
    if kind == "text":
        raise OcrFixError("not an OCR XML file (hOCR, ALTO or PAGE): read it as plain text", path)
    parsed = xmlsafe.parse(raw, path)
    root = xmlsafe.local(parsed.root)
    if kind == "hocr" and root != "html" or kind == "alto" and root.lower() != "alto" or kind == "page" and root != "PcGts":
        raise OcrFixError(f"unknown XML (root element <{root}>)", path, parsed.root.sourceline)
    module = {"hocr": hocr, "alto": alto, "page": page}[kind]
    version, level, pages = module.read(parsed, path)
    built = build_text(pages)
    return OcrDocument(
        kind=kind,
        version=version,
        level=level,
        built=built,
        encoding=parsed.encoding,
        raw=raw,
        path=path,
        writer=module.write,
        layout=pages,
    )
