"""A verb, adverb or particle with a capital inside a sentence (`желая Укрепить дружественные связи`).

Most Cyrillic capitals are their small letters drawn larger (В в, К к, О о, П п, С с, Т т, У у...), so
Tesseract often reads a small letter as the capital. Whether a noun or an adjective is capitalised
mid-sentence is the edition's choice (`Договаривающиеся Стороны`, `Верховный Главнокомандующий`), but a
word that can only be a verb, an adverb, a particle, a conjunction or a preposition is never a name or
part of a title: with a small-letter word or a comma before it, its capital is likely a misreading. On a
worn copy, though, OCR loses a period or reads it as a comma as often, and the picture is the same
(`на востоке, Наступил мир`), so such a word is proposed in small letters for review, never lowered by
`fix` alone.
"""

from __future__ import annotations

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.grammar import CONJUNCTIONS
from ocr_fix.language.morphology import only_a_name, parses
from ocr_fix.language.normalize import fold
from ocr_fix.tokens import Kind

# parts of speech that never name anything or begin a title
_NEVER_CAPITALISED = frozenset({"VERB", "INFN", "GRND", "PRTS", "ADJS", "ADVB", "COMP", "PRED", "PRCL", "CONJ",
                                "PREP", "INTJ"})


def _inside_sentence(doc, i: int) -> bool:
    """After a comma or a small-letter word, in the same paragraph; not after a preposition, where a
    capital starts a name (`обстановка в Или`, a river and a district)."""
    before = doc.significant(i, -1)
    if before is None or doc.paragraph_start(i):
        return False
    text = doc.tokens[before].text
    if text == ",":
        return True
    return (doc.tokens[before].kind is Kind.WORD and text[:1].islower()
            and not any(r.pos == "PREP" for r in parses(fold(text))))


def never_capitalised(ctx: Context, text: str) -> bool:
    folded = fold(text)
    if folded in ctx.lexicons.name_parts:
        return False
    readings = parses(folded)
    return bool(readings) and all(r.pos in _NEVER_CAPITALISED for r in readings)


@word_kind(small_letters=False)
def _capitalised_verb_or_particle(ctx: Context, text: str) -> bool:
    """A capitalised word that can only be a verb, adverb, particle... (worked out once a distinct word)."""
    return len(text) >= 2 and text[0].isupper() and text[1:].islower() and never_capitalised(ctx, text)


@rule("capital-inside-sentence", "a verb, adverb or particle with a capital inside a sentence (`желая Укрепить`)",
      order=245, proposer="hint")
def capital_inside_sentence(ctx: Context):
    doc = ctx.doc
    for i in ctx.open_words(_capitalised_verb_or_particle):
        text = doc.tokens[i].text
        if not _inside_sentence(doc, i):
            continue
        # measured on the dev sets, lowering these in `fix` broke more right words than it mended; but
        # after a conjunction (`и На`, `что, Учитывая`) no period can have been lost: no sentence ends so
        sure = _after_conjunction(doc, i)
        yield ctx.finding("capital-inside-sentence", i, i, f"`{text}` can only be a verb, adverb or particle: "
                          "written small inside a sentence, " + ("after a conjunction" if sure else
                                                                 "unless a period before it was lost or misread"),
                          hint=text[0].lower() + text[1:], sure=sure)


def _after_conjunction(doc, i: int) -> bool:
    """Whether the word before (a comma between allowed) is a small-letter conjunction (not a preposition:
    a capital after one starts a name)."""
    before = doc.significant(i, -1)
    if before is not None and doc.tokens[before].text == ",":
        before = doc.significant(before, -1)
    if before is None or doc.tokens[before].kind is not Kind.WORD or not doc.tokens[before].text.islower():
        return False
    return fold(doc.tokens[before].text) in CONJUNCTIONS


@word_kind(among=lambda lexicons: lexicons.name_parts)
def _name_in_small_letters(ctx: Context, text: str) -> bool:
    """A small-letter word of the lexicons' names that the dictionary knows only as a name (`сталин`,
    `япония`): a rare name the dictionary has (`лиль`, `котор`) is as often a common word misread."""
    if not (len(text) >= 3 and text.isalpha() and text.islower()):
        return False
    folded = fold(text)
    return folded in ctx.lexicons.name_parts and only_a_name(folded)


@rule("name-small", "a word that is only ever a name, written in small letters (`товарищ сталин`, `япония`)",
      order=247, proposer="hint")
def name_small(ctx: Context):
    doc = ctx.doc
    for i in ctx.open_words(_name_in_small_letters):
        text = doc.tokens[i].text
        # Most Cyrillic capitals are their small letters drawn larger: `С`, `М`, `Я` read as `с`, `м`, `я`
        yield ctx.finding("name-small", i, i, f"`{text}` is only ever a name, written with a capital",
                          hint=text[0].upper() + text[1:])
