"""The engine's own doubt: a real word the OCR engine read with low confidence.

Bare text cannot show that `за` was read where the page has `на`: both are words. An hOCR, ALTO or
PAGE file can, since the engine says how sure it was of each word (see `ocr_fix.readings`). Only words
the other rules left alone are looked at, and only in a document that has the engine's readings.
"""

from __future__ import annotations

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule
from ocr_fix.readings import DOUBTFUL


@rule("low-confidence", "a real word the OCR engine read with low confidence (hOCR, ALTO, PAGE input)",
      order=230, proposer="word", real_word=True, evidence="engine", archive_vouches=True)
def low_confidence(ctx: Context):
    readings = ctx.doc.readings
    if readings is None or not len(readings):
        return
    tokens = ctx.doc.tokens
    for i in ctx.open_words():
        token = tokens[i]
        confidence = readings.confidence(token.start, token.end)
        if confidence is None or confidence >= DOUBTFUL or not token.text.isalpha():
            continue
        folded = ctx.folded(i)
        if not ctx.lookup.is_known(folded):
            continue  # an unknown word has rules of its own
        if folded in ctx.lexicons.abbreviations or token.text[:1].isupper() and folded in ctx.lexicons.name_parts:
            continue  # `тов.`, `МНР`, `Сиам`: what the lexicons vouch for, a doubt of the engine does not undo
        yield ctx.finding("low-confidence", i, i,
                          f"a real word, but the engine read it with {round(100 * confidence)}% confidence")
