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
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import asdict, astuple, dataclass

import regex
from rapidfuzz.distance import Levenshtein

from ocr_fix.quality.align import reference_word_status
from ocr_fix.tokens import line_starts

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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Piece:
    """A stretch of the alignment: equal, replace, delete (reference only) or insert (hypothesis only)."""

    tag: str
    reference: str
    hypothesis: str


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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

Unit = tuple[str, int]  # a grapheme (or word) and the 0-based line of the input it came from


def _lines(text: str) -> list[str]:
    starts = line_starts(text)
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def _graphemes(text: str, norm: Normalization) -> list[Unit]:
    units: list[Unit] = []
    for number, line in enumerate(_lines(text)):
        line = unicodedata.normalize("NFC", line)
        if norm.fold_case:
            line = line.lower()
        if norm.fold_yo:
            line = line.replace("ё", "е").replace("Ё", "Е")
        if norm.drop_punctuation:
            line = _PUNCTUATION.sub("", line)
        units.extend((g, number) for g in _GRAPHEME.findall(line))
    return units


def _fold_whitespace(units: list[Unit]) -> list[Unit]:
    """Each whitespace run becomes one space, on the line where the run starts; ends are trimmed."""
    out: list[Unit] = []
    pending: int | None = None
    for g, line in units:
        if g.isspace():
            if pending is None:
                pending = line
            continue
        if pending is not None and out:
            out.append((" ", pending))
        pending = None
        out.append((g, line))
    return out


def _words(folded: list[Unit]) -> list[Unit]:
    words: list[Unit] = []
    current: list[str] = []
    line = 0
    for g, ln in folded + [(" ", 0)]:
        if g == " ":
            if current:
                words.append(("".join(current), line))
            current = []
        else:
            if not current:
                line = ln
            current.append(g)
    return words


def units(text: str, norm: Normalization = Normalization()) -> tuple[list[Unit], list[Unit]]:
    """The graphemes compared for CER and the words compared for WER, each with its line."""
    raw = _graphemes(text, norm)
    folded = _fold_whitespace(raw)
    if norm.whitespace == "keep":
        chars = raw
    elif norm.whitespace == "ignore":
        chars = [u for u in folded if u[0] != " "]
    else:
        chars = folded
    return chars, _words(folded)


# --- alignment -----------------------------------------------------------------------------------


@dataclass
class _LineTally:
    pieces: list[tuple[str, list[str], list[str]]]  # tag, reference graphemes, hypothesis graphemes
    chars: list[int]  # reference, hypothesis, substitutions, deletions, insertions
    words: list[int]


def _owner(ref: list[Unit], index: int) -> int:
    """The line an insertion before reference unit `index` belongs to: the next unit's, else the last's."""
    if index < len(ref):
        return ref[index][1]
    return ref[-1][1] if ref else 0


_COLUMN = {"replace": 2, "delete": 3, "insert": 4}


def _tally(ref: list[Unit], hyp: list[Unit], tallies: dict[int, _LineTally], field: str,
           keep_pieces: bool) -> tuple[Counts, list]:
    """Count the edits of one alignment into the totals and into the lines they belong to."""
    ops = Levenshtein.opcodes([u[0] for u in ref], [u[0] for u in hyp])
    totals = [len(ref), len(hyp), 0, 0, 0]

    def record(line: int, tag: str, r: str | None, h: str | None) -> None:
        entry = tallies.setdefault(line, _LineTally([], [0] * 5, [0] * 5))
        counts = getattr(entry, field)
        counts[0] += r is not None
        counts[1] += h is not None
        if tag != "equal":
            counts[_COLUMN[tag]] += 1
            totals[_COLUMN[tag]] += 1
        if keep_pieces:
            if not entry.pieces or entry.pieces[-1][0] != tag:
                entry.pieces.append((tag, [], []))
            if r is not None:
                entry.pieces[-1][1].append(r)
            if h is not None:
                entry.pieces[-1][2].append(h)

    for op in ops:
        if op.tag == "insert":
            for j in range(op.dest_start, op.dest_end):
                record(_owner(ref, op.src_start), "insert", None, hyp[j][0])
            continue
        for k, i in enumerate(range(op.src_start, op.src_end)):
            h = None if op.tag == "delete" else hyp[op.dest_start + k][0]
            record(ref[i][1], op.tag, ref[i][0], h)
    return Counts(*totals), ops


def _confusions(ref: list[str], hyp: list[str], ops) -> Counter:
    found: Counter = Counter()
    run: list = []

    def flush() -> None:
        if not run:
            return
        r = "".join(ref[run[0].src_start:run[-1].src_end])
        h = "".join(hyp[run[0].dest_start:run[-1].dest_end])
        if run[-1].src_end - run[0].src_start <= _MAX_CONFUSION and \
                run[-1].dest_end - run[0].dest_start <= _MAX_CONFUSION:
            found[(r, h)] += 1
        else:
            for op in run:
                if op.tag == "replace":
                    for a, b in zip(ref[op.src_start:op.src_end], hyp[op.dest_start:op.dest_end]):
                        found[(a, b)] += 1
                elif op.tag == "delete":
                    for a in ref[op.src_start:op.src_end]:
                        found[(a, "")] += 1
                else:
                    for b in hyp[op.dest_start:op.dest_end]:
                        found[("", b)] += 1
        run.clear()

    for op in ops:
        if op.tag == "equal":
            flush()
        else:
            run.append(op)
    flush()
    return found


def score(reference: str, hypothesis: str, normalization: Normalization = Normalization()) -> Score:
    """Compare a hypothesis (OCR or corrected text) with its reference (the ground truth)."""
    ref_chars, ref_words = units(reference, normalization)
    hyp_chars, hyp_words = units(hypothesis, normalization)
    tallies: dict[int, _LineTally] = {}
    chars, char_ops = _tally(ref_chars, hyp_chars, tallies, "chars", keep_pieces=True)
    words, _ = _tally(ref_words, hyp_words, tallies, "words", keep_pieces=False)
    lines = tuple(
        LineScore(number + 1, tuple(Piece(tag, "".join(r), "".join(h)) for tag, r, h in t.pieces),
                  Counts(*t.chars), Counts(*t.words))
        for number, t in sorted(tallies.items()) if t.pieces
    )
    ref_g, hyp_g = [u[0] for u in ref_chars], [u[0] for u in hyp_chars]
    counted = _confusions(ref_g, hyp_g, char_ops)
    confusions = tuple(Confusion(r, h, n) for (r, h), n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
    right = tuple(reference_word_status([w for w, _ in ref_words], [w for w, _ in hyp_words]))
    return Score(chars, words, lines, confusions, right, normalization)
