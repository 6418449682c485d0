"""`OcrDocument`: an OCR file read into one text with an exact map from characters to word elements,
and the way back: `write(edits)` gives the same file with only the corrected words changed."""

from __future__ import annotations

import bisect
from typing import Callable, Iterable

from ocr_fix.errors import OcrFixError
from ocr_fix.formats.model import Built, OcrWord, Plan, apply_edits, check_edits, plan_edits
from ocr_fix.formats import xmlsafe
from ocr_fix.formats.xmlsafe import Parsed


class OcrDocument:
    def __init__(
        self,
        *,
        kind: str,
        version: str,
        level: str,
        built: Built,
        encoding: str,
        raw: bytes,
        path: str,
        writer: Callable[["OcrDocument", Plan, Parsed], bytes] | None,
        layout=None,
    ):
        self.kind = kind
        self.version = version
        self.level = level
        self.text: str = built.text
        self.words: tuple[OcrWord, ...] = tuple(built.words)
        self.pages: tuple[tuple[int, int], ...] = tuple(built.pages)
        self.encoding = encoding
        self.path = path
        self._built = built
        self._raw = raw
        self._writer = writer
        self._layout = layout  # the LPage list the reader built
        self._starts = [w.start for w in self.words]

    def __repr__(self) -> str:
        return f"<OcrDocument {self.kind} {self.version!r} level={self.level} words={len(self.words)} path={self.path!r}>"

    def word_at(self, offset: int) -> OcrWord | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and self.words[k].start <= offset < self.words[k].end:
            return self.words[k]
        return None

    def page_at(self, offset: int) -> int:
        for i, (s, e) in enumerate(self.pages, 1):
            if offset <= e:
                return i
        return len(self.pages)

    def words_in(self, start: int, end: int) -> list[OcrWord]:
        lo = bisect.bisect_right(self._starts, start) - 1
        lo = max(lo, 0)
        out = []
        for w in self.words[lo:]:
            if w.start >= end and not (start == end and w.start == start):
                break
            if w.end > start or (start == end and w.start <= start <= w.end):
                out.append(w)
        return out

    def located(self, start: int, end: int) -> str:
        """Where a span lies, for a person: `page 1, line line_1_3, word word_1_15`."""
        ws = self.words_in(start, end)
        if not ws:
            return f"page {self.page_at(start)}"
        first, last = ws[0], ws[-1]
        parts = [f"page {first.page}"]
        if first.line_id is not None:
            line = first.line_id if last.line_id == first.line_id else f"{first.line_id}..{last.line_id}"
            parts.append(f"line {line}")
        if first.element_id is not None:
            if len(ws) == 1:
                parts.append(f"word {first.element_id}")
            else:
                parts.append(f"words {first.element_id}..{last.element_id}")
        return ", ".join(parts)

    def write(self, edits: Iterable[tuple[int, int, str]] = ()) -> bytes:
        """The file with `edits` (sorted, non-overlapping (start, end, replacement) on `text`) made;
        every other byte as read. Raises `Unrepresentable` for an edit the layout cannot carry."""
        edits = check_edits(self.text, list(edits))
        plan = plan_edits(self._built, edits)
        if not plan.changes and not plan.removed:
            return self._raw
        if self._writer is None:
            raise OcrFixError(f"{self.kind} files cannot be written back", self.path)
        # parsed again: a document holds no lxml tree between reading and writing, only its layout
        # (word elements by document-order index), so that many documents can be open at once
        parsed = xmlsafe.parse(self._raw, self.path)
        if not parsed.exact:
            raise OcrFixError(f"the file's bytes do not decode and encode back exactly as {self.encoding}; not written", self.path)
        out = self._writer(self, plan, parsed)
        del parsed
        self._verify(out, edits)
        return out

    def _verify(self, out: bytes, edits: list[tuple[int, int, str]]) -> None:
        """Read the written file again: its text must be this text with the edits made. An edit the
        layout could not carry exactly (one that only changes the spacing between words, say) is
        named in an `Unrepresentable` instead of being lost silently."""
        from ocr_fix.formats import read_ocr
        from ocr_fix.formats.model import Unrepresentable

        expected = apply_edits(self.text, edits)
        got = read_ocr(out, self.path).text
        if got == expected:
            return
        k = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
        # the edit nearest to the first difference (in the new text's coordinates)
        delta = 0
        culprit = edits[-1] if edits else (k, k, "")
        for s, e, r in edits:
            if k <= e + delta + len(r):
                culprit = (s, e, r)
                break
            delta += len(r) - (e - s)
        raise Unrepresentable(culprit, "the layout cannot hold this change exactly")

    def corrected_text(self, edits: Iterable[tuple[int, int, str]] = ()) -> str:
        return apply_edits(self.text, check_edits(self.text, list(edits)))

    def export(self, kind: str, edits: Iterable[tuple[int, int, str]] = ()) -> bytes:
        """The corrected document as `kind` ("text", "hocr", "alto", "page"); see `formats.export`."""
        from ocr_fix.formats import export as _export

        return _export.export(self, kind, list(edits))
