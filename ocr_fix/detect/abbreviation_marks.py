"""A comma, semicolon or colon after an abbreviation, before a capitalised word: the abbreviation's
period misread (`тов, КИМ ИР СЕН`, `т; Чжоу`).

A worn period comes out of Tesseract as a comma or a semicolon all the time. After a word that can
only be an abbreviation (`тов`, `т`, `г`, `см`: no dictionary reading but an abbreviation's) the
period is certain: the abbreviation is always written with it.
"""

from __future__ import annotations

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.morphology import parses
from ocr_fix.language.normalize import fold

_MISREAD_PERIODS = frozenset(",;:")


@word_kind(among=lambda lexicons: lexicons.lower_abbreviations)
def _only_an_abbreviation(ctx: Context, text: str) -> bool:
    lexicons = ctx.lexicons
    if len(text) > lexicons.longest_lower_abbreviation:  # the cheap test most words fail
        return False
    folded = fold(text)
    if folded not in lexicons.lower_abbreviations or not (text.islower() or text[1:].islower()):
        return False
    return all("Abbr" in r.grammemes for r in parses(folded))


@rule("abbreviation-mark", "a comma or semicolon for the period after an abbreviation (`тов, КИМ`)",
      order=165, proposer="hint")
def abbreviation_mark(ctx: Context):
    doc, tokens = ctx.doc, ctx.doc.tokens
    for word in ctx.open_words_everywhere(_only_an_abbreviation):
        i = word + 1  # the mark, stuck to the abbreviation
        if i >= len(tokens) or tokens[i].text not in _MISREAD_PERIODS or not ctx.in_focus(i) \
                or i in ctx.claimed or i in ctx.protected:
            continue
        following = doc.adjacent_word(i, 1)
        if following is None or not tokens[following].text[:1].isupper() or doc.token_line[following] != doc.token_line[i]:
            continue
        yield ctx.finding("abbreviation-mark", i, i, f"`{tokens[word].text}` is an abbreviation, written with a "
                          f"period; `{tokens[i].text}` is the period misread", hint=".")
