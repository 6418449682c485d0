"""A word's first letter split off by a gap the OCR read as a space (`Ф ИЛИППОВУ` for `ФИЛИППОВУ`).

A wide first letter, or a capital typed with a space after it, comes out as a lone letter and the rest
of the word. Joined, the two make a word the dictionary or the lexicons know, while the rest alone is
no word: that leaves one reading. A one-letter word before a word (`В МОСКВУ`, `С ТАЛИНУ`) is told
apart by the same test: the rest is a word of its own, or the joined string is none.
"""

from __future__ import annotations

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.tokens import Kind

_REST_MIN = 3  # letters the rest must have: shorter pieces join into words by chance


def _joined(ctx: Context, i: int) -> tuple[int, str] | None:
    """(index of the rest, the joined word) when the lone letter at `i` is the split-off first letter."""
    tokens = ctx.doc.tokens
    letter = tokens[i].text
    if len(letter) != 1 or not letter.isupper() or i + 2 >= len(tokens):
        return None
    gap, rest = tokens[i + 1], tokens[i + 2]
    if gap.kind is not Kind.SPACE or gap.text != " " or rest.kind is not Kind.WORD or len(rest.text) < _REST_MIN:
        return None
    if not (rest.text.isupper() or rest.text.islower()):
        return None  # `Ф Илиппову` is no split word: the rest keeps no capital of its own
    lookup = ctx.lookup
    joined = letter + rest.text
    if lookup.known_word(rest.text) or not lookup.known_word(joined):
        return None
    return i + 2, joined


@word_kind(small_letters=False)
def _lone_capital(ctx: Context, text: str) -> bool:
    return len(text) == 1 and text.isupper()


@rule("split-first-letter", "a word's first letter split off by a gap (`Ф ИЛИППОВУ`); joined on correction",
      order=35, proposer="hint")
def split_first_letter(ctx: Context):
    for i in ctx.open_words(_lone_capital):
        found = _joined(ctx, i)
        if found is not None:
            rest, joined = found
            if rest in ctx.claimed or rest in ctx.protected:
                continue
            yield ctx.finding("split-first-letter", i, rest, f"first letter split off; reads {joined}", hint=joined)
