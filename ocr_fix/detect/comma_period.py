"""A period read as a comma before a new sentence (`переговоров, Мы не видим`, `получили, Согласны с`).

A capital after a comma inside a sentence is right only for a name, a title or the polite `Вы`; a word
that can only be a verb, adverb, particle, conjunction, preposition or a personal or demonstrative
pronoun is none of these, so with a small-letter word after it, it opens a sentence, and the comma
before it is the period worn. (With a small-letter word before it and no comma, the capital is the
misreading instead: `capital-inside-sentence`.) Measured on the dev sets, every such comma the gold
text shows was a period.
"""

from __future__ import annotations

from ocr_fix.detect.case import never_capitalised
from ocr_fix.detect.context import Context
from ocr_fix.detect.phrase_periods import NO_SENTENCE_END
from ocr_fix.detect.registry import rule
from ocr_fix.language.grammar import PREPOSITIONS
from ocr_fix.language.normalize import fold
from ocr_fix.tokens import Kind

# pronouns that open sentences and name no one in particular (the polite `Вы` is written with a capital)
_PRONOUNS = frozenset({"я", "мы", "он", "она", "оно", "они", "это", "эти", "этот", "эта", "этом", "этого"})


def _opens_sentence(ctx: Context, index: int) -> bool:
    text = ctx.doc.tokens[index].text
    if not text[:1].isupper() or len(text) > 1 and not text[1:].islower():
        return False
    folded = fold(text)
    return folded in _PRONOUNS or _one_letter_preposition(folded) or \
        (len(text) > 1 and never_capitalised(ctx, text))


def _one_letter_preposition(folded: str) -> bool:
    """`В`, `С`...: a preposition, but a single capital, which the test of a word's kinds leaves out."""
    return len(folded) == 1 and folded in PREPOSITIONS


@rule("comma-for-period", "a comma before a new sentence, the period worn (`переговоров, Мы не видим`)",
      order=244, proposer="hint")
def comma_for_period(ctx: Context):
    doc = ctx.doc
    tokens = doc.tokens
    for i in ctx.tokens_in_view(frozenset({Kind.PUNCT})):
        if tokens[i].text != "," or i == 0 or i in ctx.claimed or i in ctx.protected or not doc.is_russian(i):
            continue
        before = tokens[i - 1]
        if before.kind is not Kind.WORD or not before.text[-1:].islower() or fold(before.text) in NO_SENTENCE_END:
            continue  # `что, Учитывая`: no sentence ends with a conjunction; the capital is the misreading
        word = doc.adjacent_word(i, 1)
        if word is None or doc.token_line[word] != doc.token_line[i] or word in ctx.claimed:
            continue
        after = doc.significant(word, 1)
        if after is None or doc.token_line[after] != doc.token_line[word] or not (
                tokens[after].kind is Kind.WORD and tokens[after].text[:1].islower()
                or tokens[after].kind is Kind.NUMBER and _one_letter_preposition(fold(tokens[word].text))):
            continue  # `, В.` is an initial; a capital after it, a name; `, Я 94` is `№` misread
        if _opens_sentence(ctx, word):
            ctx.claimed.add(word)  # its capital is right: not a case for `capital-inside-sentence`
            yield ctx.finding("comma-for-period", i, i, f"a comma before `{tokens[word].text}`, which opens a "
                              "sentence: the period worn", hint=".")
