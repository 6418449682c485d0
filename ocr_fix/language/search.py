"""Find dictionary words the OCR could have misread as a given string.

The search walks the word-form automaton of the morphological dictionary (pymorphy3's DAWG, about
5 million forms) along the printed string, trying at each letter the true letters the confusion
model says OCR misreads as it, dropping specks and restoring dropped letters, and keeping only
prefixes the dictionary actually has. Paths are expanded cheapest first, so the search stops as
soon as every remaining path costs clearly more than the best words already found; the prefix
pruning is what makes several confusions per word affordable.

The walk is written here in Python, and again in `search_kernel.pyx`, compiled when ocr-fix is
installed on a machine with a C++ compiler: a million-word text needs tens of thousands of walks,
and the compiled one is about ten times faster. Both visit the same paths in the same order and find
the same words (tests/test_search.py); the Python one runs where the compiled one is missing.
"""

from __future__ import annotations

import heapq

from ocr_fix.confusion import (
    DEFAULT_SUBSTITUTION,
    DROPPED_CHARS,
    MULTI_PRINTED,
    SUBSTITUTIONS,
    noise_cost,
)
from ocr_fix.native import compiled
from ocr_fix.resources import cached

_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя-"
_LETTER_OF_BYTES = {tuple(letter.encode("utf-8")): letter for letter in _LETTERS if len(letter.encode("utf-8")) == 2}
# dawg_python's unit layout (dawg_python/units.py)
_PRECISION_MASK = 0xFFFFFFFF
_EXTENSION_BIT = 1 << 9
_LABEL_MASK = (1 << 31) | 0xFF


class _Skip:
    """The letters a generic substitution leaves to the cheaper moves: the printed letter itself and
    the letters the confusion model already reads it as."""

    __slots__ = ("printed", "known")

    def __init__(self, printed: str, known: dict[str, float]):
        self.printed, self.known = printed, known

    def __contains__(self, letter: str) -> bool:
        return letter == self.printed or letter in self.known


_kernel = compiled("language.search_kernel")
DictionaryWalk = _kernel.DictionaryWalk if _kernel is not None else None  # else the Python walk below

_LETTER_ID = {letter: i for i, letter in enumerate(_LETTERS)}


