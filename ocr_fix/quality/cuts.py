"""Where a long alignment can be cut: pairs of positions with identical items around them, and a
selection of them far enough apart to keep each stretch between two within a budget of cells.
(ocr_fix.quality.align describes how the cuts are used.)"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence


def anchors(a: Sequence, b: Sequence, i0: int, i1: int, j0: int, j1: int, context: int) -> list[tuple[int, int]]:
    """Cuts before items that occur once in a[i0:i1] and once in b[j0:j1], in an order both agree
    on, where `context` items on each side are identical."""
    sa, sb = a[i0:i1], b[j0:j1]
    count_a, count_b = Counter(sa), Counter(sb)
    at_b = {x: j for j, x in enumerate(sb) if count_b[x] == 1 and count_a.get(x) == 1}
    pairs = [(i, at_b[x]) for i, x in enumerate(sa) if x in at_b]
    found = []
    for i, j in _increasing(pairs):
        i, j = i + i0, j + j0
        if i - context >= i0 and j - context >= j0 and i + context <= i1 and j + context <= j1 \
                and a[i - context:i + context] == b[j - context:j + context]:
            found.append((i, j))
    return found


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in the second coordinate (the first already increases)."""
    tails: list[int] = []  # smallest second coordinate ending a chain of each length
    ends: list[int] = []  # index in pairs of that chain's last pair
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[at] = j
            ends[at] = k
        back[k] = ends[at - 1] if at else -1
    chain = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def select_cuts(cuts: Iterator[tuple[int, int]], i: int, i_end: int, j: int, j_end: int,
                budget: int) -> Iterator[tuple[int, int]]:
    """From candidate cuts, the furthest one within `budget` cells of the previous one, and so on;
    where none is, the next one."""
    best: tuple[int, int] | None = None
    for ci, cj in cuts:
        if ci <= i or cj <= j or ci >= i_end or cj >= j_end:
            continue
        if (ci - i) * (cj - j) <= budget:
            best = (ci, cj)
            continue
        if best is not None:
            yield best
            i, j = best
            best = None
            if (ci - i) * (cj - j) <= budget:
                best = (ci, cj)
                continue
        yield ci, cj
        i, j = ci, cj
    if best is not None and (i_end - i) * (j_end - j) > budget:
        yield best
