"""Alignment of a hypothesis against a reference, in bounded memory and near-linear time.

`opcodes(a, b)` gives what `rapidfuzz.distance.Levenshtein.opcodes(a, b).as_list()` gives (tag,
reference start and end, hypothesis start and end), for sequences of any length:

- Up to `Limits.exact_cells` (the product of the two lengths; 50,000 × 50,000 by default, about
  0.2 s) it is rapidfuzz's exact alignment of the whole, as it always was. Every dev-set and
  held-out pair is far below that.
- Above, the common prefix and suffix are set aside (as rapidfuzz does) and the rest is aligned
  from cut to cut. A cut is a pair of positions with identical items on both sides: before a word
  that occurs once in each text, with `context` identical words around it, the chain of such words
  kept in the order both texts agree on (the longest increasing one, as patience diff finds); for
  graphemes score.py passes word starts inside runs of identical words of the word alignment.
  Cuts are taken as far apart as keeps a stretch under (span / 2)² cells. Each stretch is aligned
  by rapidfuzz together with the next one and its path kept up to the cut, so that the path into
  a cut is traced back from beyond it, as in the exact alignment.
- A stretch with no cut within span² cells (a long garbled passage, unrelated texts, text so
  repetitive that no word is unique) is searched for words unique within it; failing that it goes
  through sliding windows of about window² cells, shaped like the stretch: each window is aligned
  exactly and its path kept to its middle, where the next window starts.

Memory: the two sequences (one code point per item) and one window at a time: usually about
span² cells, at most 4 · span² (rapidfuzz keeps two bits per cell: 17 MB, at most 70 MB). Time:
linear in the length.

What it gives up. The result is always a valid alignment, so its edit count is never below the
optimum (the Levenshtein distance). It can be above it on adversarial input: when a word unique
in both texts is matched although the cheapest alignment pairs it otherwise (a passage moved far
from its place), and inside a window stretch when the texts shift against each other by more than
half a window. Where several alignments cost the same, which one the exact computation picks
depends on the whole matrix; aligned stretch by stretch, such a tie can fall the other way (the
other copy of a doubled word counted as inserted, a deletion moved across a space), for the same
total. The tests hold the cut alignment to the exact one on every held-out and dev-set pair and
on random OCR-like pairs, cut every few hundred items; docs/quality.md gives the figures measured
on texts above the limit.

A reference word counts as right when the aligned hypothesis word is identical (JamSpell's
fixed/broken measures are built on this).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ocr_fix.quality.cuts import anchors, select_cuts

Op = tuple[str, int, int, int, int]  # tag, reference start, reference end, hypothesis start, hypothesis end


@dataclass(frozen=True)
class Limits:
    """Sizes of the bounded alignment; the tests make them small to cut short texts often."""

    exact_cells: int = 50_000 * 50_000  # align the whole exactly up to this many cells (about 0.2 s)
    span: int = 8192  # cuts are taken (span / 2)² cells apart; a stretch without one beyond span²
    window: int = 8192  # a sliding window holds about window² cells
    context: int = 2  # identical items on each side of a cut found from unique items
    depth: int = 3  # how many times a long stretch is searched again for items unique within it


LIMITS = Limits()


def exact(a: Sequence, b: Sequence, i0: int = 0, j0: int = 0) -> list[Op]:
    """rapidfuzz's alignment of a and b, positions shifted by i0 and j0."""
    if not a or not b:  # rapidfuzz would list every insertion or deletion on the way
        return [("insert", i0, i0, j0, j0 + len(b))] if b else [("delete", i0, i0 + len(a), j0, j0)] if a else []
    ops = Levenshtein.opcodes(a, b).as_list()
    if i0 or j0:
        return [(tag, a1 + i0, a2 + i0, b1 + j0, b2 + j0) for tag, a1, a2, b1, b2 in ops]
    return ops


