"""Letter case inside a word: capitals and small letters mixed (`СССр`, `ЧТо`), and an abbreviation of
capitals written in small letters (`цк`)."""

from __future__ import annotations

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.normalize import fold
from ocr_fix.resources import cached_per_owner


def _regular_case(part: str) -> bool:
    letters = [ch for ch in part if ch.isalpha()]
    if not letters:
        return True
    rest = letters[1:]
    return all(ch.islower() for ch in letters) or all(ch.isupper() for ch in letters) or (
        letters[0].isupper() and all(ch.islower() for ch in rest))


_COMMON_WORD_ZIPF = 5.0


def _abbreviation_in_small_letters(ctx: Context, index: int, folded: str) -> bool:
    """`цк`, `кнр`: an abbreviation written in capitals, here in small letters (not in `п/п`, `т.`)."""
    if (folded not in ctx.lexicons.capital_abbreviations or folded in ctx.lexicons.lower_abbreviations
            or ctx.lookup.is_dictionary_lower(folded)):
        return False
    if ctx.lookup.neighbour_frequencies(folded, min_zipf=_COMMON_WORD_ZIPF):
        return False  # `ва` in running text is `на` misread far more often than `ВА` in small letters
    doc = ctx.doc
    before, after = doc.significant(index, -1), doc.significant(index, 1)
    return not (before is not None and doc.tokens[before].text == "/") and \
        not (after is not None and doc.tokens[after].text == ".")


# A word of Russian or Latin letters only in small letters, in capitals, or capitalised: regular at a
# glance (most words are), without listing its letters part by part
_PLAINLY_REGULAR = regex.compile(r"[а-яёa-z]+|[А-ЯЁA-Z][а-яёa-z]*|[А-ЯЁA-Z]+")


def _regular_word_case(text: str) -> bool:
    return _PLAINLY_REGULAR.fullmatch(text) is not None or all(_regular_case(part) for part in text.split("-"))


@rule("letter-case", "capitals and small letters mixed inside a word (`СССр`, `ЧТо`, `вкП`)",
      order=110, proposer="word")
def letter_case(ctx: Context):
    doc = ctx.doc
    for i in sorted(ctx.open_words(_mixed_case) + ctx.open_words(_small_abbreviation)):
        text = doc.tokens[i].text
        verdict = _case_verdict(ctx.lookup, text)
        if verdict is _SMALL_ABBREVIATION and _abbreviation_in_small_letters(ctx, i, fold(text)):
            yield ctx.finding("letter-case", i, i, f"the abbreviation {text.upper()} written in small letters")
            continue
        if verdict is _MIXED:
            yield ctx.finding("letter-case", i, i, "capitals and small letters mixed inside a word")


_REGULAR, _SMALL_ABBREVIATION, _MIXED = "regular", "small abbreviation", "mixed"


# Two kinds, not one of irregular case: most words are small letters alone (`_PLAINLY_REGULAR`'s first
# choice), which only an abbreviation's list may make irregular; the kinds pass over them without a
# Python call each. (Uncached: the word kinds keep them once a distinct text.)
@word_kind(needs=regex.compile(r"[^а-яёa-z]"))
def _mixed_case(ctx: Context, text: str) -> bool:
    return _case_verdict.__wrapped__(ctx.lookup, text) is _MIXED


@word_kind(among=lambda lexicons: lexicons.capital_abbreviations)
def _small_abbreviation(ctx: Context, text: str) -> bool:
    return _case_verdict.__wrapped__(ctx.lookup, text) is _SMALL_ABBREVIATION


@cached_per_owner("words.case_verdict")
def _case_verdict(lookup, text: str) -> str:
    """What a word's letters alone say: regular case; an abbreviation of capitals in small letters
    (unless its neighbours make it a unit or a part of `п/п`); or capitals and small letters mixed."""
    lexicons = lookup.lexicons
    folded = fold(text)
    if text.islower() and folded in lexicons.capital_abbreviations and folded not in lexicons.lower_abbreviations \
            and not lookup.is_dictionary_lower(folded):
        return _SMALL_ABBREVIATION
    if _regular_word_case(text) or text in lexicons.mixed_case:
        return _REGULAR
    return _MIXED
