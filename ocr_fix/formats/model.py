"""The data types of the OCR formats layer, the text built from a layout, and the edit planner.

The text of a document is built like Tesseract's own plain text, so that `NAME.hocr` and
`NAME.ocr.txt` of one recognition give the same characters: the words of a line joined by one
space, lines by "\\n", paragraphs (hOCR `ocr_par`, ALTO `TextBlock`, PAGE `TextRegion`) by a blank
line, every page ending in "\\n", pages separated by a form feed. A hyphen at a line end stays
printed where it was (`госу-` / `дарство`).

Edits are (start, end, replacement) on that text. `plan_edits` turns them into what changes per
word element: new text for a word, words joined into the first one (the others removed), a word
split into several, words deleted. An edit that would cross a line or a page, or that touches no
word, cannot be represented in the layout: `Unrepresentable` names it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Sequence

Box = tuple[int, int, int, int]  # x0, y0, x1, y1


class Unrepresentable(ValueError):
    """An edit the layout cannot carry (it crosses a line or a page, or touches no word)."""

    def __init__(self, edit: tuple[int, int, str], reason: str):
        self.edit = edit
        self.reason = reason
        super().__init__(f"edit {edit!r} cannot be written back: {reason}")


@dataclass(frozen=True, slots=True)
class OcrWord:
    start: int
    end: int
    element_id: str | None
    page: int
    line_id: str | None
    confidence: float | None
    alternatives: tuple[str, ...]


# ---- the layout the readers build -------------------------------------------------------------


@dataclass(slots=True)
class LWord:
    text: str
    elem: int | None  # the word element, by document-order index (None: a token of a line-level text)
    element_id: str | None = None
    confidence: float | None = None
    alternatives: tuple[str, ...] = ()
    box: Box | None = None
    extra: dict | None = None  # format-specific (ALTO: "hyp", "glyphs")
    lead: str = ""  # spaces the engine put inside the element before/after the word (Tesseract
    trail: str = ""  # sometimes writes " ВОЗВРАТУ"): printed, as in its plain text, but not the word's


@dataclass(slots=True)
class LLine:
    words: list[LWord]
    elem: int | None = None  # the element, by document-order index
    line_id: str | None = None
    box: Box | None = None


@dataclass(slots=True)
class LPara:
    lines: list[LLine]
    elem: int | None = None  # the element, by document-order index
    box: Box | None = None


@dataclass(slots=True)
class LPage:
    paras: list[LPara]
    elem: int | None = None  # the element, by document-order index
    box: Box | None = None
    page_id: str | None = None


@dataclass
class Built:
    text: str
    words: list[OcrWord]
    lwords: list[LWord]  # same order as words
    line_of: list[int]  # index of each word's line (global line counter)
    lines: list[LLine]  # global list of lines
    pages: list[tuple[int, int]]


def build_text(pages: Sequence[LPage]) -> Built:
    parts: list[str] = []
    pos = 0
    words: list[OcrWord] = []
    lwords: list[LWord] = []
    line_of: list[int] = []
    lines: list[LLine] = []
    spans: list[tuple[int, int]] = []

    def put(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for pno, page in enumerate(pages, 1):
        if pno > 1:
            put("\f")
        pstart = pos
        first_para = True
        for para in page.paras:
            plines = [ln for ln in para.lines if any(w.text for w in ln.words)]
            if not plines:
                continue
            if not first_para:
                put("\n")
            first_para = False
            for line in plines:
                lines.append(line)
                first = True
                for w in line.words:
                    if not w.text:
                        continue
                    if not first:
                        put(" ")
                    first = False
                    put(w.lead)
                    words.append(OcrWord(pos, pos + len(w.text), w.element_id, pno, line.line_id, w.confidence, w.alternatives))
                    lwords.append(w)
                    line_of.append(len(lines) - 1)
                    put(w.text)
                    put(w.trail)
                put("\n")
        spans.append((pstart, pos))
    return Built("".join(parts), words, lwords, line_of, lines, spans)


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    out = []
    pos = 0
    for s, e, r in edits:
        out.append(text[pos:s])
        out.append(r)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def check_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for ed in edits:
        s, e, r = ed
        if not (isinstance(s, int) and isinstance(e, int) and isinstance(r, str)):
            raise ValueError(f"edit {ed!r} is not (start, end, replacement)")
        if s < pos or e < s or e > len(text):
            raise ValueError(f"edit {ed!r} is out of order, overlapping or out of range")
        out.append((s, e, r))
        pos = e
    return out


# ---- planning -----------------------------------------------------------------------------------


@dataclass
class Piece:
    text: str
    box: Box | None


@dataclass
class WordChange:
    """Word `index` (into Built.words) becomes `pieces` (one: changed/joined, several: split);
    `absorbed` are the words joined into it (their elements are removed)."""

    index: int
    pieces: list[Piece]
    absorbed: list[int]


@dataclass
class Plan:
    changes: list[WordChange]  # sorted by index
    removed: list[int]  # words removed outright (deleted or absorbed)
    new_line_text: dict[int, str]  # global line index -> its new text, for every line that changed


def union(boxes: Iterable[Box | None]) -> Box | None:
    bs = [b for b in boxes if b is not None]
    if not bs:
        return None
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


def divide(box: Box | None, texts: Sequence[str]) -> list[Box | None]:
    """Divide a box horizontally among `texts` in proportion to their lengths (plus one space each
    between them)."""
    if box is None:
        return [None] * len(texts)
    x0, y0, x1, y1 = box
    total = sum(len(t) for t in texts) + (len(texts) - 1)
    out: list[Box | None] = []
    acc = 0
    for t in texts:
        a = x0 + round((x1 - x0) * acc / total)
        acc += len(t)
        b = x0 + round((x1 - x0) * acc / total)
        out.append((a, y0, max(b, a), y1))
        acc += 1
    return out


def _map_new_to_old(edits: list[tuple[int, int, str]], base: int, p: int, is_end: bool) -> int:
    """Map a position in the edited text of a region (relative to `base`, the region's start in the
    old text) to the old text. A start inside a replacement maps to the edit's start, an end inside
    one to the edit's end; text after a deletion maps past it."""
    delta = 0
    for s, e, r in edits:
        ns = s - base + delta
        if is_end:
            if p <= ns:
                return p - delta + base
            if p <= ns + len(r):
                return e
        else:
            if p < ns:
                return p - delta + base
            if p < ns + len(r):
                return s
        delta += len(r) - (e - s)
    return p - delta + base


