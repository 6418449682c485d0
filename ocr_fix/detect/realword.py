"""Real-word rules: a correctly spelled word that is most likely a misreading of another.

OCR of worn copies turns `он` into `ох`, `так как` into `тах ках`, `на` into `ка`: each a word the
dictionary knows, so the unknown-word rule cannot see them. These rules weigh how much more
frequent a one-misreading neighbour is, and whether the text's own grammar agrees.
"""

from __future__ import annotations

import regex

from ocr_fix.confusion import single_edit_sources
from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule
from ocr_fix.language.normalize import fold
from ocr_fix.tokens import Kind

# How much more frequent (in Zipf units) a neighbour must be to call a known word a misreading:
# a cheap, common misreading needs less evidence than an unusual one.
_BASE_GAP = 1.6
_GAP_PER_COST = 2.0
_MAX_COST = 0.6
_MAX_ZIPF = 5.0  # words more frequent than this are left to grammar checks


def frequent_neighbour(ctx: Context, folded: str) -> tuple[str, float, float] | None:
    """The neighbour that best explains a known word as a misreading: (word, cost, zipf gap)."""
    cache = ctx.__dict__.setdefault("_neighbours", {})
    if folded in cache:
        return cache[folded]
    lookup = ctx.lookup
    own = lookup.zipf(folded)
    best = None
    if own < _MAX_ZIPF and not regex.search(r"\d", folded):
        for candidate, cost in single_edit_sources(folded, _MAX_COST).items():
            zipf = lookup.zipf(candidate)
            if not zipf:
                continue
            gap = zipf - own
            needed = _BASE_GAP + _GAP_PER_COST * max(0.0, cost - 0.3)
            if gap >= needed and (best is None or gap - _GAP_PER_COST * cost > best[2] - _GAP_PER_COST * best[1]):
                best = (candidate, cost, gap)
    cache[folded] = best
    return best


@rule("unlikely-word", "a known but rare word one misreading away from a far more frequent one (`тах` for `так`)")
def unlikely_word(ctx: Context):
    doc = ctx.doc
    lexicons = ctx.lexicons
    for i in ctx.open_words():
        text = doc.tokens[i].text
        if not text.islower() and not (text[:1].isupper() and text[1:].islower()):
            continue  # capitals are names and abbreviations, handled by the name rules
        folded = fold(text)
        if folded in lexicons.terms:
            continue  # a period term the lexicons vouch for (names count only in capitals)
        following = doc.significant(i, 1)
        if folded in lexicons.abbreviations and following is not None and doc.tokens[following].text == ".":
            continue  # `тов.`, `ок.`: an abbreviation where abbreviations stand
        if not ctx.lookup.is_known(folded):
            continue
        neighbour = frequent_neighbour(ctx, folded)
        if neighbour is None:
            continue
        word, cost, gap = neighbour
        yield ctx.finding("unlikely-word", i, i,
                          f"a rare word; `{word}` is {gap:.1f} Zipf more frequent and one misreading away")


@rule("sentence-case", "a sentence that starts with a lower-case word after a full stop, usually a misread capital")
def sentence_case(ctx: Context):
    doc = ctx.doc
    for i in ctx.open_words():
        text = doc.tokens[i].text
        if len(text) < 3 or not text[:1].islower():
            continue
        dot = doc.significant(i, -1)
        if dot is None or doc.tokens[dot].text not in (".", "!", "?"):
            continue
        word = doc.significant(dot, -1)
        if word is None or doc.tokens[word].kind is not Kind.WORD:
            continue  # after a number (`18. 17 час`) or a bracket
        previous = fold(doc.tokens[word].text)
        if len(previous) < 4 or previous in ctx.lexicons.abbreviations or not ctx.lookup.is_known(previous):
            continue  # after an abbreviation (`тов. Сталину`, `развед. управление`)
        yield ctx.finding("sentence-case", i, i, "a sentence starts with a lower-case letter")


def _fixing_neighbour(ctx: Context, folded: str, test) -> tuple[str, float] | None:
    """The cheapest one-misreading neighbour of a word for which `test(neighbour)` holds."""
    best = None
    for candidate, cost in single_edit_sources(folded, 0.75).items():
        if ctx.lookup.zipf(candidate) and test(candidate) and (best is None or cost < best[1]):
            best = (candidate, cost)
    return best


@rule("grammar-mismatch", "a preposition and the case that follows it, or an adjective and its noun, do not fit")
def grammar_mismatch(ctx: Context):
    from ocr_fix.language.grammar import PREPOSITIONS, agrees, case_fit

    doc = ctx.doc
    words = ctx.open_words()
    open_set = set(words)
    for i in words:
        nxt = i + 2
        if nxt >= len(doc.tokens) or nxt not in open_set or doc.tokens[i + 1].kind is not Kind.SPACE:
            continue
        first, second = doc.tokens[i].text, doc.tokens[nxt].text
        if not (first.islower() and second.islower()):
            continue
        a, b = fold(first), fold(second)
        if a in PREPOSITIONS:
            if case_fit(a, b) is not False:
                continue
            fix_first = _fixing_neighbour(ctx, a, lambda c: c not in PREPOSITIONS or case_fit(c, b) is True)
            fix_second = _fixing_neighbour(ctx, b, lambda c: case_fit(a, c) is True)
            reason = f"`{first}` does not take the case of `{second}`"
        else:
            if agrees(a, b) is not False:
                continue
            fix_first = _fixing_neighbour(ctx, a, lambda c: agrees(c, b) is True)
            fix_second = _fixing_neighbour(ctx, b, lambda c: agrees(a, c) is True)
            reason = f"`{first}` does not agree with `{second}`"
        choices = [(fix[1], index, fix[0]) for fix, index in ((fix_first, i), (fix_second, nxt)) if fix]
        if not choices:
            continue
        _cost, index, word = min(choices)
        yield ctx.finding("grammar-mismatch", index, index, f"{reason}; `{word}` would fit")