class FormSearch:
    """Candidate true words within a confusion-cost budget of a printed (lower-case) string."""

    def __init__(self, words_dawg, compiled: bool = True):
        dictionary = words_dawg.dct
        self._kernel = None
        if compiled and DictionaryWalk is not None:
            self._kernel = DictionaryWalk(dictionary._units, words_dawg.guide._units, dictionary.ROOT,
                                          [DROPPED_CHARS.get(letter, DEFAULT_SUBSTITUTION) for letter in _LETTERS])
        self._root = dictionary.ROOT
        end_marker = 1  # pymorphy3's word-form DAWG stores `word \x01 payload`
        # The automaton's raw arrays, read directly: a new word's search visits thousands of nodes,
        # and dawg_python's per-transition method calls were most of its cost.
        units = dictionary._units  # base units: offset to the children, label of the node
        guide = words_dawg.guide._units  # per node: label of its first child, label of its next sibling

        def byte_children(index: int) -> list[tuple[int, int]]:
            """(label, child) of the transitions out of a node, read from the DAWG's guide."""
            out = []
            label = guide[index * 2]
            if not label:
                return out
            base = units[index]
            offset = ((base >> 10) << ((base & _EXTENSION_BIT) >> 6)) & _PRECISION_MASK
            while label:
                child = (index ^ offset ^ label) & _PRECISION_MASK
                if units[child] & _LABEL_MASK != label:
                    break
                out.append((label, child))
                label = guide[child * 2 + 1]
            return out

        @cached("search.children")
        def children(index: int) -> tuple[dict[str, int], bool, tuple, tuple]:
            """The letters that continue a prefix in the dictionary, and whether it is a whole word;
            also those letters as pairs (letter, child), and grouped by the cost of restoring them."""
            nxt: dict[str, int] = {}
            is_word = False
            for label, child in byte_children(index):
                if label == end_marker:
                    is_word = True
                elif label == 0x2D:
                    nxt["-"] = child
                elif label in (0xD0, 0xD1):  # the two lead bytes of Cyrillic letters in UTF-8
                    for second, grandchild in byte_children(child):
                        letter = _LETTER_OF_BYTES.get((label, second))
                        if letter is not None:
                            nxt[letter] = grandchild
            letters = tuple(nxt.items())
            restored: dict[float, list[tuple[str, int]]] = {}
            for letter, child in letters:
                restored.setdefault(DROPPED_CHARS.get(letter, DEFAULT_SUBSTITUTION), []).append((letter, child))
            return nxt, is_word, letters, tuple((cost, tuple(group)) for cost, group in restored.items())

        self._children = children

    def near(self, printed: str, budget: float, margin: float = 0.6, max_results: int = 12,
             max_states: int = 6000) -> dict[str, float]:
        """Dictionary words whose cost of being misread as `printed` is within `budget`.

        Stops once every open path costs more than the best word found plus `margin`, after
        `max_results` words, or after `max_states` expansions (a bound on time for hopeless strings).
        """
        if self._kernel is not None and len(printed) < 60_000:
            return self._kernel.near(len(printed), *_kernel_tables(printed), budget, DEFAULT_SUBSTITUTION, margin,
                                     max_results, max_states, _LETTERS)
        children = self._children
        n = len(printed)
        results: dict[str, float] = {}
        best = None
        # An entry is (cost, order, pos, node, prefix, generic_left, inserts_left, letters). The
        # dozens of paths that read any letter at a cost (a generic substitution, a restored letter)
        # wait in the heap as one entry with their `letters`, and are spread out only when reached:
        # most never are. Each keeps the order number it would have had alone, so the search visits
        # paths in exactly the same order as if each had its own entry.
        heap: list[tuple] = [(0.0, 0, 0, self._root, "", 1, 1, None)]
        settled: set[tuple[int, str]] = set()
        counter = 1
        expansions = 0
        push, pop = heapq.heappush, heapq.heappop
        # What each printed letter allows, looked up once rather than at every visit of its position:
        # its confusions, the letters its multi-letter misreadings stand for, the cost of it being
        # noise, and the letters a generic substitution leaves to the cheaper moves.
        subs_at = [tuple(SUBSTITUTIONS.get(ch, {}).items()) for ch in printed]
        multi_at = [MULTI_PRINTED.get(printed[pos : pos + 2], ()) if pos + 1 < n else () for pos in range(n)]
        noise_at = [noise_cost(ch) for ch in printed]
        skip_at = [_Skip(ch, SUBSTITUTIONS.get(ch, {})) for ch in printed]
        generic = DEFAULT_SUBSTITUTION
        while heap:
            cost, order, pos, index, prefix, generic_left, inserts_left, letters = pop(heap)
            if best is not None and cost > best + margin:
                break
            if letters is not None:
                pairs, skip = letters
                for k, (true, child) in enumerate(pairs, 1):
                    if true not in skip and (pos, prefix + true) not in settled:
                        push(heap, (cost, order + k, pos, child, prefix + true, generic_left, inserts_left, None))
                continue
            key = (pos, prefix)
            if key in settled:
                continue
            settled.add(key)
            expansions += 1
            if expansions > max_states:
                break
            nxt, is_word, pairs, restore_groups = children(index)
            if pos == n:
                if is_word and prefix not in results:
                    results[prefix] = cost
                    if best is None:
                        best = cost
                    if len(results) >= max_results:
                        break
            # Moves are pushed in a fixed order, each numbered as it goes (a bundle of letters
            # reserves a number for each), so ties in cost are broken the same way every time.
            if pos < n:
                ch = printed[pos]
                after = pos + 1
                child = nxt.get(ch)
                if child is not None and (after, prefix + ch) not in settled:
                    push(heap, (cost, counter, after, child, prefix + ch, generic_left, inserts_left, None))
                    counter += 1
                for true, c in subs_at[pos]:
                    child = nxt.get(true)
                    if child is not None and cost + c <= budget and (after, prefix + true) not in settled:
                        push(heap, (cost + c, counter, after, child, prefix + true, generic_left, inserts_left, None))
                        counter += 1
                for true, c in multi_at[pos]:
                    if cost + c > budget:
                        continue
                    target = index
                    for true_ch in true:
                        target = children(target)[0].get(true_ch)
                        if target is None:
                            break
                    if target is not None and (pos + 2, prefix + true) not in settled:
                        push(heap, (cost + c, counter, pos + 2, target, prefix + true, generic_left, inserts_left, None))
                        counter += 1
                c = noise_at[pos]
                if cost + c <= budget and (after, prefix) not in settled:
                    push(heap, (cost + c, counter, after, index, prefix, generic_left, inserts_left, None))
                    counter += 1
                if generic_left and cost + generic <= budget and pairs:
                    push(heap, (cost + generic, counter, after, None, prefix, generic_left - 1, inserts_left,
                                (pairs, skip_at[pos])))
                    counter += len(pairs) + 1
            if inserts_left and prefix:
                for c, group in restore_groups:
                    if cost + c <= budget:
                        push(heap, (cost + c, counter, pos, None, prefix, generic_left, inserts_left - 1, (group, ())))
                        counter += len(group) + 1
        return results


@cached("search.printed_letter")
def _printed_letter(ch: str) -> tuple[int, tuple[tuple[int, float], ...], float, int]:
    """What one printed character allows, for the compiled walk: its letter (-1 if none of the
    alphabet), its confusions as (letter, cost), the cost of it being noise, and the letters a
    generic substitution leaves to the cheaper moves, as a bit mask."""
    known = SUBSTITUTIONS.get(ch, {})
    confusions = tuple((_LETTER_ID[true], cost) for true, cost in known.items() if true in _LETTER_ID)
    skip = 0
    for letter in (ch, *known):
        if letter in _LETTER_ID:
            skip |= 1 << _LETTER_ID[letter]
    return _LETTER_ID.get(ch, -1), confusions, noise_cost(ch), skip


def _kernel_tables(printed: str) -> tuple[list, list, list, list, list]:
    """The per-position tables `DictionaryWalk.near` takes, as the Python walk builds them."""
    letters = [_printed_letter(ch) for ch in printed]
    multi = []
    for pos in range(len(printed)):
        readings = MULTI_PRINTED.get(printed[pos : pos + 2], ()) if pos + 1 < len(printed) else ()
        # a reading with a letter outside the alphabet never continues a prefix, as in the Python walk
        multi.append([(tuple(_LETTER_ID[ch] for ch in true), cost) for true, cost in readings
                      if all(ch in _LETTER_ID for ch in true)])
    return ([x[0] for x in letters], [x[1] for x in letters], multi, [x[2] for x in letters],
            [x[3] for x in letters])