def plan_edits(built: Built, edits: Sequence[tuple[int, int, str]]) -> Plan:
    """The word changes, removals and new line texts that carry `edits` into the layout; Unrepresentable
    for an edit the layout's elements cannot hold."""
    changes: list[WordChange] = []
    removed: list[int] = []
    changed_lines: set[int] = set()
    for lo, hi, eds in _word_groups(built, check_edits(built.text, edits)):
        if _plan_group(built, lo, hi, eds, changes, removed):
            changed_lines.add(built.line_of[lo])
    removed = sorted(set(removed))
    changes.sort(key=lambda c: c.index)
    return Plan(changes, removed, _new_line_texts(built, changes, removed, changed_lines))


def _word_groups(built: Built, edits: list[tuple[int, int, str]]) -> list[tuple[int, int, list[tuple[int, int, str]]]]:
    """(first word, last word, edits) for each run of words the edits touch, overlapping runs joined;
    an edit that changes nothing is dropped, one that touches no word or crosses a line refused."""
    text = built.text
    starts = [w.start for w in built.words]
    groups: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    for ed in edits:
        s, e, r = ed
        # words touched: w.start <= e and w.end >= s
        hi = bisect.bisect_right(starts, e) - 1
        lo = hi
        while lo >= 0 and built.words[lo].end >= s:
            lo -= 1
        lo += 1
        if hi < lo:
            if text[s:e] == r:
                continue
            raise Unrepresentable(ed, "it touches no word")
        if built.line_of[lo] != built.line_of[hi] or any(c in r for c in "\n\f\r\v"):
            if text[s:e] == r:
                continue
            raise Unrepresentable(ed, "it crosses a line or page boundary")
        if groups and groups[-1][1] >= lo:
            g = groups[-1]
            groups[-1] = (g[0], max(g[1], hi), g[2] + [ed])
        else:
            groups.append((lo, hi, [ed]))
    return groups


