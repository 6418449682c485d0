"""A word of a state's, body's or office's name written small (`советскому союзу`, `Верховного совета`).

Documents of the period write these names with a capital on every word (`lexicons/titles.txt`), however
they are declined; most Cyrillic capitals are their small letters drawn larger, and OCR reads some of them
small. The name's words are matched by their dictionary forms, so every case of the name is found.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.morphology import lemmas
from ocr_fix.lexicon.phrase_forms import genitive_after_noun
from ocr_fix.language.normalize import fold
from ocr_fix.resources import cached_per_owner
from ocr_fix.tokens import Kind, tokenize

# letters a word shares with a title's first word before their dictionary forms are compared (`тих`: `тихом`)
_PREFIX = 3


class _TitleWord(NamedTuple):
    forms: frozenset[str]  # what the word may be written as: its dictionary forms, or its own form
    capital: bool  # whether the title writes it with a capital (`Тихий океан`: the first only)


@cached_per_owner("titles.lemmas")
def _title_lemmas(lexicons) -> dict[str, list[tuple[_TitleWord, ...]]]:
    """The titles of the lexicons, by their first word's first letters, each as what its words may be
    written as: a declined word any form of its dictionary forms (`советскому союзу`), the genitive after
    a noun, which stays as it is (`Совета Министров`, not `совет министра`), its own form."""
    by_prefix: dict[str, list[tuple[_TitleWord, ...]]] = {}
    for title in lexicons.titles:
        written = [t.text for t in tokenize(title) if t.kind is Kind.WORD]
        words = [fold(w) for w in written]
        if len(words) < 2:
            continue
        wanted, fixed = [], False
        for before, word, text in zip([None] + words, words, written):
            fixed = fixed or before is not None and genitive_after_noun(before, word)
            forms = frozenset({word}) if fixed else lemmas(word) or frozenset({word})
            wanted.append(_TitleWord(forms, text[:1].isupper()))
        by_prefix.setdefault(words[0][:_PREFIX], []).append(tuple(wanted))
    return by_prefix


@word_kind
def _may_begin_a_title(ctx: Context, text: str) -> bool:
    """Whether a word shares its first letters with a title's first word (few words do)."""
    return fold(text)[:_PREFIX] in _title_lemmas(ctx.lexicons)


@rule("title-small", "a word of a state's or body's name of the lexicons written small (`советскому союзу`)",
      order=248, proposer="hint")
def title_small(ctx: Context):
    titles = _title_lemmas(ctx.lexicons)
    if not titles:
        return
    doc = ctx.doc
    words, tokens = doc.russian_words, doc.tokens
    for k in _starts(ctx, max(len(t) for group in titles.values() for t in group)):
        for title in titles.get(fold(tokens[words[k]].text)[:_PREFIX], ()):
            window = words[k:k + len(title)]
            if len(window) == len(title) and _reads_as(doc, window, [fold(tokens[i].text) for i in window], title):
                yield from _small_words(ctx, window, title)


def _starts(ctx: Context, longest: int):
    """Where a title may begin (as positions in the document's words): at a word that may begin one, or
    within a focus, at the words a title through it would begin with (a later pass reads only what the
    previous one changed)."""
    words = ctx.doc.russian_words
    if ctx.focus is None:
        return [bisect_left(words, i) for i in ctx.words_of(_may_begin_a_title)]
    # Only a word that may begin a title begins one, and few do: those of the whole text, kept where a
    # title through them would reach a word in view (cheaper than every start behind every word in view).
    in_view = ctx.focus_positions
    starts = []
    for i in ctx.words_of_everywhere(_may_begin_a_title):
        k = bisect_left(words, i)
        j = bisect_left(in_view, k)
        if j < len(in_view) and in_view[j] <= k + longest - 1:
            starts.append(k)
    return starts


def _reads_as(doc, window: list[int], folded: list[str], title: tuple[_TitleWord, ...]) -> bool:
    """Whether words side by side, with nothing but spaces between, are written as the title's words."""
    if any(doc.adjacent_word(a, 1) != b for a, b in zip(window, window[1:])):
        return False
    return all(w in wanted.forms or lemmas(w) & wanted.forms for w, wanted in zip(folded, title))


def _small_words(ctx: Context, window: list[int], title: tuple[_TitleWord, ...]):
    tokens = ctx.doc.tokens
    if any(tokens[i].text.isupper() for i in window):
        return  # a name in capitals has a style of its own
    for i, wanted in zip(window, title):
        text = tokens[i].text
        if wanted.capital and text[:1].islower() and ctx.in_focus(i) and i not in ctx.claimed \
                and i not in ctx.protected:
            yield ctx.finding("title-small", i, i, f"`{text}` is part of a name written with capitals",
                              hint=text[0].upper() + text[1:])
