"""The comparison key for words: NFC, lower case, ё folded to е.

Typed documents of the period rarely print ё, so `ё` and `е` must compare equal; the text itself is
never rewritten with this key, it is only used to look words up.
"""

from __future__ import annotations

import unicodedata

from ocr_fix.resources import cached

_FOLD = str.maketrans({"ё": "е", "Ё": "е", "\u2010": "-", "\u2011": "-"})


@cached("normalize.fold")
def fold(word: str) -> str:
    if not word.isascii():
        word = unicodedata.normalize("NFC", word)
    return word.translate(_FOLD).lower()


def match_case(replacement: str, original: str) -> str:
    """Write `replacement` in the letter case of `original` (`ВОЙСКАК` -> `ВОЙСК`, `Сиаи` -> `Сиам`)."""
    style = _case_style(original)
    if style is _NO_LETTERS:
        return replacement
    if style is _CAPITALS:
        return replacement.upper()
    if style is _SMALL:
        return replacement.lower()
    if style is _TITLE:
        return replacement[:1].upper() + replacement[1:].lower()
    if style is _ONE_CAPITAL:
        return replacement[:1].upper() + replacement[1:]
    if "-" in original and replacement.count("-") == original.count("-"):
        # a compound cased part by part (`Южно-Маньчжурской`, `ЦЗЕ-дун`), whatever the parts' lengths
        return "-".join(match_case(r, o) for r, o in zip(replacement.split("-"), original.split("-")))
    if "-" in original and len({_case_style(part) for part in original.split("-")}) == 1:
        # a compound read for one word (`Южно-Мамъчкурской` -> `Южноамериканской`): the letters no
        # longer line up with the parts, so the word takes the case its parts share
        return match_case(replacement, original.split("-")[0])
    if in_capitals(original):
        return replacement.upper()  # capitals with a letter misread small (`ШлО` -> `ШАО`)
    # Mixed case (`МакАртур`): keep the replacement as the lexicon writes it, but follow
    # the original's capitalisation letter by letter where the two line up.
    out = []
    for index, ch in enumerate(replacement):
        if index < len(original) and original[index].isalpha() and ch.isalpha():
            out.append(ch.upper() if original[index].isupper() else ch.lower())
        else:
            out.append(ch)
    return "".join(out)


# Letters whose capital is no larger copy of the small one: what OCR read of them tells a word's case.
# Of the others (`В в`, `О о`, `С с`, even `Р р`) it reads either, whichever the word is written in.
_TELLING_LETTERS = frozenset("абеёАБЕЁ")


def in_capitals(text: str) -> bool | None:
    """Whether a word of mixed case is written in capitals, as its letters tell: a small telling letter
    says it is not (`иСПОЛЬЗОВаЖия`), two capital ones that it is (one may be another letter misread);
    else most letters capitals say it is (`ШлО`); None where they tell nothing either way."""
    telling = [ch for ch in text if ch in _TELLING_LETTERS]
    if any(ch.islower() for ch in telling):
        return False
    if len(telling) > 1:
        return True
    letters = [ch for ch in text if ch.isalpha()]
    return True if letters and sum(ch.isupper() for ch in letters) * 3 >= len(letters) * 2 else None


_NO_LETTERS, _CAPITALS, _SMALL, _TITLE, _ONE_CAPITAL, _MIXED = "none", "capitals", "small", "title", "one capital", "mixed"


@cached("normalize.case_style")
def _case_style(original: str) -> str:
    """How a word's letters are cased, worked out once per word (a proposal writes up to four
    candidates in the case of its word)."""
    letters = [ch for ch in original if ch.isalpha()]
    if not letters:
        return _NO_LETTERS
    if all(ch.isupper() for ch in letters) and len(letters) > 1:
        return _CAPITALS
    if all(ch.islower() for ch in letters):
        return _SMALL
    if letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return _TITLE
    if len(letters) == 1 and letters[0].isupper():
        return _ONE_CAPITAL
    return _MIXED
