"""CER and WER of a hypothesis against a reference, with counts, per-line figures and confusions.

Both texts are compared as NFC grapheme clusters (`\\X`), so a letter with a combining accent is one
unit however it was typed. Whitespace runs fold to one space by default, which makes a line break
in one text and a space in the other the same thing: OCR reflows lines, and that is not an error of
the letters. Words are the whitespace-separated pieces of the folded text (punctuation stays
attached unless the normalisation drops it), as in ../shared/tools/score.py.

Empty reference: an error rate over zero reference units is 0.0 when the hypothesis is empty too
and 1.0 otherwise (everything in the hypothesis is spurious); the insertion count still says how
much. Rates over several documents are pooled (total edits / total reference units), so the same
rule covers a batch whose references are all empty.

Large texts. Each text is held as one str with one code point per grapheme (and one per word for
WER), and the line of each unit as one offset per line that has any, so a 10 MB text costs tens of
MB rather than a Python object per grapheme. The alignment is align.opcodes: exact, as before, up
to 50,000 × 50,000 units; above that, word alignment cut at words unique in both texts, grapheme
alignment cut inside runs of identical words, in bounded memory (its docstring says what that can
change). What stays proportional to the text is the result: every line's pieces.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, astuple, dataclass

import regex

from ocr_fix.errors import OcrFixError
from ocr_fix.quality.align import LIMITS, Keys, Limits, Op, opcodes

WHITESPACE_MODES = ("fold", "keep", "ignore")
_GRAPHEME = regex.compile(r"\X")
_PUNCTUATION = regex.compile(r"\p{P}")
# A confusion longer than this on either side is not a letter confusion but a garbled stretch;
# it is counted grapheme by grapheme instead, so the table stays about letters.
_MAX_CONFUSION = 3


@dataclass(frozen=True)
class Normalization:
    """What is ignored when comparing; NFC is always applied."""

    fold_case: bool = False  # compare lower case
    fold_yo: bool = False  # ё counts as е (typed documents of the period rarely print ё)
    drop_punctuation: bool = False  # remove every Unicode punctuation character (\p{P})
    whitespace: str = "fold"  # fold: runs become one space; keep: compared as typed; ignore: removed

    def __post_init__(self) -> None:
        if self.whitespace not in WHITESPACE_MODES:
            raise ValueError(f"whitespace must be one of {', '.join(WHITESPACE_MODES)}, not {self.whitespace!r}")

    def describe(self) -> str:
        parts = ["NFC graphemes", {"fold": "whitespace runs folded", "keep": "whitespace kept",
                                   "ignore": "whitespace ignored"}[self.whitespace]]
        if self.fold_case:
            parts.append("case folded")
        if self.fold_yo:
            parts.append("ё = е")
        if self.drop_punctuation:
            parts.append("punctuation dropped")
        return ", ".join(parts)


def error_rate(edits: int, reference_length: int) -> float:
    if reference_length:
        return edits / reference_length
    return 0.0 if edits == 0 else 1.0


@dataclass(frozen=True, slots=True)
class Counts:
    """Edit counts of one comparison, in graphemes or in words."""

    reference: int  # units in the reference
    hypothesis: int  # units in the hypothesis
    substitutions: int = 0
    deletions: int = 0
    insertions: int = 0

    @property
    def edits(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def rate(self) -> float:
        return error_rate(self.edits, self.reference)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other))))

    def as_dict(self) -> dict:
        return {**asdict(self), "edits": self.edits, "rate": self.rate}


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the alignment: equal, replace, delete (reference only) or insert (hypothesis only)."""

    tag: str
    reference: str
    hypothesis: str


@dataclass(frozen=True, slots=True)
class LineScore:
    line: int  # 1-based line of the reference
    pieces: tuple[Piece, ...]
    chars: Counts
    words: Counts

    @property
    def reference(self) -> str:
        return "".join(p.reference for p in self.pieces)

    @property
    def hypothesis(self) -> str:
        return "".join(p.hypothesis for p in self.pieces)

    def as_dict(self) -> dict:
        return {"line": self.line, "reference": self.reference, "hypothesis": self.hypothesis,
                "cer": self.chars.rate, "wer": self.words.rate,
                "chars": self.chars.as_dict(), "words": self.words.as_dict()}


@dataclass(frozen=True, slots=True)
class Confusion:
    reference: str  # "" for an insertion
    hypothesis: str  # "" for a deletion
    count: int


