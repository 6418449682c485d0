"""Find dictionary words the OCR could have misread as a given string.

The search walks the word-form automaton of the morphological dictionary (pymorphy3's DAWG, about
5 million forms) along the printed string, trying at each letter the true letters the confusion
model says OCR misreads as it, dropping specks and restoring dropped letters, and keeping only
prefixes the dictionary actually has. Paths are expanded cheapest first, so the search stops as
soon as every remaining path costs clearly more than the best words already found; the prefix
pruning is what makes several confusions per word affordable.

The walk is written here in Python (`PythonWalk`), and again in `search_kernel.pyx`, compiled when
ocr-fix is installed on a machine with a C++ compiler (`CompiledWalk`): a million-word text needs tens
of thousands of walks, and the compiled one is about ten times faster. Both visit the same paths in
the same order and find the same words (tests/test_search.py); `FormSearch` is the one this
installation runs.
"""

from __future__ import annotations

import heapq
from functools import partial
from typing import Protocol

from ocr_fix.confusion import TABLES, ConfusionTables
from ocr_fix.native import twin
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


_LETTER_ID = {letter: i for i, letter in enumerate(_LETTERS)}


class WordSearch(Protocol):
    """Candidate true words within a confusion-cost budget of a printed (lower-case) string: `PythonWalk`
    or its compiled twin `CompiledWalk`, made from the word-form automaton, with the same results."""

    def near(self, printed: str, budget: float, margin: float = 0.6, max_results: int = 12,
             max_states: int = 6000) -> dict[str, float]:
        """Dictionary words whose cost of being misread as `printed` is within `budget`.

        Stops once every open path costs more than the best word found plus `margin`, after
        `max_results` words, or after `max_states` expansions (a bound on time for hopeless strings).
        """


class PythonWalk:
    """`WordSearch` in Python."""

    def __init__(self, words_dawg, tables: ConfusionTables = TABLES):
        dictionary = words_dawg.dct
        self._tables = tables
        self._root = dictionary.ROOT
        end_marker = 1  # pymorphy3's word-form DAWG stores `word \x01 payload`
        # The automaton's raw arrays, read directly: a new word's search visits thousands of nodes,
        # and dawg_python's per-transition method calls were most of its cost.
        units = dictionary._units  # base units: offset to the children, label of the node
        guide = words_dawg.guide._units  # per node: label of its first child, label of its next sibling
        restore_cost = _restore_costs(tables)

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
                restored.setdefault(restore_cost[_LETTER_ID[letter]], []).append((letter, child))
            return nxt, is_word, letters, tuple((cost, tuple(group)) for cost, group in restored.items())

        self._children = children

    def near(self, printed: str, budget: float, margin: float = 0.6, max_results: int = 12,
             max_states: int = 6000) -> dict[str, float]:
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
        pop, read_on = heapq.heappop, self._read_on
        at = self._positions(printed)
        while heap:
            entry = pop(heap)
            cost, _order, pos, index, prefix, _generic_left, inserts_left, letters = entry
            if best is not None and cost > best + margin:
                break
            if letters is not None:
                _spread(heap, entry, settled)
                continue
            key = (pos, prefix)
            if key in settled:
                continue
            settled.add(key)
            expansions += 1
            if expansions > max_states:
                break
            nxt, is_word, pairs, restore_groups = children(index)
            if pos == n and is_word and prefix not in results:
                results[prefix] = cost
                if best is None:
                    best = cost
                if len(results) >= max_results:
                    break
            if pos < n:
                counter = read_on(heap, entry, printed, at, nxt, pairs, settled, counter, budget)
            if inserts_left and prefix:
                counter = _restore(heap, entry, restore_groups, counter, budget)
        return results

    def _positions(self, printed: str) -> tuple[list, list, list, list]:
        """What each printed letter allows, looked up once rather than at every visit of its position:
        its confusions, the letters its multi-letter misreadings stand for, the cost of it being noise,
        and the letters a generic substitution leaves to the cheaper moves."""
        tables = self._tables
        n = len(printed)
        subs_at = [tuple(tables.substitutions.get(ch, {}).items()) for ch in printed]
        multi_at = [tables.multi.get(printed[pos : pos + 2], ()) if pos + 1 < n else () for pos in range(n)]
        noise_at = [tables.noise.get(ch, tables.default_indel) for ch in printed]
        skip_at = [_Skip(ch, tables.substitutions.get(ch, {})) for ch in printed]
        return subs_at, multi_at, noise_at, skip_at

    def _read_on(self, heap: list, entry: tuple, printed: str, at: tuple, nxt: dict[str, int], pairs: tuple,
                 settled: set, counter: int, budget: float) -> int:
        """Push the moves that read the printed letter at the entry's position, each numbered as it
        goes (a bundle of letters reserves a number for each), so ties in cost are broken the same
        way every time; the next free number."""
        cost, _order, pos, index, prefix, generic_left, inserts_left, _letters = entry
        subs_at, multi_at, noise_at, skip_at = at
        push = heapq.heappush
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
                target = self._children(target)[0].get(true_ch)
                if target is None:
                    break
            if target is not None and (pos + 2, prefix + true) not in settled:
                push(heap, (cost + c, counter, pos + 2, target, prefix + true, generic_left, inserts_left, None))
                counter += 1
        c = noise_at[pos]
        if cost + c <= budget and (after, prefix) not in settled:
            push(heap, (cost + c, counter, after, index, prefix, generic_left, inserts_left, None))
            counter += 1
        generic = self._tables.default_substitution
        if generic_left and cost + generic <= budget and pairs:
            push(heap, (cost + generic, counter, after, None, prefix, generic_left - 1, inserts_left,
                        (pairs, skip_at[pos])))
            counter += len(pairs) + 1
        return counter


