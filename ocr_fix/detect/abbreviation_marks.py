"""A comma, semicolon or colon after an abbreviation, before a capitalised word: the abbreviation's
period misread (`тов, КИМ ИР СЕН`, `т; Чжоу`).

A worn period comes out of Tesseract as a comma or a semicolon all the time. After a word that can
only be an abbreviation (`тов`, `т`, `г`, `см`: no dictionary reading but an abbreviation's) the
period is certain: the abbreviation is always written with it.
"""

from __future__ import annotations

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule
from ocr_fix.language.morphology import parses
from ocr_fix.language.normalize import fold
from ocr_fix.tokens import Kind

_MISREAD_PERIODS = frozenset(",;:")


def _only_an_abbreviation(ctx: Context, text: str) -> bool:
    folded = fold(text)
    if folded not in ctx.lexicons.lower_abbreviations or not (text.islower() or text[1:].islower()):
        return False
    return all("Abbr" in r.grammemes for r in parses(folded))


@rule("abbreviation-mark", "a comma or semicolon for the period after an abbreviation (`тов, КИМ`)",
      order=172, proposer="hint")
def abbreviation_mark(ctx: Context):
    doc, tokens = ctx.doc, ctx.doc.tokens
    for i in ctx.tokens_in_view(frozenset({Kind.PUNCT})):
        if tokens[i].text not in _MISREAD_PERIODS or i == 0 or i in ctx.claimed or i in ctx.protected:
            continue
        before = tokens[i - 1]
        following = doc.adjacent_word(i, 1)
        if before.kind is not Kind.WORD or following is None or not tokens[following].text[:1].isupper():
            continue
        if doc.token_line[following] != doc.token_line[i] or not _only_an_abbreviation(ctx, before.text):
            continue
        yield ctx.finding("abbreviation-mark", i, i, f"`{before.text}` is an abbreviation, written with a period; "
                          f"`{tokens[i].text}` is the period misread", hint=".")
