"""Page furniture read with misread letters: `(сн. ся. лист)`, `{си. сл. пист}` for `(см. сл. лист)`.

A continuation mark in brackets has a fixed shape: the bracket, short words each with its dot, the
bracket. Where a bracketed run of tokens has the shape of a mark the lexicons list, every word a cheap
misreading of the mark's word and one word read right (or three words, all cheaply misread), it can
only be that mark: its words are corrected to the mark's (a brace to the bracket it wore from), and
the whole is kept out of the word rules as furniture is. The spacing is kept as read; a mark that lost
a dot (`{сы са. дист)`) has another shape and is left to the other rules.
"""

from __future__ import annotations

from ocr_fix.confusion import weighted_distance
from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule
from ocr_fix.language.normalize import fold, match_case
from ocr_fix.resources import cached
from ocr_fix.tokens import Kind, tokenize

_OPENING = frozenset("({")
_CLOSING = frozenset(")}")
_BRACKETS = {"{": "(", "}": ")"}  # no typewriter of the period had braces: a worn bracket
_WORD_COST = 1.0  # each word of the mark at most one cheap misreading away
_MARK_COST = 2.0  # and the whole mark at most two
_LONG_MARK = 3  # a mark of this many words is known by its shape even with none read right
_LONG_MARK_EXTRA = 0.5  # ... and may have misread that much more


@cached("furniture_misread.shapes")
def _shapes(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The bracketed marks as token texts without the blanks, brackets included (`(`, `см`, `.`, ...)."""
    shapes = []
    for phrase in phrases:
        texts = tuple(t.text for t in tokenize(phrase) if t.kind not in (Kind.SPACE, Kind.NEWLINE))
        if len(texts) >= 4 and texts[0] == "(" and texts[-1] == ")" and \
                sum(1 for t in texts if t.isalpha()) >= 2:
            shapes.append(texts)
    return tuple(shapes)


def _window(ctx: Context, first: int, size: int) -> list[int] | None:
    """The indices of `size` tokens from `first` on, blanks skipped, all on one line; else None."""
    doc = ctx.doc
    out, i = [], first
    while len(out) < size and i < len(doc.tokens):
        tok = doc.tokens[i]
        if tok.kind is Kind.NEWLINE:
            return None
        if tok.kind is not Kind.SPACE:
            out.append(i)
        i += 1
    return out if len(out) == size else None


def _misread_words(ctx: Context, window: list[int], shape: tuple[str, ...]) -> list[tuple[int, str]] | None:
    """The window's words that misread the mark's (index, the mark's word), if the window is the mark."""
    tokens = ctx.doc.tokens
    misread, total, right = [], 0.0, 0
    for i, expected in zip(window[1:-1], shape[1:-1]):
        text = tokens[i].text
        if not expected.isalpha():
            if text != expected:
                return None
            continue
        if tokens[i].kind is not Kind.WORD:
            return None
        cost = weighted_distance(expected, fold(text))
        if cost > _WORD_COST:
            return None
        total += cost
        if cost == 0:
            right += 1
        else:
            misread.append((i, match_case(expected, text)))
    words = right + len(misread)
    if not misread or total > _MARK_COST + (_LONG_MARK_EXTRA if words >= _LONG_MARK else 0.0):
        return None
    if not right and words < _LONG_MARK:
        return None  # two short words misread (`(сы. ля.)`): too little of the mark to know it
    return misread


@rule("furniture-misread", "page furniture read with misread letters (`(сн. ся. лист)` for `(см. сл. лист)`); "
      "its words corrected, the whole kept as furniture", order=12, proposer="reference")
def furniture_misread(ctx: Context):
    doc = ctx.doc
    shapes = _shapes(tuple(ctx.lexicons.furniture))
    for first in ctx.tokens_in_view(frozenset({Kind.PUNCT, Kind.OTHER})):
        if doc.tokens[first].text not in _OPENING or first in ctx.protected or not doc.is_russian(first):
            continue
        for shape in shapes:
            window = _window(ctx, first, len(shape))
            if window is None or doc.tokens[window[-1]].text not in _CLOSING:
                continue
            misread = _misread_words(ctx, window, shape)
            if misread is None:
                continue
            mark = " ".join(shape[1:-1]).replace(" .", ".")
            braces = [(i, _BRACKETS[doc.tokens[i].text]) for i in (window[0], window[-1])
                      if doc.tokens[i].text in _BRACKETS]
            for i, word in sorted(misread + braces):
                yield ctx.finding("furniture-misread", i, i, f"inside the page furniture `({mark})` this can only "
                                  f"be `{word}`", category="furniture", hint=word)
            ctx.protected.update(range(window[0], window[-1] + 1))
            break