def _spread(heap: list, entry: tuple, settled: set) -> None:
    """Spread a bundle of letters out: each letter gets the order number it would have had alone."""
    cost, order, pos, _index, prefix, generic_left, inserts_left, (pairs, skip) = entry
    for k, (true, child) in enumerate(pairs, 1):
        if true not in skip and (pos, prefix + true) not in settled:
            heapq.heappush(heap, (cost, order + k, pos, child, prefix + true, generic_left, inserts_left, None))


def _restore(heap: list, entry: tuple, restore_groups: tuple, counter: int, budget: float) -> int:
    """Push the bundles of letters that may be restored before the entry's position, one a cost; the
    next free order number."""
    cost, _order, pos, _index, prefix, generic_left, inserts_left, _letters = entry
    for c, group in restore_groups:
        if cost + c <= budget:
            heapq.heappush(heap, (cost + c, counter, pos, None, prefix, generic_left, inserts_left - 1, (group, ())))
            counter += len(group) + 1
    return counter


def _restore_costs(tables: ConfusionTables) -> list[float]:
    """The cost of restoring each letter of the alphabet, in `_LETTERS` order (`confusion.dropped_cost`)."""
    return [tables.dropped.get(letter, tables.default_indel) for letter in _LETTERS]


# the compiled walk keys a position of the printed string in 16 bits
_COMPILED_POSITIONS = 60_000


class CompiledWalk:
    """`WordSearch`, compiled (`search_kernel.DictionaryWalk`), over the same automaton and tables."""

    def __init__(self, kernel, words_dawg, tables: ConfusionTables = TABLES):
        dictionary = words_dawg.dct
        self._walk = kernel.DictionaryWalk(dictionary._units, words_dawg.guide._units, dictionary.ROOT,
                                           _restore_costs(tables))
        self._tables = tables
        self._letter = cached("search.printed_letter")(self._printed_letter)
        self._longer = partial(PythonWalk, words_dawg, tables)  # made only for a string too long to key

    def near(self, printed: str, budget: float, margin: float = 0.6, max_results: int = 12,
             max_states: int = 6000) -> dict[str, float]:
        if len(printed) >= _COMPILED_POSITIONS:
            return self._longer().near(printed, budget, margin, max_results, max_states)
        return self._walk.near(len(printed), *self._positions(printed), budget, self._tables.default_substitution,
                               margin, max_results, max_states, _LETTERS)

    def _printed_letter(self, ch: str) -> tuple[int, tuple[tuple[int, float], ...], float, int]:
        """What one printed character allows: its letter (-1 if none of the alphabet), its confusions
        as (letter, cost), the cost of it being noise, and the letters a generic substitution leaves
        to the cheaper moves, as a bit mask."""
        known = self._tables.substitutions.get(ch, {})
        confusions = tuple((_LETTER_ID[true], cost) for true, cost in known.items() if true in _LETTER_ID)
        skip = 0
        for letter in (ch, *known):
            if letter in _LETTER_ID:
                skip |= 1 << _LETTER_ID[letter]
        return _LETTER_ID.get(ch, -1), confusions, self._tables.noise.get(ch, self._tables.default_indel), skip

    def _positions(self, printed: str) -> tuple[list, list, list, list, list]:
        """The per-position tables `search_kernel.DictionaryWalk.near` takes, as the Python walk
        builds them."""
        letters = [self._letter(ch) for ch in printed]
        multi = []
        for pos in range(len(printed)):
            readings = self._tables.multi.get(printed[pos : pos + 2], ()) if pos + 1 < len(printed) else ()
            # a reading with a letter outside the alphabet never continues a prefix, as in the Python walk
            multi.append([(tuple(_LETTER_ID[ch] for ch in true), cost) for true, cost in readings
                          if all(ch in _LETTER_ID for ch in true)])
        return ([x[0] for x in letters], [x[1] for x in letters], multi, [x[2] for x in letters],
                [x[3] for x in letters])


# the walk this installation runs: FormSearch(word-form automaton) is a `WordSearch`
FormSearch = twin("language.search_kernel", PythonWalk, lambda kernel: partial(CompiledWalk, kernel))
