"""Chinese syllables in the Palladius system as written in Russian documents of the 1940s-1950s.

The table (`lexicons/palladius.tsv`) gives the modern spelling of each syllable. Period documents
also write э as е after consonants (ЦЗЕ for ЦЗЭ, ЧЕНЬ for ЧЭНЬ, ДЕ for ДЭ), drop the soft sign
(ГОМИНДАН) and use ПЫН/ФЫН for ПЭН/ФЭН; those variants are valid syllables too, not errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocr_fix.lexicon.files import parse_lexicon
from ocr_fix.resources import cached


def period_variants(syllable: str) -> set[str]:
    """The spellings of one modern Palladius syllable found in documents of the period."""
    variants = {syllable}
    if "э" in syllable[1:]:
        variants.add(syllable[0] + syllable[1:].replace("э", "е"))
    if syllable.endswith("нь"):
        variants |= {v[:-1] for v in list(variants)}
    if syllable in ("пэн", "фэн", "мэн", "бэн"):
        variants.add(syllable[0] + "ын")
    return variants


@dataclass(frozen=True)
class Palladius:
    modern: dict[str, str]  # palladius syllable -> pinyin
    syllables: frozenset[str]  # modern and period spellings, lower case
    pinyin_to_cyrillic: dict[str, str]

    def split(self, word: str, max_syllables: int = 3) -> list[str] | None:
        """Split a word into Palladius syllables (`цзэдун` -> [цзэ, дун]), or None if impossible."""
        word = word.lower().replace("ё", "е")
        return _split(word, self.syllables, max_syllables)

    def is_name_part(self, part: str) -> bool:
        """A hyphen-separated part of a Chinese name: one syllable, or two run together."""
        pieces = part.lower().split("-")
        return all(piece and self.split(piece, 2) is not None for piece in pieces)


def _split(word: str, syllables: frozenset[str], max_syllables: int) -> list[str] | None:
    if not word:
        return []
    if max_syllables == 0:
        return None
    for size in range(min(6, len(word)), 0, -1):  # the longest syllable first: ЧЖУАН before ЧЖУ
        head = word[:size]
        if head in syllables:
            rest = _split(word[size:], syllables, max_syllables - 1)
            if rest is not None:
                return [head] + rest
    return None


@cached("palladius.tables")
def load_palladius(path: str) -> Palladius:
    table = parse_lexicon(path)
    modern: dict[str, str] = {}
    syllables: set[str] = set()
    for entry in table.entries:
        cyrillic = entry.columns.get("palladius", "").lower()
        if not cyrillic:
            continue
        modern[cyrillic] = entry.text
        syllables |= period_variants(cyrillic)
    pinyin = {entry.text: entry.columns.get("palladius", "").lower() for entry in table.entries}
    return Palladius(modern, frozenset(syllables), pinyin)
