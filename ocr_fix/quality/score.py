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
The texts as compared are built in ocr_fix.quality.compared_text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, astuple, dataclass

from ocr_fix.quality.align import LIMITS, Keys, Limits, Op, opcodes
from ocr_fix.quality.compared_text import Alphabet, ComparedText

WHITESPACE_MODES = ("fold", "keep", "ignore")
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


# --- alignment and tallies -----------------------------------------------------------------------

_COLUMN = {"replace": 2, "delete": 3, "insert": 4}


def _word_pass(ops: Iterable[Op], ref: ComparedText, ref_total: int, hyp_total: int):
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


def _char_cuts(runs: array, ref: ComparedText, hyp: ComparedText, words: int = 2, chars: int = 8,
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

    def __init__(self, ref: ComparedText, hyp: ComparedText, alphabet: Alphabet,
                 word_counts: dict[int, list[int]]) -> None:
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
    alphabet, words = Alphabet(), Keys()
    ref = ComparedText(reference, normalization, alphabet, words)
    hyp = ComparedText(hypothesis, normalization, alphabet, words)
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