def opcodes(a: Sequence, b: Sequence, cuts: Iterable[tuple[int, int]] | None = None,
            limits: Limits = LIMITS) -> Iterator[Op]:
    """Opcodes turning `a` into `b`; see the module docstring for how large inputs are cut.

    `a` and `b` are sequences of hashable items supporting slices (str, list, array). `cuts`, if
    given, are candidate cut positions, increasing in both coordinates, with identical items on
    both sides; otherwise they are found from items unique in both sequences.
    """
    if len(a) * len(b) <= limits.exact_cells:
        yield from exact(a, b)
        return
    refine = cuts is None
    if cuts is None:
        cuts = anchors(a, b, 0, len(a), 0, len(b), limits.context)
        if not cuts:  # nothing is unique anywhere: no use searching the whole again
            refine = False
    # rapidfuzz sets a common prefix and suffix aside before aligning the rest; so does this, or a
    # window starting near the end would match early what the exact alignment matches as suffix
    prefix, suffix = _common_affix(a, b)
    core = (len(a) - suffix, len(b) - suffix)
    if prefix:
        yield ("equal", 0, prefix, 0, prefix)
    inner = ((ci, cj) for ci, cj in cuts if prefix < ci < core[0] and prefix < cj < core[1])
    yield from _merged(_walk(a, b, inner, limits, refine, prefix, core))
    if suffix:
        yield ("equal", core[0], len(a), core[1], len(b))


