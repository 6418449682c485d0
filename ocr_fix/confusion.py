"""The OCR confusion model of Cyrillic typewritten text: how likely OCR misreads one letter as another.

Costs are in edit units: 1.0 is an arbitrary edit, lower means a misreading OCR makes often. The
tiers follow the shapes of typewriter glyphs (vertical strokes and bowls) and were checked against
character alignments of Tesseract 5 output on worn carbon copies; they are not tied to any word.

A pair is written (true letter, what OCR printed). Candidate search walks from the OCR text to the
true word, so it looks pairs up by the printed side.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple, Protocol

import regex
from rapidfuzz.distance import Levenshtein

from ocr_fix.native import twin
from ocr_fix.resources import cached

# Misreadings OCR makes all the time on typewritten Cyrillic.
_FREQUENT = 0.3
# Misreadings seen regularly, mostly between letters of two or three vertical strokes.
_COMMON = 0.5
# Possible but unusual misreadings.
_OCCASIONAL = 0.75

_PAIRS: list[tuple[str, str, float, str]] = [
    # true, printed, cost, what it fixes
    ("в", "з", _FREQUENT, "the bowls of в read as з: `глазе` for `главе`"),
    ("з", "в", _COMMON, "the reverse: `взаимный` for `заимный`"),
    ("н", "и", _FREQUENT, "the bar of н lost: `Сиаи` style confusions, `стороиа` for `сторона`"),
    ("и", "н", _FREQUENT, "the diagonal of и read as a bar"),
    ("к", "х", _FREQUENT, "the arms of к crossed: `такхе`, `охазать`"),
    ("х", "к", _COMMON, "the reverse: `кер` for `хер`"),
    ("л", "п", _FREQUENT, "the hook of л flattened: `поспом` for `послом`"),
    ("п", "л", _COMMON, "the reverse: `лрошу` for `прошу`"),
    ("м", "н", _FREQUENT, "the middle of м filled in: `тен` for `тем`"),
    ("н", "м", _COMMON, "the reverse"),
    ("м", "и", _FREQUENT, "м printed thin: `иинистр` for `министр`"),
    ("и", "м", _COMMON, "the reverse"),
    ("о", "с", _FREQUENT, "an open о: `с порядке` for `о порядке`"),
    ("с", "о", _COMMON, "a closed с"),
    ("е", "с", _FREQUENT, "е without its bar: `сорвал` for `сервал`"),
    ("с", "е", _COMMON, "a bar on с"),
    ("а", "е", _FREQUENT, "а read as е: `обстеновку` for `обстановку`"),
    ("е", "а", _COMMON, "the reverse"),
    ("ж", "х", _FREQUENT, "the middle stroke of ж lost: `содерхание`"),
    ("ж", "к", _COMMON, "half of ж: `кдать` for `ждать`"),
    ("б", "в", _FREQUENT, "the top of б lost: `вой` for `бой`"),
    ("в", "б", _COMMON, "the reverse"),
    ("д", "л", _FREQUENT, "the foot of д lost: `деп` and `дед` for `дел` run the other way"),
    ("л", "д", _COMMON, "the reverse: `дел` misread"),
    ("ш", "щ", _FREQUENT, "the tail of щ added or lost"),
    ("щ", "ш", _FREQUENT, "the tail of щ lost: `помош` for `помощ`"),
    ("ь", "ъ", _COMMON, "soft and hard signs differ by one stroke"),
    ("ъ", "ь", _COMMON, "soft and hard signs differ by one stroke"),
    ("н", "ж", _COMMON, "н with ink spread: `мижистр` for `министр`"),
    ("н", "в", _COMMON, "н read as в"),
    ("н", "к", _COMMON, "н read as к: `кедостатки`"),
    ("н", "ш", _COMMON, "н with a stroke added"),
    ("н", "х", _COMMON, "н read as х: `ох` for `он`"),
    ("н", "з", _OCCASIONAL, "н read as з"),
    ("н", "щ", _OCCASIONAL, "н read as щ"),
    ("н", "я", _OCCASIONAL, "н read as я"),
    ("н", "л", _COMMON, "н read as л"),
    ("н", "п", _OCCASIONAL, "the bar of н read high, as п"),
    ("и", "я", _COMMON, "и read as я: `изя` for `мая` style"),
    ("и", "к", _COMMON, "и read as к: `к` for the conjunction `и`"),
    ("и", "ш", _COMMON, "и read as ш: `ш` for `и`"),
    ("и", "а", _OCCASIONAL, "и read as а"),
    ("и", "ж", _COMMON, "и read as ж"),
    ("и", "х", _OCCASIONAL, "и read as х"),
    ("и", "л", _COMMON, "и read as л"),
    ("и", "в", _OCCASIONAL, "и read as в: `в` for the conjunction `и`"),
    ("и", "ы", _COMMON, "и read as ы"),
    ("и", "й", _COMMON, "the breve of й: `сообщий` style"),
    ("й", "и", _COMMON, "the breve of й lost"),
    ("л", "я", _COMMON, "л read as я: `обещая` for `обещал`"),
    ("л", "х", _COMMON, "л read as х"),
    ("л", "и", _COMMON, "л read as и"),
    ("л", "н", _COMMON, "л read as н"),
    ("л", "в", _OCCASIONAL, "л read as в"),
    ("л", "й", _COMMON, "л read as й: `Посой` for `Посол`"),
    ("л", "а", _OCCASIONAL, "л read as а"),
    ("л", "ж", _OCCASIONAL, "л read as ж"),
    ("я", "а", _COMMON, "я read as а: `тысачи` for `тысячи`"),
    ("я", "и", _COMMON, "я read as и: `питью` for `пятью`"),
    ("я", "ж", _OCCASIONAL, "я read as ж"),
    ("я", "з", _OCCASIONAL, "я read as з"),
    ("ж", "и", _COMMON, "ж read as и"),
    ("ж", "ш", _OCCASIONAL, "ж read as ш"),
    ("ж", "н", _OCCASIONAL, "ж read as н"),
    ("а", "о", _COMMON, "а read as о"),
    ("о", "а", _OCCASIONAL, "о read as а"),
    ("а", "ь", _OCCASIONAL, "а read as ь"),
    ("а", "з", _OCCASIONAL, "а read as з"),
    ("е", "о", _COMMON, "е read as о"),
    ("о", "е", _OCCASIONAL, "о read as е"),
    ("е", "в", _OCCASIONAL, "е read as в"),
    ("э", "з", _COMMON, "э read as з: `Позтому` for `Поэтому`"),
    ("з", "э", _OCCASIONAL, "з read as э"),
    ("в", "э", _COMMON, "в read as э"),
    ("в", "р", _OCCASIONAL, "в read as р"),
    ("в", "е", _OCCASIONAL, "в read as е"),
    ("в", "ь", _OCCASIONAL, "в read as ь"),
    ("в", "г", _OCCASIONAL, "в read as г"),
    ("т", "х", _COMMON, "т read as х"),
    ("т", "г", _COMMON, "т read as г: `ПОДЛЕЖИГ` for `ПОДЛЕЖИТ`"),
    ("г", "т", _COMMON, "г read as т"),
    ("т", "ш", _OCCASIONAL, "т read as ш"),
    ("т", "п", _OCCASIONAL, "т read as п"),
    ("п", "г", _COMMON, "п read as г: `Постугипа` for `Поступила`"),
    ("р", "г", _COMMON, "р read as г: `министга` for `министра`"),
    ("г", "р", _OCCASIONAL, "г read as р"),
    ("п", "и", _COMMON, "п read as и"),
    ("п", "н", _COMMON, "п read as н"),
    ("п", "з", _OCCASIONAL, "п read as з"),
    ("м", "х", _OCCASIONAL, "м read as х"),
    ("м", "к", _OCCASIONAL, "м read as к"),
    ("м", "з", _OCCASIONAL, "м read as з"),
    ("м", "ч", _OCCASIONAL, "м read as ч"),
    ("м", "ш", _OCCASIONAL, "м read as ш"),
    ("ш", "м", _OCCASIONAL, "ш read as м"),
    ("ш", "и", _COMMON, "ш read as и"),
    ("ш", "з", _OCCASIONAL, "ш read as з"),
    ("ш", "в", _OCCASIONAL, "ш read as в"),
    ("ы", "и", _COMMON, "ы without its stroke"),
    ("ы", "м", _OCCASIONAL, "ы read as м"),
    ("ю", "е", _OCCASIONAL, "ю read as е"),
    ("ю", "и", _OCCASIONAL, "ю read as и"),
    ("ю", "р", _COMMON, "ю read as р"),
    ("ц", "д", _COMMON, "ц and д share the descender: `ЦО` for `ДЭ`"),
    ("д", "ц", _COMMON, "the reverse"),
    ("ц", "и", _COMMON, "ц without its tail: `ЦЗЭ-ДУИ` style"),
    ("ц", "п", _OCCASIONAL, "ц read as п"),
    ("ц", "щ", _OCCASIONAL, "ц read as щ"),
    ("ч", "у", _COMMON, "ч and у differ by a stroke"),
    ("у", "ч", _COMMON, "у read as ч"),
    ("б", "6", _FREQUENT, "б read as the digit 6: `06` for `об`"),
    ("б", "с", _OCCASIONAL, "б read as с"),
    ("о", "0", _FREQUENT, "о read as the digit 0"),
    ("з", "3", _FREQUENT, "з read as the digit 3"),
    ("э", "3", _COMMON, "э read as the digit 3"),
    ("в", "8", _COMMON, "в read as the digit 8"),
    ("ч", "4", _COMMON, "ч read as the digit 4"),
    ("и", "1", _OCCASIONAL, "a stroke of и read as 1"),
    ("т", "1", _OCCASIONAL, "т read as 1"),
    ("я", "9", _OCCASIONAL, "я read as 9"),
    ("е", "ё", 0.05, "typed documents rarely print ё; OCR sometimes invents the dots"),
]

# Latin look-alikes OCR prints for Cyrillic letters (and typists typed).
_LATIN = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к", "m": "м",
    "b": "в", "h": "н", "t": "т", "i": "і", "n": "п", "u": "и", "r": "г",
}

# Several printed characters standing for one letter, or one printed character for several.
_MULTI: list[tuple[str, str, float, str]] = [
    ("ы", "ьі", _FREQUENT, "ы split into its two strokes"),
    ("ы", "ъі", _FREQUENT, "ы split into its two strokes"),
    ("ы", "ьi", _FREQUENT, "ы split, the stroke read as Latin i"),
    ("ы", "ьl", _FREQUENT, "ы split, the stroke read as Latin l"),
    ("ы", "ь1", _COMMON, "ы split, the stroke read as 1"),
    ("ю", "іо", _COMMON, "ю split into a stroke and a bowl"),
    ("ю", "io", _COMMON, "ю split into Latin i and o"),
    ("м", "ги", _OCCASIONAL, "м split in two"),
    ("н", "ни", _OCCASIONAL, "a smudge doubling a stroke"),
    ("ш", "ии", _COMMON, "ш split into two strokes"),
    ("ш", "лі", _COMMON, "ш split into two strokes"),
    ("щ", "ш,", _COMMON, "the tail of щ read as a comma"),
    ("к", "ік", _OCCASIONAL, "a stray stroke before к"),
    ("ж", "хк", _OCCASIONAL, "ж split"),
    ("ль", "пь", _COMMON, "л read as п before ь"),
]

# Printed characters OCR adds from specks and stains (deleting them is cheap) ...
NOISE_CHARS = {".": 0.35, ",": 0.35, "'": 0.3, "’": 0.3, "‘": 0.3, "i": 0.35, "l": 0.35, "і": 0.35,
               "|": 0.3, "1": 0.6, "ь": 0.6, "и": 0.6, "н": 0.7, "я": 0.7, "к": 0.7, "ж": 0.7,
               "х": 0.7, "с": 0.8, "е": 0.8, "т": 0.8, "й": 0.7, "ъ": 0.7}
# ... and true letters it drops (inserting them back is cheap).
DROPPED_CHARS = {"и": 0.55, "е": 0.6, "н": 0.6, "м": 0.6, "ы": 0.6, "в": 0.7, "а": 0.7, "л": 0.7,
                 "я": 0.7, "ь": 0.6, "й": 0.6, "о": 0.75, "т": 0.75, "с": 0.75, "р": 0.8, "к": 0.8,
                 "у": 0.8, "д": 0.8, "п": 0.8, "з": 0.8, "г": 0.85, "б": 0.85, "ч": 0.85, "ш": 0.85,
                 "ж": 0.9, "х": 0.9, "ц": 0.9, "щ": 0.9, "ю": 0.85, "э": 0.9, "ф": 0.9, "ъ": 0.9}

DEFAULT_SUBSTITUTION = 1.0
DEFAULT_INDEL = 1.0
SWAP_COST = 0.8  # two neighbouring letters printed in each other's place
# the compiled alignment follows rapidfuzz's for strings up to this long; rapidfuzz aligns longer ones
# another way, and the compiled twin asks it for those
ALIGNED_LENGTH = 64


def _build_substitutions() -> dict[str, dict[str, float]]:
    """printed char -> {true char: cost}."""
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for true, printed, cost, _why in _PAIRS:
        table[printed][true] = min(cost, table[printed].get(true, cost))
    for latin, cyrillic in _LATIN.items():
        table[latin][cyrillic] = 0.1
        table[latin.upper()][cyrillic.upper()] = 0.1
        # A Latin look-alike may also stand for whatever its Cyrillic twin is confused with.
        for true, cost in list(table.get(cyrillic, {}).items()):
            table[latin].setdefault(true, cost + 0.1)
    return dict(table)


SUBSTITUTIONS = _build_substitutions()

# printed string (2+ chars) -> [(true string, cost)], and true string (2+ chars) for one printed char.
MULTI_PRINTED: dict[str, list[tuple[str, float]]] = defaultdict(list)
for _true, _printed, _cost, _why in _MULTI:
    MULTI_PRINTED[_printed].append((_true, _cost))
MULTI_PRINTED = dict(MULTI_PRINTED)


class ConfusionTables(NamedTuple):
    """The model as the kernels take it (`PythonConfusion`, `confusion_kernel.pyx`, the word index's
    and the dictionary walk's): every table and constant, given to each from here."""

    substitutions: dict[str, dict[str, float]]  # printed -> {true: cost}
    noise: dict[str, float]  # printed -> cost of it being a speck
    dropped: dict[str, float]  # true -> cost of OCR having lost it
    multi: dict[str, list[tuple[str, float]]]  # two printed characters -> [(true, cost)]
    default_substitution: float
    default_indel: float
    swap: float
    aligned_length: int


TABLES = ConfusionTables(SUBSTITUTIONS, NOISE_CHARS, DROPPED_CHARS, MULTI_PRINTED, DEFAULT_SUBSTITUTION, DEFAULT_INDEL,
                         SWAP_COST, ALIGNED_LENGTH)


def substitution_cost(true: str, printed: str) -> float:
    if true == printed:
        return 0.0
    return SUBSTITUTIONS.get(printed, {}).get(true, DEFAULT_SUBSTITUTION)


def noise_cost(printed: str) -> float:
    """Cost of the OCR having printed a character that is not in the true word."""
    return NOISE_CHARS.get(printed, DEFAULT_INDEL)


def dropped_cost(true: str) -> float:
    """Cost of the OCR having dropped a character of the true word."""
    return DROPPED_CHARS.get(true, DEFAULT_INDEL)


class ConfusionCosts(Protocol):
    """The model's costs for one pair (true word, printed string), both lower case: `PythonConfusion`
    or its compiled twin (`confusion_kernel.pyx`), made from `TABLES`, with the same results to the
    last bit."""

    def weighted_distance(self, true: str, printed: str) -> float:
        """Cheapest way OCR could have turned `true` into `printed` under this model."""

    def confusion_cost(self, true: str, printed: str) -> float:
        """The costs summed along the plain edit-distance alignment rapidfuzz gives: the cheapest one
        whenever the misreadings are single letters; `weighted_distance` where the printed string
        holds a split or merged letter (`ьі` for `ы`)."""


class PythonConfusion:
    """`ConfusionCosts` in Python."""

    def __init__(self, tables: ConfusionTables, exact=None):
        """`exact(true, printed)` serves `confusion_cost` for a split or merged letter: the module's
        cached `weighted_distance` (the same pairs come back in every pass); this twin's own by default."""
        self.tables = tables
        self._multi_marker = regex.compile("|".join(regex.escape(marker) for marker in tables.multi))
        self._exact = exact or self.weighted_distance

    def weighted_distance(self, true: str, printed: str) -> float:
        tables = self.tables
        noise_of, dropped_of, indel = tables.noise.get, tables.dropped.get, tables.default_indel
        generic, swap = tables.default_substitution, tables.swap
        n, m = len(true), len(printed)
        # What depends on one string only is looked up once, outside the n x m table.
        noise = [noise_of(p, indel) for p in printed]
        multi = [()] * 2 + [tables.multi.get(printed[j - 2 : j], ()) for j in range(2, m + 1)]
        substitutions = [tables.substitutions.get(p, _NO_SUBSTITUTIONS) for p in printed]
        previous = [0.0] * (m + 1)
        for j in range(1, m + 1):
            previous[j] = previous[j - 1] + noise[j - 1]
        rows = [previous]
        for i in range(1, n + 1):
            up = rows[i - 1]
            t = true[i - 1]
            drop = dropped_of(t, indel)
            current = [up[0] + drop] + [0.0] * m
            for j in range(1, m + 1):
                p = printed[j - 1]
                best = up[j - 1] + (0.0 if t == p else substitutions[j - 1].get(t, generic))
                best = min(best, up[j] + drop, current[j - 1] + noise[j - 1])
                for true_multi, cost in multi[j]:
                    k = len(true_multi)
                    if i >= k and true[i - k : i] == true_multi:
                        best = min(best, rows[i - k][j - 2] + cost)
                if i >= 2 and j >= 2 and t == printed[j - 2] and true[i - 2] == p and t != p:
                    best = min(best, rows[i - 2][j - 2] + swap)  # swapped neighbours
                current[j] = best
            rows.append(current)
        return rows[n][m]

    def confusion_cost(self, true: str, printed: str) -> float:
        if self._multi_marker.search(printed):
            return self._exact(true, printed)
        tables = self.tables
        cost = 0.0
        for tag, source, dest in Levenshtein.editops(true, printed).as_list():
            if tag == "replace":
                cost += tables.substitutions.get(printed[dest], _NO_SUBSTITUTIONS).get(true[source],
                                                                                      tables.default_substitution)
            elif tag == "delete":
                cost += tables.dropped.get(true[source], tables.default_indel)
            else:
                cost += tables.noise.get(printed[dest], tables.default_indel)
        return cost


_NO_SUBSTITUTIONS: dict[str, float] = {}

@cached("confusion.weighted_distance")
def weighted_distance(true: str, printed: str) -> float:
    """Cheapest way OCR could have turned `true` into `printed` under this model (both lower case)."""
    return _COSTS.weighted_distance(true, printed)


_COSTS: ConfusionCosts = twin("confusion_kernel", PythonConfusion(TABLES, exact=weighted_distance),
                              lambda kernel: kernel.CompiledConfusion(TABLES))


def single_edit_sources(printed: str, max_cost: float) -> dict[str, float]:
    """True strings one cheap misreading away from a printed word: the words it may stand for."""
    # Called for every new word of a long text, so the candidates are written out inline: in the
    # order of the edits below, each kept at its cheapest cost.
    out: dict[str, float] = {}
    get = out.get
    for i, ch in enumerate(printed):
        head, tail = printed[:i], printed[i + 1 :]
        for true, cost in SUBSTITUTIONS.get(ch, {}).items():
            if cost <= max_cost:
                candidate = head + true + tail
                if cost < get(candidate, 9.0):
                    out[candidate] = cost
        cost = noise_cost(ch)
        candidate = head + tail
        if cost <= max_cost and candidate and cost < get(candidate, 9.0):
            out[candidate] = cost
        for true, cost in MULTI_PRINTED.get(printed[i : i + 2], ()):
            if cost <= max_cost:
                candidate = head + true + printed[i + 2 :]
                if cost < get(candidate, 9.0):
                    out[candidate] = cost
    dropped = [(true, cost) for true, cost in DROPPED_CHARS.items() if cost <= max_cost]
    for i in range(len(printed) + 1):
        head, tail = printed[:i], printed[i:]
        for true, cost in dropped:
            candidate = head + true + tail
            if cost < get(candidate, 9.0):
                out[candidate] = cost
    if SWAP_COST <= max_cost:
        for i in range(len(printed) - 1):
            if printed[i] != printed[i + 1]:
                candidate = printed[:i] + printed[i + 1] + printed[i] + printed[i + 2 :]  # swapped neighbours
                if SWAP_COST < get(candidate, 9.0):
                    out[candidate] = SWAP_COST
    out.pop(printed, None)
    return out


def confusion_cost(true: str, printed: str) -> float:
    """The confusion cost, fast: summed along the plain edit-distance alignment (rapidfuzz, in C).

    That alignment is the cheapest one whenever the misreadings are single letters; when the
    printed word holds a split or merged letter (`ьі` for `ы`), the exact alignment is computed.
    """
    return _COSTS.confusion_cost(true, printed)
