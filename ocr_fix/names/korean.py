"""Korean name syllables as Soviet documents of 1945-1955 wrote them (КИМ ИР СЕН, ПАК ХЕН ЕН, ЦОЙ ЕН ГЕН).

Each syllable of a Korean name is written as its own capitalised word. The inventory below is
generated from the initials, vowels and finals of that practice; it accepts every syllable of the
period's spellings and rejects strings that cannot be one Korean syllable (two initial consonants,
a soft sign inside, vowels that do not combine).
"""

from __future__ import annotations

from ocr_fix.resources import cached

_INITIALS = ["", "к", "г", "кх", "н", "т", "д", "тх", "р", "л", "м", "п", "б", "пх", "с", "ч", "чх",
             "ц", "дж", "х", "ф", "ш"]
_VOWELS = ["а", "я", "о", "ё", "е", "у", "ю", "ы", "и", "э", "ва", "ве", "вэ", "во", "ви", "ый", "ои",
           "ай", "ой", "уй", "эй", "ей", "ун", "ён"]
_FINALS = ["", "к", "н", "т", "ль", "р", "м", "п", "нг", "ч"]


@cached("korean.syllables")
def korean_syllables() -> frozenset[str]:
    out = set()
    for initial in _INITIALS:
        for vowel in _VOWELS:
            for final in _FINALS:
                if vowel.endswith("й") and final:
                    continue
                out.add((initial + vowel + final).replace("ё", "е"))
    return frozenset(out)


def is_korean_syllable(part: str) -> bool:
    return part.lower().replace("ё", "е") in korean_syllables()