def _common_affix(a: Sequence, b: Sequence) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix of what follows it."""
    def agree(n: int, tail: bool) -> bool:
        return a[len(a) - n:] == b[len(b) - n:] if tail else a[:n] == b[:n]

    lengths = []
    for tail in (False, True):
        room = min(len(a), len(b)) - (lengths[0] if lengths else 0)
        lo, hi = 0, room  # binary search on the longest length that agrees
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if agree(mid, tail):
                lo = mid
            else:
                hi = mid - 1
        lengths.append(lo)
    return lengths[0], lengths[1]


def _merged(ops: Iterable[Op]) -> Iterator[Op]:
    """Adjacent operations of the same kind become one, as rapidfuzz groups them."""
    held: Op | None = None
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if held is not None and held[0] == op[0] and held[2] == op[1] and held[4] == op[3]:
            held = (held[0], held[1], op[2], held[3], op[4])
            continue
        if held is not None:
            yield held
        held = op
    if held is not None:
        yield held


_Target = tuple[int, int, int, bool]  # reference and hypothesis position, depth, searched for unique items


class _Targets:
    """The cuts `_walk` aligns to, in order: those pushed back first (the last pushed is next), then
    the selected cuts, then the end of the stretch; None after that."""

    def __init__(self, selected: Iterator[tuple[int, int]], end: tuple[int, int]):
        self.queue: list[_Target] = []
        self.selected = selected
        self.end = end
        self.ended = False

    def push(self, target: _Target) -> None:
        self.queue.append(target)

    def next(self) -> _Target | None:
        if self.queue:
            return self.queue.pop()
        found = next(self.selected, None)
        if found is not None:
            return (found[0], found[1], 0, False)
        if self.ended:
            return None
        self.ended = True
        return (self.end[0], self.end[1], 0, False)


def _walk(a, b, cuts: Iterator[tuple[int, int]], limits: Limits, refine: bool, start: int,
          end: tuple[int, int]) -> Iterator[Op]:
    """Align a[start:end[0]] with b[start:end[1]] from cut to cut.

    The stretch up to each cut is aligned together with what follows it (up to the next cut, or
    half a span on) and its path kept up to the cut. So the path into the cut is traced from beyond
    it, as the exact alignment traces it from the far end, and not forced along the identical
    items before the cut (rapidfuzz matches a common suffix first, which can place a doubled word's
    insertion on the other copy). A stretch too long for one alignment is first searched for items
    unique within it (when no cuts were given), then aligned through sliding windows.
    """
    i_end, j_end = end
    big = limits.span * limits.span
    half = max(1, limits.span // 2)
    targets = _Targets(select_cuts(cuts, start, i_end, start, j_end, half * half), end)
    i = j = start
    target = targets.next()
    while target is not None:
        ti, tj, depth, searched = target
        final = ti == i_end and tj == j_end
        if not final and (ti <= i or tj <= j):  # already passed
            target = targets.next()
            continue
        if (ti - i) * (tj - j) <= big:
            if final:
                yield from exact(a[i:i_end], b[j:j_end], i, j)
                return
            following = targets.next()
            if following is not None:
                targets.push(following)
            ops, reached = _through_cut(a, b, (i, j), (ti, tj), following, end, half, big)
            yield from _clipped(ops, reached)
            i, j = reached
            target = targets.next()
            continue
        if refine and not searched and depth < limits.depth:
            targets.push((ti, tj, depth, True))
            inner = anchors(a, b, i, ti, j, tj, limits.context)
            for ci, cj in reversed(list(select_cuts(iter(inner), i, ti, j, tj, half * half))):
                targets.push((ci, cj, depth + 1, False))
            target = targets.next()
            continue
        ops, reached = _window_toward(a, b, (i, j), (ti, tj), end, limits.window)
        yield from _clipped(ops, reached)
        i, j = reached


def _through_cut(a, b, here: tuple[int, int], cut: tuple[int, int], following: _Target | None,
                 end: tuple[int, int], half: int, big: int) -> tuple[list[Op], tuple[int, int]]:
    """The alignment from `here` to a cut within reach, made together with what follows the cut (up
    to the following target when that is within reach too, else half a span on), and where its path
    crosses the cut."""
    (i, j), (ti, tj), (i_end, j_end) = here, cut, end
    if following is not None and (following[0] - i) * (following[1] - j) <= big:
        ei, ej = following[0], following[1]
    else:
        ei, ej = min(ti + half, i_end), min(tj + half, j_end)
    ops = exact(a[i:ei], b[j:ej], i, j)
    # if nothing differs between the cut and the end of the window, rapidfuzz took the whole
    # as a common suffix: look further, to a difference the path is traced back from
    while (ei < i_end or ej < j_end) and _last_edit_before(ops, ti, tj) \
            and (ei - i + half) * (ej - j + half) <= 4 * big:
        ei, ej = min(ei + half, i_end), min(ej + half, j_end)
        ops = exact(a[i:ei], b[j:ej], i, j)
    return ops, _crossing(ops, ti, tj)


def _window_toward(a, b, here: tuple[int, int], target: tuple[int, int], end: tuple[int, int],
                   window: int) -> tuple[list[Op], tuple[int, int]]:
    """No cut within reach: a window of about `window` squared cells, shaped like the stretch left to
    the target so that it heads for it, its path kept to its middle."""
    (i, j), (ti, tj), (i_end, j_end) = here, target, end
    ratio = ((ti - i) / (tj - j)) ** 0.5
    wi = max(1, min(ti - i, round(window * ratio)))
    wj = max(1, min(tj - j, round(window / ratio)))
    ie, je = min(i + wi, i_end), min(j + wj, j_end)
    ops = exact(a[i:ie], b[j:je], i, j)
    stop_i = min(i + wi // 2, ti) if ie < i_end else ti
    stop_j = min(j + wj // 2, tj) if je < j_end else tj
    reached = _crossing(ops, max(stop_i, i + 1), max(stop_j, j + 1))
    reached = _identical_after(ops, reached, min(i + 3 * wi // 4, ti), min(j + 3 * wj // 4, tj))
    return ops, reached


def _crossing(ops: list[Op], stop_i: int, stop_j: int) -> tuple[int, int]:
    """The first point of the path reaching stop_i on the reference side or stop_j on the other;
    the end of the path if it reaches neither."""
    for tag, oi1, oi2, oj1, oj2 in ops:
        if oi2 < stop_i and oj2 < stop_j:
            continue
        steps = []
        if oi2 > oi1:
            steps.append(stop_i - oi1)
        if oj2 > oj1:
            steps.append(stop_j - oj1)
        step = max(0, min(steps, default=0))
        return oi1 + (step if oi2 > oi1 else 0), oj1 + (step if oj2 > oj1 else 0)
    return (ops[-1][2], ops[-1][4]) if ops else (0, 0)


def _last_edit_before(ops: list[Op], ti: int, tj: int) -> bool:
    """Whether the path has no edit at or after the point (ti, tj)."""
    for tag, oi1, oi2, oj1, oj2 in reversed(ops):
        if tag != "equal":
            return oi2 < ti or oj2 < tj
    return True


def _clipped(ops: list[Op], point: tuple[int, int]) -> Iterator[Op]:
    """The part of the path before `point`, a point on it."""
    for tag, oi1, oi2, oj1, oj2 in ops:
        if oi1 >= point[0] and oj1 >= point[1]:
            break
        yield tag, oi1, min(oi2, point[0]), oj1, min(oj2, point[1])


def _identical_after(ops: list[Op], point: tuple[int, int], far_i: int, far_j: int) -> tuple[int, int]:
    """`point` if it is inside an identical stretch; else the middle of the next identical stretch
    starting before far_i and far_j, if any: a better place to start the next window."""
    for tag, oi1, oi2, oj1, oj2 in ops:
        if oi2 < point[0] or oj2 < point[1] or (oi2 == point[0] and oj2 == point[1]):
            continue
        if oi1 >= far_i or oj1 >= far_j:
            break
        if tag == "equal":
            if oi1 <= point[0] and oj1 <= point[1]:
                return point
            return oi1 + (oi2 - oi1) // 2, oj1 + (oi2 - oi1) // 2
    return point


# --- words ---------------------------------------------------------------------------------------


class Keys:
    """One key per distinct item (a word), the same across every sequence it is used for."""

    # keys are code points, skipping the surrogates, so that a sequence of them can be a str
    _FIT = 0x110000 - 0x800

    def __init__(self) -> None:
        self._codes: dict = {}

    def code(self, item) -> int:
        found = self._codes.get(item)
        if found is None:
            n = len(self._codes)
            found = self._codes[item] = n if n < 0xD800 else n + 0x800
        return found

    def sequence(self, codes: array) -> Sequence:
        """The codes as a str, one code point each, while every key fits; else the array itself."""
        if len(self._codes) > self._FIT:
            return codes
        return array("I", codes).tobytes().decode("utf-32-le")


def keys(*sequences: Sequence[str]) -> list[Sequence]:
    """Each sequence of words as one key per word, equal words having equal keys."""
    maker = Keys()
    codes = [array("L", map(maker.code, words)) for words in sequences]
    return [maker.sequence(c) for c in codes]


def align_words(reference: Sequence[str], hypothesis: Sequence[str]) -> list[int | None]:
    """For each reference word, the index of the hypothesis word aligned to it, or None if deleted."""
    aligned: list[int | None] = [None] * len(reference)
    ref, hyp = keys(reference, hypothesis)
    for tag, i1, i2, j1, j2 in opcodes(ref, hyp):
        if tag in ("equal", "replace"):
            for k in range(i2 - i1):
                if j1 + k < j2:
                    aligned[i1 + k] = j1 + k
    return aligned


def hypothesis_word_status(reference: Sequence[str], hypothesis: Sequence[str]) -> list[bool]:
    """For each hypothesis word, whether it equals the reference word it is aligned to."""
    right = [False] * len(hypothesis)
    for ref_index, hyp_index in enumerate(align_words(reference, hypothesis)):
        if hyp_index is not None and reference[ref_index] == hypothesis[hyp_index]:
            right[hyp_index] = True
    return right


def reference_word_status(reference: Sequence[str], hypothesis: Sequence[str]) -> list[bool]:
    """For each reference word, whether the hypothesis word aligned to it is identical."""
    return [
        hyp_index is not None and reference[ref_index] == hypothesis[hyp_index]
        for ref_index, hyp_index in enumerate(align_words(reference, hypothesis))
    ]