@dataclass(frozen=True)
class Score:
    chars: Counts
    words: Counts
    lines: tuple[LineScore, ...]  # reference lines with content or errors, in text order
    confusions: tuple[Confusion, ...]  # most frequent first
    word_right: tuple[bool, ...]  # per reference word: the aligned hypothesis word is identical
    normalization: Normalization

    @property
    def cer(self) -> float:
        return self.chars.rate

    @property
    def wer(self) -> float:
        return self.words.rate

    def worst_lines(self, limit: int | None = None) -> list[LineScore]:
        """Lines with errors, highest CER first (more edits first among equals)."""
        bad = [ln for ln in self.lines if ln.chars.edits]
        bad.sort(key=lambda ln: (-ln.chars.rate, -ln.chars.edits, ln.line))
        return bad if limit is None else bad[:limit]

    def as_dict(self) -> dict:
        return {
            "cer": self.cer, "wer": self.wer,
            "chars": self.chars.as_dict(), "words": self.words.as_dict(),
            "normalization": asdict(self.normalization),
            "lines": [ln.as_dict() for ln in self.lines],
            "confusions": [asdict(c) for c in self.confusions],
        }


# --- normalisation -------------------------------------------------------------------------------
#
# A text becomes one str in which every grapheme cluster is one code point (its "key"): a cluster of
# one code point is its own key, a longer one (a letter with a stress mark, a CR LF line end) gets
# a private-use code point. rapidfuzz then compares plain strs, and a 10 MB text costs a few bytes
# per unit instead of a Python object per grapheme. Line numbers are kept as one offset per line.

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


class _Alphabet:
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


class _LineIndex:
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


class _Text:
    """A text as compared: its grapheme keys (`chars`) and word keys, with the line each starts on.

    Whitespace as the normalisation says: `keep` compares every grapheme as typed; `fold` makes
    each run of whitespace one space, on the line where the run starts, and drops it at both ends;
    `ignore` drops it. Words are the pieces between whitespace in every mode.
    """

    def __init__(self, text: str, norm: Normalization, alphabet: _Alphabet, words: Keys) -> None:
        self.lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
        mode = norm.whitespace
        parts: list[str] = []  # the compared graphemes, a line (or a separating space) at a time
        char_lines, word_lines = _LineIndex(), _LineIndex()
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


# --- alignment and tallies -----------------------------------------------------------------------

_COLUMN = {"replace": 2, "delete": 3, "insert": 4}


def _word_pass(ops: Iterable[Op], ref: _Text, ref_total: int, hyp_total: int):
    """Word totals, word counts of the lines that have any, which reference words are right (the
    aligned hypothesis word is identical: rapidfuzz pairs differing words only in a replace), and
    the runs of identical words."""
    counts: dict[int, list[int]] = {}  # line: reference, hypothesis, substitutions, deletions, insertions
    totals = [ref_total, hyp_total, 0, 0, 0]
    right = bytearray(ref_total)
    runs = array("q")  # reference start, end, hypothesis start of each identical run
    index = ref.word_lines
    for tag, i1, i2, j1, j2 in ops:
        if tag == "insert":  # an insertion belongs to the line of the next word, else of the last
            line = counts.setdefault(index.line_of(i1), [0] * 5)
            line[1] += j2 - j1
            line[4] += j2 - j1
            totals[4] += j2 - j1
            continue
        for number, a, b in index.spans(i1, i2):
            line = counts.setdefault(number, [0] * 5)
            line[0] += b - a
            if tag != "delete":
                line[1] += b - a
            if tag != "equal":
                line[_COLUMN[tag]] += b - a
        if tag == "equal":
            right[i1:i2] = b"\x01" * (i2 - i1)
            runs.extend((i1, i2, j1))
        else:
            totals[_COLUMN[tag]] += i2 - i1
    return Counts(*totals), counts, right, runs


def _char_cuts(runs: array, ref: _Text, hyp: _Text, words: int = 2, chars: int = 8,
               stride: int = 8) -> Iterator[tuple[int, int]]:
    """Candidate cuts for the grapheme alignment: word starts inside runs of identical words, with
    `words` identical words and `chars` identical graphemes on each side."""
    a, b = ref.chars, hyp.chars
    for r in range(0, len(runs), 3):
        i1, i2, j1 = runs[r], runs[r + 1], runs[r + 2]
        k = i1 + words
        while k + words <= i2:
            ci, cj = ref.word_at[k], hyp.word_at[j1 + k - i1]
            if ci >= chars and cj >= chars and a[ci - chars:ci + chars] == b[cj - chars:cj + chars]:
                yield ci, cj
                k += stride
            else:
                k += 1


