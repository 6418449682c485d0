"""Which writing system a word or line is in, and the Latin letters that look Cyrillic.

Only Russian text is checked: an English translation above the Russian original, a Latin
citation or a Roman numeral must never be flagged or changed.
"""

from __future__ import annotations

from enum import Enum

import regex

from ocr_fix.resources import cached
from ocr_fix.tokens import Kind, Token


class Script(str, Enum):
    CYRILLIC = "cyrillic"
    LATIN = "latin"
    MIXED = "mixed"  # Cyrillic and Latin letters in one word: nearly always an OCR or typing slip
    OTHER = "other"


_CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
_LATIN = regex.compile(r"\p{Script=Latin}")

# Latin letters a Cyrillic typewriter page is misread as (and that typists substituted).
LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У",
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к", "m": "м",
    "u": "и", "n": "п", "r": "г", "b": "ь",
}

_ROMAN = regex.compile(r"(?i)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


@cached("scripts.script_of")  # several rules ask it of every word
def script_of(word: str) -> Script:
    has_cyr = bool(_CYRILLIC.search(word))
    has_lat = bool(_LATIN.search(word))
    if has_cyr and has_lat:
        return Script.MIXED
    if has_cyr:
        return Script.CYRILLIC
    if has_lat:
        return Script.LATIN
    return Script.OTHER


def is_roman_numeral(word: str) -> bool:
    """`IV`, `XIX`, `V` (upper case only: a lower-case `vi` is a word, not a numeral)."""
    return bool(word) and word.isupper() and _ROMAN.fullmatch(word) is not None


def cyrillic_lookalike(word: str) -> str | None:
    """The Cyrillic word a Latin-lettered token would be if every letter were its look-alike."""
    if not word or any(ch.isalpha() and ch not in LATIN_TO_CYRILLIC and not _CYRILLIC.match(ch) for ch in word):
        return None
    return "".join(LATIN_TO_CYRILLIC.get(ch, ch) for ch in word)


@cached("scripts.letters")
def _letters(word: str) -> tuple[int, int, bool]:
    """A word's Cyrillic and Latin letters, and whether its Latin letters could all be Cyrillic look-alikes
    (worked out once per word: a text repeats its words)."""
    cyr = len(_CYRILLIC.findall(word))
    lat = len(_LATIN.findall(word))
    # only a word with Latin letters can be a word of look-alikes
    return cyr, lat, bool(lat) and cyrillic_lookalike(word) is not None and not is_roman_numeral(word)


def lookalike_word(word: str) -> bool:
    """Whether a word with Latin letters could be all Cyrillic look-alikes (`CCCP`, not `IV`)."""
    return _letters(word)[2]


def russian_lines(text: str, tokens: list[Token]) -> list[bool]:
    """For each line of text, whether it is Russian and should be checked.

    A line is Russian when it has at least as many Cyrillic letters as Latin ones. A line with no
    Cyrillic at all counts as Russian only when all its letters could be Cyrillic look-alikes
    (`CCCP`, `MOCKBA`) and the nearest lettered lines around it are Russian; that keeps an English
    translation clean while still catching a Cyrillic word typed in Latin letters.
    """
    return resolve_russian_lines(line_letters(tokens))


def line_letters(tokens: list[Token]) -> list[tuple[int, int, bool]]:
    """For each line the tokens span: its Cyrillic letters, its Latin letters, and whether its
    Latin-lettered words could all be Cyrillic look-alikes."""
    out: list[tuple[int, int, bool]] = []
    cyrillic = latin = 0
    lookalike_only = True
    for tok in tokens:
        if tok.kind is Kind.NEWLINE:
            out.append((cyrillic, latin, lookalike_only))
            cyrillic = latin = 0
            lookalike_only = True
            continue
        if tok.kind is not Kind.WORD:
            continue
        cyr, lat, lookalike = _letters(tok.text)
        cyrillic += cyr
        latin += lat
        if lat and not cyr and not lookalike:
            lookalike_only = False
    out.append((cyrillic, latin, lookalike_only))
    return out


def resolve_russian_lines(letters: list[tuple[int, int, bool]]) -> list[bool]:
    """Whether each line is Russian, from its letters (see `russian_lines`)."""
    status: list[bool | None] = []
    for cyr, lat, only_lookalikes in letters:
        if cyr == 0 and lat == 0:
            status.append(None)  # no letters: decided by neighbours, but nothing to check anyway
        elif cyr >= lat:
            status.append(True)
        else:
            status.append(False if not (cyr == 0 and only_lookalikes) else None)
    resolved: list[bool] = []
    for index, value in enumerate(status):
        if value is not None:
            resolved.append(value)
            continue
        lattered = letters[index][1] > 0
        if not lattered:
            resolved.append(False)
            continue
        before = next((status[i] for i in range(index - 1, -1, -1) if status[i] is not None), None)
        after = next((status[i] for i in range(index + 1, len(status)) if status[i] is not None), None)
        resolved.append(bool(before) and bool(after) if after is not None else bool(before))
    return resolved
