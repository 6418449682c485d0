"""Find dictionary words the OCR could have misread as a given string.

The search walks the word-form automaton of the morphological dictionary (pymorphy3's DAWG, about
5 million forms) along the printed string, trying at each letter the true letters the confusion
model says OCR misreads as it, dropping specks and restoring dropped letters, and keeping only
prefixes the dictionary actually has. Paths are expanded cheapest first, so the search stops as
soon as every remaining path costs clearly more than the best words already found; the prefix
pruning is what makes several confusions per word affordable.
"""

from __future__ import annotations

import heapq
from functools import lru_cache

from ocr_fix.confusion import (
    DEFAULT_SUBSTITUTION,
    DROPPED_CHARS,
    MULTI_PRINTED,
    SUBSTITUTIONS,
    noise_cost,
)

_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя-"
_LETTER_SET = frozenset(_LETTERS)


class FormSearch:
    """Candidate true words within a confusion-cost budget of a printed (lower-case) string."""

    def __init__(self, words_dawg):
        dictionary = words_dawg.dct
        follow_char = dictionary.follow_char
        guide = getattr(words_dawg, "guide", None)
        self._root = dictionary.ROOT
        end_marker = 1  # pymorphy3's word-form DAWG stores `word \x01 payload`

        def byte_children(index: int) -> list[tuple[int, int]]:
            """(label, child) of the transitions out of a node, read from the DAWG's guide."""
            out = []
            label = guide.child(index)
            while label:
                child = follow_char(label, index)
                if child is None:
                    break
                out.append((label, child))
                label = guide.sibling(child)
            return out

        @lru_cache(maxsize=300_000)
        def children(index: int) -> tuple[dict[str, int], bool]:
            """The letters that continue a prefix in the dictionary, and whether it is a whole word."""
            nxt: dict[str, int] = {}
            is_word = False
            for label, child in byte_children(index):
                if label == end_marker:
                    is_word = True
                elif label == 0x2D:
                    nxt["-"] = child
                elif label in (0xD0, 0xD1):  # the two lead bytes of Cyrillic letters in UTF-8
                    for second, grandchild in byte_children(child):
                        letter = bytes((label, second)).decode("utf-8", "ignore")
                        if letter in _LETTER_SET:
                            nxt[letter] = grandchild
            return nxt, is_word

        self._children = children

    def near(self, printed: str, budget: float, margin: float = 0.6, max_results: int = 12,
             max_states: int = 6000) -> dict[str, float]:
        """Dictionary words whose cost of being misread as `printed` is within `budget`.

        Stops once every open path costs more than the best word found plus `margin`, after
        `max_results` words, or after `max_states` expansions (a bound on time for hopeless strings).
        """
        children = self._children
        n = len(printed)
        results: dict[str, float] = {}
        best = None
        heap: list[tuple[float, int, int, int, str, int, int]] = [(0.0, 0, 0, self._root, "", 1, 1)]
        settled: set[tuple[int, str]] = set()
        counter = 1
        expansions = 0
        while heap:
            cost, _, pos, index, prefix, generic_left, inserts_left = heapq.heappop(heap)
            if best is not None and cost > best + margin:
                break
            key = (pos, prefix)
            if key in settled:
                continue
            settled.add(key)
            expansions += 1
            if expansions > max_states:
                break
            nxt, is_word = children(index)
            if pos == n:
                if is_word and prefix not in results:
                    results[prefix] = cost
                    if best is None:
                        best = cost
                    if len(results) >= max_results:
                        break
            pushes = []
            if pos < n:
                ch = printed[pos]
                child = nxt.get(ch)
                if child is not None:
                    pushes.append((cost, pos + 1, child, prefix + ch, generic_left, inserts_left))
                subs = SUBSTITUTIONS.get(ch, {})
                for true, c in subs.items():
                    child = nxt.get(true)
                    if child is not None and cost + c <= budget:
                        pushes.append((cost + c, pos + 1, child, prefix + true, generic_left, inserts_left))
                if pos + 1 < n:
                    for true, c in MULTI_PRINTED.get(printed[pos : pos + 2], ()):
                        if cost + c > budget:
                            continue
                        target = index
                        for true_ch in true:
                            target = children(target)[0].get(true_ch)
                            if target is None:
                                break
                        if target is not None:
                            pushes.append((cost + c, pos + 2, target, prefix + true, generic_left, inserts_left))
                c = noise_cost(ch)
                if cost + c <= budget:
                    pushes.append((cost + c, pos + 1, index, prefix, generic_left, inserts_left))
                if generic_left and cost + DEFAULT_SUBSTITUTION <= budget:
                    for true, child in nxt.items():
                        if true != ch and true not in subs:
                            pushes.append((cost + DEFAULT_SUBSTITUTION, pos + 1, child, prefix + true,
                                           generic_left - 1, inserts_left))
            if inserts_left and prefix:
                for true, child in nxt.items():
                    c = DROPPED_CHARS.get(true, DEFAULT_SUBSTITUTION)
                    if cost + c <= budget:
                        pushes.append((cost + c, pos, child, prefix + true, generic_left, inserts_left - 1))
            for item in pushes:
                if (item[1], item[3]) not in settled:
                    heapq.heappush(heap, (item[0], counter) + item[1:])
                    counter += 1
        return results