class _Collector:
    """Per-line pieces and counts of the grapheme alignment, in text order, and the confusions."""

    def __init__(self, ref: _Text, hyp: _Text, alphabet: _Alphabet, word_counts: dict[int, list[int]]) -> None:
        self.ref, self.hyp, self.alphabet, self.word_counts = ref, hyp, alphabet, word_counts
        self.totals = [len(ref.chars), len(hyp.chars), 0, 0, 0]
        self.lines: list[LineScore] = []
        self.line = -1
        self.pieces: list[tuple[str, list[str], list[str]]] = []
        self.counts = [0] * 5
        self.confusions: Counter = Counter()
        self.run: list[Op] = []

    def add(self, op: Op) -> None:
        tag, i1, i2, j1, j2 = op
        a, b = self.ref.chars, self.hyp.chars
        if tag == "equal":
            self._flush_run()
        else:
            self.run.append(op)
        if tag == "insert":
            self._record(self.ref.char_lines.line_of(i1), tag, "", b[j1:j2], 0, j2 - j1)
            self.totals[4] += j2 - j1
            return
        if tag != "equal":
            self.totals[_COLUMN[tag]] += i2 - i1
        index = self.ref.char_lines
        k = bisect_right(index.firsts, i1) - 1
        if k + 1 == len(index.firsts) or i2 <= index.firsts[k + 1]:  # the usual case: all on one line
            self._record(index.lines[k], tag, a[i1:i2], "" if tag == "delete" else b[j1:j2], i2 - i1, j2 - j1)
            return
        for line, x, y in index.spans(i1, i2):
            h = "" if tag == "delete" else b[j1 + x - i1:j1 + y - i1]
            self._record(line, tag, a[x:y], h, y - x, len(h))

    def _record(self, line: int, tag: str, r: str, h: str, nr: int, nh: int) -> None:
        if line != self.line:
            self._flush_line()
            self.line = line
        counts = self.counts
        counts[0] += nr
        counts[1] += nh
        if tag != "equal":
            counts[_COLUMN[tag]] += max(nr, nh)
        if not self.pieces or self.pieces[-1][0] != tag:
            self.pieces.append((tag, [], []))
        self.pieces[-1][1].append(r)
        self.pieces[-1][2].append(h)

    def _flush_line(self) -> None:
        if not self.pieces:
            return
        decode = self.alphabet.decode
        pieces = []
        for tag, r, h in self.pieces:
            r_text = decode("".join(r))
            h_joined = "".join(h)
            pieces.append(Piece(tag, r_text, r_text if tag == "equal" else decode(h_joined)))
        words = Counts(*self.word_counts.get(self.line, (0, 0, 0, 0, 0)))
        self.lines.append(LineScore(self.line + 1, tuple(pieces), Counts(*self.counts), words))
        self.pieces = []
        self.counts = [0] * 5

    def _flush_run(self) -> None:
        run = self.run
        if not run:
            return
        a, b, graphemes = self.ref.chars, self.hyp.chars, self.alphabet.graphemes
        i1, i2, j1, j2 = run[0][1], run[-1][2], run[0][3], run[-1][4]
        if i2 - i1 <= _MAX_CONFUSION and j2 - j1 <= _MAX_CONFUSION:
            decode = self.alphabet.decode
            self.confusions[(decode(a[i1:i2]), decode(b[j1:j2]))] += 1
        else:
            found = self.confusions
            for tag, oi1, oi2, oj1, oj2 in run:
                if tag == "replace":
                    for x, y in zip(graphemes(a[oi1:oi2]), graphemes(b[oj1:oj2])):
                        found[(x, y)] += 1
                elif tag == "delete":
                    for x in graphemes(a[oi1:oi2]):
                        found[(x, "")] += 1
                else:
                    for y in graphemes(b[oj1:oj2]):
                        found[("", y)] += 1
        run.clear()

    def close(self) -> None:
        self._flush_run()
        self._flush_line()


def score(reference: str, hypothesis: str, normalization: Normalization = Normalization(),
          limits: Limits = LIMITS) -> Score:
    """Compare a hypothesis (OCR or corrected text) with its reference (the ground truth).

    Texts up to about 50,000 graphemes each are aligned exactly; longer ones are aligned stretch by
    stretch between anchors, in bounded memory (see ocr_fix/quality/align.py and docs/quality.md).
    """
    alphabet, words = _Alphabet(), Keys()
    ref = _Text(reference, normalization, alphabet, words)
    hyp = _Text(hypothesis, normalization, alphabet, words)
    ref_words, hyp_words = words.sequence(ref.word_codes), words.sequence(hyp.word_codes)
    del ref.word_codes, hyp.word_codes
    word_totals, word_counts, right, runs = _word_pass(opcodes(ref_words, hyp_words, limits=limits), ref,
                                                       len(ref_words), len(hyp_words))
    del ref_words, hyp_words
    collector = _Collector(ref, hyp, alphabet, word_counts)
    for op in opcodes(ref.chars, hyp.chars, _char_cuts(runs, ref, hyp), limits):
        collector.add(op)
    collector.close()
    confusions = tuple(Confusion(r, h, n) for (r, h), n in
                       sorted(collector.confusions.items(), key=lambda kv: (-kv[1], kv[0])))
    return Score(Counts(*collector.totals), word_totals, tuple(collector.lines), confusions,
                 tuple(map(bool, right)), normalization)
