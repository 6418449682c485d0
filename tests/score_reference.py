"""The previous implementation of `score` (one Python object per grapheme, rapidfuzz over the whole
lists), kept as the reference the compact one in ocr_fix/quality/score.py must agree with on
inputs small enough for it. Slow and memory-hungry on large texts: for tests only."""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex
from rapidfuzz.distance import Levenshtein

from ocr_fix.quality.score import Confusion, Counts, LineScore, Normalization, Piece, Score
from ocr_fix.tokens import line_starts

_GRAPHEME = regex.compile(r"\X")
_PUNCTUATION = regex.compile(r"\p{P}")
_MAX_CONFUSION = 3
_COLUMN = {"replace": 2, "delete": 3, "insert": 4}


def _graphemes(text: str, norm: Normalization) -> list[tuple[str, int]]:
    starts = line_starts(text)
    units = []
    for number, (a, b) in enumerate(zip(starts, starts[1:] + [len(text)])):
        line = unicodedata.normalize("NFC", text[a:b])
        if norm.fold_case:
            line = line.lower()
        if norm.fold_yo:
            line = line.replace("ё", "е").replace("Ё", "Е")
        if norm.drop_punctuation:
            line = _PUNCTUATION.sub("", line)
        units.extend((g, number) for g in _GRAPHEME.findall(line))
    return units


def _fold_whitespace(units):
    out, pending = [], None
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


def _words(folded):
    words, current, line = [], [], 0
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


def _units(text: str, norm: Normalization):
    raw = _graphemes(text, norm)
    folded = _fold_whitespace(raw)
    chars = raw if norm.whitespace == "keep" else \
        [u for u in folded if u[0] != " "] if norm.whitespace == "ignore" else folded
    return chars, _words(folded)


def _tally(ref, hyp, tallies, field, keep_pieces):
    ops = Levenshtein.opcodes([u[0] for u in ref], [u[0] for u in hyp])
    totals = [len(ref), len(hyp), 0, 0, 0]

    def owner(index):
        return ref[index][1] if index < len(ref) else ref[-1][1] if ref else 0

    def record(line, tag, r, h):
        entry = tallies.setdefault(line, {"pieces": [], "chars": [0] * 5, "words": [0] * 5})
        counts = entry[field]
        counts[0] += r is not None
        counts[1] += h is not None
        if tag != "equal":
            counts[_COLUMN[tag]] += 1
            totals[_COLUMN[tag]] += 1
        if keep_pieces:
            if not entry["pieces"] or entry["pieces"][-1][0] != tag:
                entry["pieces"].append((tag, [], []))
            if r is not None:
                entry["pieces"][-1][1].append(r)
            if h is not None:
                entry["pieces"][-1][2].append(h)

    for op in ops:
        if op.tag == "insert":
            for j in range(op.dest_start, op.dest_end):
                record(owner(op.src_start), "insert", None, hyp[j][0])
            continue
        for k, i in enumerate(range(op.src_start, op.src_end)):
            record(ref[i][1], op.tag, ref[i][0], None if op.tag == "delete" else hyp[op.dest_start + k][0])
    return Counts(*totals), ops


def _confusions(ref, hyp, ops) -> Counter:
    found: Counter = Counter()
    run: list = []

    def flush():
        if not run:
            return
        i1, i2, j1, j2 = run[0].src_start, run[-1].src_end, run[0].dest_start, run[-1].dest_end
        if i2 - i1 <= _MAX_CONFUSION and j2 - j1 <= _MAX_CONFUSION:
            found[("".join(ref[i1:i2]), "".join(hyp[j1:j2]))] += 1
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


def reference_score(reference: str, hypothesis: str, normalization: Normalization = Normalization()) -> Score:
    ref_chars, ref_words = _units(reference, normalization)
    hyp_chars, hyp_words = _units(hypothesis, normalization)
    tallies: dict = {}
    chars, char_ops = _tally(ref_chars, hyp_chars, tallies, "chars", True)
    words, word_ops = _tally(ref_words, hyp_words, tallies, "words", False)
    lines = tuple(LineScore(n + 1, tuple(Piece(tag, "".join(r), "".join(h)) for tag, r, h in t["pieces"]),
                            Counts(*t["chars"]), Counts(*t["words"]))
                  for n, t in sorted(tallies.items()) if t["pieces"])
    counted = _confusions([u[0] for u in ref_chars], [u[0] for u in hyp_chars], char_ops)
    confusions = tuple(Confusion(r, h, n) for (r, h), n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
    right = [False] * len(ref_words)
    for op in word_ops:
        if op.tag in ("equal", "replace"):
            for k in range(op.src_end - op.src_start):
                i, j = op.src_start + k, op.dest_start + k
                right[i] = ref_words[i][0] == hyp_words[j][0]
    return Score(chars, words, lines, confusions, tuple(right), normalization)
