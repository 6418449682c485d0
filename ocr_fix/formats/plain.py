"""Export as plain text: the document's text with the edits made, UTF-8, as Tesseract writes its
plain text (lines by "\\n", paragraphs by a blank line, pages by a form feed)."""

from __future__ import annotations


def to_text(doc, edits) -> bytes:
    return doc.corrected_text(edits).encode("utf-8")
