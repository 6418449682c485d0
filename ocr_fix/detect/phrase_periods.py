"""A period stuck to a word inside a phrase: a speck, not the end of a sentence (`японской. агрессии`,
`построенные. немцами`). Tesseract makes periods of specks after words; what follows tells whether a
sentence ended there.
"""

from __future__ import annotations

from ocr_fix.detect.context import Context
from ocr_fix.language.grammar import CONJUNCTIONS, PREPOSITIONS, agrees
from ocr_fix.language.morphology import parses
from ocr_fix.language.normalize import fold
from ocr_fix.tokens import Kind

_PHRASE_ADJECTIVE_MIN = 5  # shorter words before a dot are abbreviations as often as not (`нем.`, `гос.`)


def period_inside_phrase(ctx: Context, i: int) -> bool:
    """`японской. агрессии`, `построенные. немцами`: a period stuck to a full word before a small-letter word
    that agrees with it or can only depend on a word before it, or inside a title (`Советского. Союза`). An
    abbreviation (`нем. войск`) is short, or not a dictionary word, or a known one."""
    doc, tokens = ctx.doc, ctx.doc.tokens
    if i == 0 or tokens[i - 1].kind is not Kind.WORD:
        return False
    following = doc.adjacent_word(i, 1)
    if following is None or doc.token_line[following] != doc.token_line[i]:
        return False  # a period at a line end may close a paragraph whose next word is garbled
    word, after = fold(tokens[i - 1].text), fold(tokens[following].text)
    if not tokens[following].text[:1].islower():
        return _inside_title(ctx, tokens[i - 1].text, tokens[following].text, word, after)
    if tokens[i - 1].text.islower() and _ends_no_sentence(ctx, i - 1, word):
        return True
    if not (len(word) >= _PHRASE_ADJECTIVE_MIN and word not in ctx.lexicons.lower_abbreviations
            and ctx.lookup.is_known(word)):
        return False
    return after in _CONTINUING or ctx.lookup.is_known(after) and (agrees(word, after) is True or _only_oblique(after))


def _inside_title(ctx: Context, before: str, following: str, word: str, after: str) -> bool:
    """`Советского. Союза`, `Социалистических. Республик`: two words of a title, each with its capital, the
    first an adjective agreeing with the second; a sentence ends with no such adjective."""
    return (before.istitle() and following.istitle() and len(word) >= _PHRASE_ADJECTIVE_MIN
            and word not in ctx.lexicons.lower_abbreviations and ctx.lookup.is_known(word)
            and ctx.lookup.is_known(after) and agrees(word, after) is True)


# Small-letter words that go on with a sentence: after a full word, the period before them is a speck far
# more often than a sentence end whose next capital was read small (`просьбе. и`, `вторжения. в`).
_CONTINUING = frozenset({"и", "в", "с", "что", "а", "но", "к", "о", "об", "на", "по", "за", "из", "от", "до", "у",
                         "для", "при"})


# Words no sentence ends with: prepositions and conjunctions (`со. стороны`, `во. избежание`). A one-letter
# one is also an abbreviation after a number (`XIX в.`, `1 с.`), so it counts after a small-letter word only.
NO_SENTENCE_END = PREPOSITIONS | CONJUNCTIONS


def _ends_no_sentence(ctx: Context, index: int, word: str) -> bool:
    if word not in NO_SENTENCE_END or word in ctx.lexicons.lower_abbreviations and len(word) > 1:
        return False
    if len(word) > 1:
        return True
    before = ctx.doc.adjacent_word(index, -1)
    return before is not None and ctx.doc.tokens[before].text[-1:].islower()


# Cases a sentence of these documents does not open with: a small-letter noun or adjective that can only
# be in one of them depends on a word before it (`построенные. немцами`).
_OBLIQUE = frozenset({"gent", "datv", "ablt", "loct", "gen2", "loc2"})
_PHRASE_WORDS = frozenset({"NOUN", "ADJF", "PRTF"})


def _only_oblique(folded: str) -> bool:
    """Whether every reading of a word is a noun, adjective or participle in an oblique case. Pronouns
    (`этой`, `его`) open sentences in any case, so they are left out."""
    readings = parses(folded)
    return bool(readings) and all(r.pos in _PHRASE_WORDS and r.case in _OBLIQUE and "Apro" not in r.grammemes
                                  for r in readings)
