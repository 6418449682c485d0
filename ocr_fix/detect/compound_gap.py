"""A compound adjective with a space after its hyphen (`китайско- корейскую` for `китайско-корейскую`),
or for it (`советско китайских`).

A gap after a hyphen inside a line comes out as a space, and a faint hyphen as a gap. The first part
then stands alone (`китайско`), no word of its own, and a word rule would read it as the nearest word
(`китайское`), breaking the compound. Joined, the parts make a compound the dictionary knows, ending
in a full adjective (`таке готовы` is `также` misread, no compound). A hyphen that hangs over a
conjunction (`русско- и англоязычный`) is the writer's, not a gap: the word after it is `и` or `или`.
"""

from __future__ import annotations

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.morphology import parses
from ocr_fix.language.normalize import fold
from ocr_fix.tokens import Kind


_CONJUNCTIONS = frozenset({"и", "или", "либо"})


def _suspended(ctx: Context, i: int) -> bool:
    """Whether the word at `i` ends in a hyphen hanging over a conjunction (`русско- и`)."""
    tokens = ctx.doc.tokens
    return i + 3 < len(tokens) and tokens[i + 1].text == "-" and tokens[i + 2].kind is Kind.SPACE and \
        fold(tokens[i + 3].text) in _CONJUNCTIONS


def _joined(ctx: Context, i: int) -> tuple[int, str] | None:
    """(index of the second part, the compound) when the word at `i` is a compound's first part cut off
    from the rest by a space after its hyphen."""
    tokens = ctx.doc.tokens
    if i + 2 < len(tokens) and tokens[i + 1].text == " ":
        last = i + 2  # `советско китайских`: the hyphen itself read as the gap
    elif i + 3 < len(tokens) and tokens[i + 1].text == "-" and tokens[i + 2].kind is Kind.SPACE:
        last = i + 3
    else:
        return None
    rest = tokens[last]
    if rest.kind is not Kind.WORD:
        return None
    first = tokens[i].text
    if first[-1:].isupper() != rest.text[-1:].isupper():
        return None  # `КИТАЙСКО- корейскую`: parts of two cases are no one word
    joined = f"{first}-{rest.text}"
    if ctx.lookup.known_word(first) or not ctx.lookup.known_word(joined):
        return None
    if not any(reading.pos == "ADJF" for reading in parses(fold(rest.text))):
        return None  # a compound adjective ends in an adjective (`таке готовы` is `также готовы`)
    return last, joined


@word_kind(needs=regex.compile(r"[оеОЕ]\Z"))
def _compound_stem(ctx: Context, text: str) -> bool:
    return text[-1:] in "оеОЕ" and ctx.lookup.compound_stem(fold(text))


@rule("compound-gap", "a compound with a space after its hyphen or for it (`китайско- корейскую`, `советско "
      "китайских`); joined on correction",
      order=36, proposer="hint")
def compound_gap(ctx: Context):
    for i in ctx.open_words(_compound_stem):
        if _suspended(ctx, i):
            ctx.protected.add(i)  # the first part of a pair of compounds: the writer's, whole as it stands
            continue
        found = _joined(ctx, i)
        if found is not None:
            rest, joined = found
            if rest in ctx.claimed or rest in ctx.protected:
                continue
            yield ctx.finding("compound-gap", i, rest, f"a compound's parts apart; reads {joined}", hint=joined)