def _pieces(new: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-space characters of `new`."""
    pieces: list[tuple[int, int]] = []
    i = 0
    while i < len(new):
        if new[i].isspace():
            i += 1
            continue
        j = i
        while j < len(new) and not new[j].isspace():
            j += 1
        pieces.append((i, j))
        i = j
    return pieces


def _plan_group(built: Built, lo: int, hi: int, eds: list[tuple[int, int, str]], changes: list[WordChange],
                removed: list[int]) -> bool:
    """Add to `changes` and `removed` what one group of edits does to the words lo..hi; False when the
    group leaves the text as it was."""
    text = built.text
    base = built.words[lo].start
    # edits reaching outside the region only touch separators/whitespace; apply them on the
    # region extended to cover them, then strip
    ext_start = min(base, min(s for s, _, _ in eds))
    ext_end = max(built.words[hi].end, max(e for _, e, _ in eds))
    ext_old = text[ext_start:ext_end]
    ext_new = apply_edits(ext_old, [(s - ext_start, e - ext_start, r) for s, e, r in eds])
    if ext_new == ext_old:
        return False
    # pieces of the new text with their positions in ext_new
    pieces = _pieces(ext_new)
    n_changes = len(changes)
    owners, covered = _owners(built, lo, hi, pieces, sorted(eds), ext_start)
    absorbed_by: dict[int, list[int]] = {k: [] for k in owners}
    for k in range(lo, hi + 1):
        if k in owners:
            continue
        if k in covered:
            prev = [o for o in owners if o < k]
            o = max(prev) if prev else min(owners)
            absorbed_by[o].append(k)
        removed.append(k)
    for owner in sorted(owners):
        change = _word_change(built, owner, [ext_new[ps:pe] for ps, pe in (pieces[i] for i in owners[owner])],
                              absorbed_by[owner])
        if change is not None:
            changes.append(change)
    removed.extend(k for k in range(lo, hi + 1) if k not in owners and k not in removed)
    if n_changes == len(changes) and not any(lo <= k <= hi for k in removed):
        # the text changed, the words did not: only the spacing between them, which no
        # element holds
        raise Unrepresentable(eds[0], "it changes only the spacing between words")
    return True


def _owners(built: Built, lo: int, hi: int, pieces: list[tuple[int, int]], rel_edits: list[tuple[int, int, str]],
            ext_start: int) -> tuple[dict[int, list[int]], set[int]]:
    """For each word of lo..hi that takes new text, the pieces it takes; and every word a piece covers."""
    owners: dict[int, list[int]] = {}
    covered: set[int] = set()
    for pi, (ps, pe) in enumerate(pieces):
        os_ = _map_new_to_old(rel_edits, ext_start, ps, False)
        oe = _map_new_to_old(rel_edits, ext_start, pe, True)
        hit = [k for k in range(lo, hi + 1) if built.words[k].start < oe and built.words[k].end > os_]
        if not hit:
            hit = [k for k in range(lo, hi + 1) if built.words[k].start <= os_ <= built.words[k].end]
        if not hit:
            prev = [k for k in range(lo, hi + 1) if built.words[k].end <= os_]
            hit = [prev[-1] if prev else lo]
        owner = hit[0]
        if owner in covered and owner not in owners:
            # already absorbed by an earlier piece's owner: attach to that owner
            owner = max(k for k in owners if k <= owner)
        owners.setdefault(owner, []).append(pi)
        covered.update(hit)
    return owners, covered


def _word_change(built: Built, owner: int, ptexts: list[str], ab: list[int]) -> WordChange | None:
    """The word `owner` with its new texts and the words it absorbs; None when it stays as it was."""
    w = built.lwords[owner]
    if len(ptexts) > 1 and len(ptexts) == len(w.text.split()):
        ptexts = [" ".join(ptexts)]  # a word read with spaces inside (ALTO CONTENT="a b") stays one
    if len(ptexts) == 1 and not ab and ptexts[0] == w.text:
        return None
    box = union([w.box] + [built.lwords[k].box for k in ab])
    boxes = [box] if len(ptexts) == 1 else divide(box, ptexts)
    return WordChange(owner, [Piece(t, b) for t, b in zip(ptexts, boxes)], ab)


def _new_line_texts(built: Built, changes: list[WordChange], removed: list[int],
                    changed_lines: set[int]) -> dict[int, str]:
    """The new text of every changed line: its words as changed, the removed ones left out."""
    if not changed_lines:
        return {}
    by_line: dict[int, list[str]] = {}
    change_at = {c.index: c for c in changes}
    rem = set(removed)
    for k, w in enumerate(built.lwords):
        li = built.line_of[k]
        if li not in changed_lines:
            continue
        lst = by_line.setdefault(li, [])
        if k in rem:
            continue
        if k in change_at:
            lst.extend(p.text for p in change_at[k].pieces)
        else:
            lst.append(w.text)
    return {li: " ".join(ws) for li, ws in by_line.items()}
