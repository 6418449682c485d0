"""The comparison key for words: NFC, lower case, ё folded to е.

Typed documents of the period rarely print ё, so `ё` and `е` must compare equal; the text itself is
never rewritten with this key, it is only used to look words up.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_FOLD = str.maketrans({"ё": "е", "Ё": "е", "\u2010": "-", "\u2011": "-"})


@lru_cache(maxsize=500_000)
def fold(word: str) -> str:
    if not word.isascii():
        word = unicodedata.normalize("NFC", word)
    return word.translate(_FOLD).lower()


def match_case(replacement: str, original: str) -> str:
    """Write `replacement` in the letter case of `original` (`ВОЙСКАК` -> `ВОЙСК`, `Сиаи` -> `Сиам`)."""
    letters = [ch for ch in original if ch.isalpha()]
    if not letters:
        return replacement
    if all(ch.isupper() for ch in letters) and len(letters) > 1:
        return replacement.upper()
    if all(ch.islower() for ch in letters):
        return replacement.lower()
    if letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return replacement[:1].upper() + replacement[1:].lower()
    if len(letters) == 1 and letters[0].isupper():
        return replacement[:1].upper() + replacement[1:]
    # Mixed case (`ЦЗЕ-дун`, `МакАртур`): keep the replacement as the lexicon writes it, but follow
    # the original's capitalisation letter by letter where the two line up.
    out = []
    for index, ch in enumerate(replacement):
        if index < len(original) and original[index].isalpha() and ch.isalpha():
            out.append(ch.upper() if original[index].isupper() else ch.lower())
        else:
            out.append(ch)
    return "".join(out)
