"""A text as score compares it: one code point per grapheme cluster (its key), the words as keys too,
and the line each unit is on.

A cluster of one code point is its own key, a longer one (a letter with a stress mark, a CR LF line
end) gets a private-use code point. rapidfuzz then compares plain strs, and a 10 MB text costs a few
bytes per unit instead of a Python object per grapheme. Line numbers are kept as one offset per line.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import regex

from ocr_fix.errors import OcrFixError
from ocr_fix.quality.align import Keys

if TYPE_CHECKING:
    from ocr_fix.quality.score import Normalization

_GRAPHEME = regex.compile(r"\X")
_PUNCTUATION = regex.compile(r"\p{P}")


# Code points that never stand for themselves: keys are drawn from here, and a text's own characters
# from here (private-use or unassigned planes) are given keys like a longer cluster.
_POOL = ((0xE000, 0xF8FF), (0x40000, 0xDFFFF), (0xF0000, 0x10FFFF))
_IN_POOL = regex.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _POOL) + "]")
# a line without any of these is one grapheme cluster per code point (UAX #29: only these classes,
# and CR LF, join code points into one cluster)
_JOINING = regex.compile(r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}\p{GCB=L}\p{GCB=V}"
                         r"\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}\p{GCB=RI}]|" + _IN_POOL.pattern)
_NONSPACE = re.compile(r"\S+")  # re's \s is str.isspace(), the test the folding always used
_LINE_END = re.compile(r"\r\n|\r|\n")


class Alphabet:
    """Keys of the grapheme clusters that are not their own key, shared by the texts compared."""

    def __init__(self) -> None:
        self.key_of: dict[str, str] = {}
        self.grapheme_of: dict[int, str] = {}

    def key(self, grapheme: str) -> str:
        found = self.key_of.get(grapheme)
        if found is None:
            n = len(self.key_of)
            for lo, hi in _POOL:
                if n <= hi - lo:
                    break
                n -= hi - lo + 1
            else:
                raise OcrFixError(f"more than {len(self.key_of):,} distinct grapheme clusters of several "
                                  "code points (or private-use characters): too many to compare")
            found = self.key_of[grapheme] = chr(lo + n)
            self.grapheme_of[lo + n] = grapheme
        return found

    def encode(self, content: str) -> str:
        """The keys of a line's content (no line end in it)."""
        if not _JOINING.search(content):
            return content
        parts: list[str] = []
        buffer: list[str] = []
        for match in _GRAPHEME.finditer(content):
            g = match.group()
            buffer.append(g if len(g) == 1 and not _IN_POOL.match(g) else self.key(g))
            if len(buffer) >= 4096:
                parts.append("".join(buffer))
                buffer.clear()
        parts.append("".join(buffer))
        return "".join(parts)

    def decode(self, keys: str) -> str:
        if self.grapheme_of and _IN_POOL.search(keys):
            return keys.translate(self.grapheme_of)
        return keys

    def graphemes(self, keys: str) -> Iterable[str]:
        if not self.grapheme_of:
            return keys
        table = self.grapheme_of
        return (table.get(ord(k), k) for k in keys)


class LineIndex:
    """Which line each unit is on: the lines that have units, and the index of each one's first
    unit (memory for the lines with text only, however many blank ones there are)."""

    def __init__(self) -> None:
        self.lines = array("q")
        self.firsts = array("q")
        self.total = 0

    def reach(self, line: int, position: int) -> None:
        """Units from `position` on belong to `line` (or a later one), which has some."""
        if not self.lines or self.lines[-1] < line:
            self.lines.append(line)
            self.firsts.append(position)

    def line_of(self, index: int) -> int:
        """The line of unit `index`; past the end, the last unit's; 0 if there are none."""
        if not self.lines:
            return 0
        return self.lines[max(0, bisect_right(self.firsts, min(index, self.total - 1)) - 1)]

    def spans(self, i1: int, i2: int) -> Iterator[tuple[int, int, int]]:
        """(line, start, end) for the parts of the units i1..i2 on each line."""
        k = bisect_right(self.firsts, i1) - 1
        i = i1
        while i < i2:
            end = min(i2, self.firsts[k + 1] if k + 1 < len(self.firsts) else self.total)
            yield self.lines[k], i, end
            i = end
            k += 1


def _line_bounds(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end of content, end with the line break) of each line, as ocr_fix.tokens.line_starts
    splits them (at CR LF, CR or LF); one more line after a final line break."""
    start = 0
    for match in _LINE_END.finditer(text):
        yield start, match.start(), match.end()
        start = match.end()
    yield start, len(text), len(text)


class ComparedText:
    """A text as compared: its grapheme keys (`chars`) and word keys, with the line each starts on.

    Whitespace as the normalisation says: `keep` compares every grapheme as typed; `fold` makes
    each run of whitespace one space, on the line where the run starts, and drops it at both ends;
    `ignore` drops it. Words are the pieces between whitespace in every mode.
    """

    def __init__(self, text: str, norm: Normalization, alphabet: Alphabet, words: Keys) -> None:
        self.lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
        mode = norm.whitespace
        parts: list[str] = []  # the compared graphemes, a line (or a separating space) at a time
        char_lines, word_lines = LineIndex(), LineIndex()
        word_codes = array("L")
        word_at = array("q")  # for each word, the index of its first grapheme among the compared ones
        n = 0  # graphemes so far
        pending: int | None = None  # line where the current whitespace run started
        for number, (start, stop, after) in enumerate(_line_bounds(text)):
            content = unicodedata.normalize("NFC", text[start:stop])
            if norm.fold_case:
                content = content.lower()
            if norm.fold_yo:
                content = content.replace("ё", "е").replace("Ё", "Е")
            if norm.drop_punctuation:
                content = _PUNCTUATION.sub("", content)
            keys = alphabet.encode(content)
            end = text[stop:after]
            segments = keys.split()
            if mode == "keep":
                if keys or end:
                    char_lines.reach(number, n)
                if segments:
                    word_lines.reach(number, len(word_codes))
                for match, segment in zip(_NONSPACE.finditer(keys), segments):
                    word_codes.append(words.code(segment))
                    word_at.append(n + match.start())
                parts.append(keys)
                parts.append(alphabet.key(end) if len(end) > 1 else end)
                n += len(keys) + (1 if end else 0)
                continue
            if not segments:
                if pending is None and (keys or end):
                    pending = number
                continue
            if pending is None and keys[0].isspace():
                pending = number
            if mode == "fold" and pending is not None and n:
                char_lines.reach(pending, n)
                parts.append(" ")
                n += 1
            char_lines.reach(number, n)
            word_lines.reach(number, len(word_codes))
            for segment in segments:
                word_codes.append(words.code(segment))
                word_at.append(n)
                n += len(segment) + (mode == "fold")
            if mode == "fold":
                parts.append(" ".join(segments))
                n -= 1
            else:
                parts.append("".join(segments))
            pending = number if (keys[-1].isspace() or end) else None
        self.chars = "".join(parts)
        char_lines.total, word_lines.total = n, len(word_codes)
        self.char_lines, self.word_lines = char_lines, word_lines
        self.word_codes = word_codes
        self.word_at = word_at
