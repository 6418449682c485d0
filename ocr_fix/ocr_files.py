"""hOCR, ALTO and PAGE files as inputs of every command: read through `ocr_fix.formats`, corrected as
their text with the engine's confidences and other readings as evidence, and written back.

Where the result goes decides its format: `--to text|hocr|alto|page` when given, else the output's
name (`.txt` plain text, `.hocr`/`.html` hOCR, `.xml` the input's own XML format), else (standard
output, `--in-place`) the input's format. Written as its own format, the file keeps every byte but the
corrected words (see `OcrDocument.write`); a correction the layout cannot carry (one crossing a line,
say) is left out of the file and reported, for a person to make.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Sequence

from ocr_fix.errors import OcrFixError
from ocr_fix.options import OUTPUT_FORMATS, PassOptions
from ocr_fix.plain_input import Edit, Input, read_text_input
from ocr_fix.readings import EngineReading, EngineReadings

KINDS = ("hocr", "alto", "page")
_BY_SUFFIX = {".txt": "text", ".text": "text", ".hocr": "hocr", ".html": "hocr", ".htm": "hocr", ".xhtml": "hocr"}
SUFFIX_OF_KIND = {"text": ".txt", "hocr": ".hocr", "alto": ".xml", "page": ".xml"}  # a batch's output names
_NAMES = {"text": "plain text", "hocr": "hOCR", "alto": "ALTO", "page": "PAGE XML"}


def output_kind(source_kind: str, target: str | Path | None, to: str | None) -> str:
    """The format a result is written in (see the module's notes)."""
    if to is not None:
        if to not in OUTPUT_FORMATS:
            raise OcrFixError(f"unknown --to {to!r} (use {', '.join(OUTPUT_FORMATS)})")
        return to
    name = None if target is None else str(target)
    if name is None or name in ("-", "<stdout>") or source_kind == "text":
        return source_kind
    suffix = Path(name).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix == ".xml" and source_kind in ("alto", "page"):
        return source_kind
    return source_kind


@dataclass(frozen=True)
class OcrFileInput(Input):
    """An OCR file read: `text` is its words in reading order, `document` the file itself."""

    document: object = None  # ocr_fix.formats.OcrDocument
    # corrections a rendering had to leave out (the layout cannot carry them), for the command to report
    not_written: list = field(default_factory=list, compare=False)

    @property
    def left_out(self) -> list:
        return self.not_written

    @cached_property  # built once: every pass and command asks for them
    def readings(self) -> EngineReadings:
        return EngineReadings(EngineReading(w.start, w.end, w.confidence, tuple(w.alternatives))
                              for w in self.document.words)

    def describe(self) -> str:
        return f"{self.document.version}, {self.document.level} level"

    def located(self, start: int, end: int) -> str:
        return self.document.located(start, end)

    def render(self, corrected: str, edits: Sequence[Edit] = (), encoding: str | None = None,
               target: str | Path | None = None, to: str | None = None) -> bytes:
        from ocr_fix.formats import Unrepresentable
        from ocr_fix.textio import encode

        kind = output_kind(self.kind, target, to)
        edits = sorted(edits)
        self.not_written.clear()
        while True:
            try:
                if kind == "text":
                    text = self.document.corrected_text(edits)
                    return encode(text, encoding or "utf-8", self.path if target is None else target)
                if kind == self.kind:
                    return self.document.write(edits)
                return self.document.export(kind, edits)
            except Unrepresentable as exc:
                if exc.edit not in edits:
                    raise OcrFixError(f"cannot write the correction {exc.edit!r}: {exc.reason}", str(self.path)) from None
                edits.remove(exc.edit)
                self.not_written.append((exc.edit, exc.reason))

    def unchanged(self, corrected: str, encoding: str | None = None) -> bool:
        return corrected == self.text


def looks_like_ocr_xml(raw: bytes, path: Path) -> bool:
    """Whether the bytes may be an OCR XML file: they start with markup (cheap: no parsing, no lxml)."""
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def read_ocr_input(raw: bytes, path: Path, options: PassOptions) -> Input:
    """An hOCR, ALTO or PAGE file (a file that starts with markup and is none of them is refused with the
    line that says so; plain text is read as such)."""
    from ocr_fix.formats import read_ocr, sniff
    from ocr_fix.textio import Decoded, digest

    name = "<stdin>" if str(path) == "-" else str(path)
    if sniff(raw, name) == "text":
        return read_text_input(raw, path, options)
    document = read_ocr(raw, name)
    decoded = Decoded(document.text, document.encoding, False, digest(raw))
    return OcrFileInput(path, document.text, decoded, document.kind, document)

