"""Names read from a translation of the document, as evidence for garbled names in the Russian.

Digital archives publish a translation above the Russian original (the seed document has its
English translation first), and a user may give one with `--translation FILE`. Its names are
mostly intact: `Zhou Enlai`, `Kim Il Sung`, `Yalu River`. Each is mapped to its Russian form of
the period, through the lexicons' Latin column or, for a Chinese name the lexicons lack, syllable by
syllable through the Palladius table (`Liu Shaoqi` -> `Лю Шао-ци`).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ocr_fix.lexicon.palladius import Palladius
from ocr_fix.lexicon.store import Lexicons, Name

# A name: capitalised Latin words, possibly hyphenated (`Chou En-lai`), up to four of them.
_MENTION = regex.compile(r"\b\p{Lu}[\p{Ll}']*(?:-\p{L}[\p{Ll}']*)?(?:\s+\p{Lu}[\p{Ll}']*(?:-\p{L}[\p{Ll}']*)?){0,3}\b")
_SEPARATOR = regex.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")
# Geographic words that follow a place name in English (`Yalu River`).
_GEOGRAPHIC = {"river", "mountains", "province", "city", "bay", "sea", "lake", "strait", "peninsula"}


@dataclass(frozen=True)
class Mention:
    english: str
    start: int
    names: tuple[Name, ...]  # Russian names it stands for, best first
    group: int  # mentions of one enumeration (`Zhu De, Liu Shaoqi, ... and Bo Yibo`) share a group
    position: int  # place within the group


def _key(text: str) -> str:
    return regex.sub(r"[\s\-'’]", "", text).lower()


def _latin_index(lexicons: Lexicons) -> dict[str, list[Name]]:
    return lexicons.derived("lexicon.latin_index", lambda: _build_latin_index(lexicons))


def _build_latin_index(lexicons: Lexicons) -> dict[str, list[Name]]:
    index: dict[str, list[Name]] = {}
    for name in lexicons.names:
        if "period variant" in name.source:
            continue
        for latin in name.latin:
            index.setdefault(_key(latin), []).append(name)
    return index


def _pinyin_syllables(word: str, palladius: Palladius) -> list[str] | None:
    word = word.lower().replace("'", "").replace("ü", "v")
    table = palladius.pinyin_to_cyrillic
    out: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(6, len(word) - i), 0, -1):
            piece = word[i : i + size]
            if piece in table and table[piece]:
                out.append(table[piece])
                i += size
                break
        else:
            return None
    return out


def chinese_name_from_pinyin(english: str, palladius: Palladius) -> str | None:
    """`Liu Shaoqi` -> `Лю Шао-ци`: surname, then the given name with its syllables hyphenated."""
    words = english.replace("-", "").split()
    if not 2 <= len(words) <= 3:
        return None
    parts = []
    for index, word in enumerate(words):
        syllables = _pinyin_syllables(word, palladius)
        if syllables is None or len(syllables) > (1 if index == 0 else 2):
            return None
        given = "-".join(syllables)
        parts.append(given[:1].upper() + given[1:])
    return " ".join(parts)


def read_mentions(text: str, lexicons: Lexicons) -> list[Mention]:
    """Names in an English text, in order, each with the Russian names it may stand for."""
    # every pass of `fix`, and every section of a long text, reads the same translation again
    last = lexicons.caches.memo("translation.mentions")
    if text not in last:
        last[text] = tuple(_read_mentions(text, lexicons))
    return list(last[text])


def _read_mentions(text: str, lexicons: Lexicons) -> list[Mention]:
    from ocr_fix.lexicon.store import _make_name  # a generated name is built the way lexicon names are

    index = _latin_index(lexicons)
    mentions: list[Mention] = []
    group, position, last_end = -1, 0, None
    for match in _MENTION.finditer(text):
        words = match.group().split()
        if words and words[-1].lower() in _GEOGRAPHIC and len(words) > 1:
            words = words[:-1]
        candidates: list[Name] = []
        english = " ".join(words)
        # the longest run of words the lexicons know, trying from the full mention down
        for size in range(len(words), 0, -1):
            for start in range(0, len(words) - size + 1):
                found = index.get(_key(" ".join(words[start : start + size])))
                if found:
                    candidates = found
                    english = " ".join(words[start : start + size])
                    break
            if candidates:
                break
        if not candidates:
            generated = chinese_name_from_pinyin(english, lexicons.palladius)
            if generated is None:
                continue
            candidates = [_make_name(generated, "person", "chinese", (english,), "translation", lexicons)]
        between = text[last_end : match.start()] if last_end is not None else None
        if between is not None and _SEPARATOR.match(between):
            position += 1
        else:
            group, position = group + 1, 0
        mentions.append(Mention(english, match.start(), tuple(candidates), group, position))
        last_end = match.end()
    return mentions
