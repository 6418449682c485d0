"""Names in title case: a word of a name misread into another word while the name's other parts are
right: `Км Ир Сеном` for `Ким Ир Сеном`, `Мер Цзэ-дуна` for `Мао Цзэ-дуна`.

The name rules judge runs of words in capitals (`МАС ЦЗЕ-ДУН`); in title case an unknown word is
judged by its own letters, and a misread part that happens to be a word (`Км`, `Мер`, `Нас`) is not
judged at all. Here a run of title-case words is read against the lexicons' names: where the other
parts of one name stand right beside it (two of a three-part name, or a two-part name's given name,
which no common word shares: `Цзэ-дуна`), the word is that name's part misread. The name verdict then
weighs it with the rest of the name's evidence. And a name spelled right with a part in small letters
(`Ким ир сен`, a capital read as its small letter) is written as the lexicon writes it.
"""

from __future__ import annotations

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.names import NameRun, partial_name_misses, word_runs
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.normalize import fold

_TITLE_WORD = regex.compile(r"\p{Lu}\p{Ll}*(?:-\p{Ll}+)*")
_DISTINCT_PART = 4  # letters from which a name's part is no common word too
_COMMON = 3.0  # the frequency (Zipf) from which no word rule suspects a word of being misread


@word_kind(small_letters=False)
def _title_word(ctx: Context, text: str) -> bool:
    return _TITLE_WORD.fullmatch(text) is not None


def _title_runs(ctx: Context) -> list[list[int]]:
    """Runs of two or more title-case words, with a name part among them, as names are written."""
    parts = ctx.lexicons.name_parts
    return [run for run in word_runs(ctx.doc, ctx.open_words(_title_word))
            if len(run) >= 2 and any(ctx.folded(i) in parts for i in run)]


def _vouched(ctx: Context, run: list[int], token: int, parts: int) -> bool:
    """Whether the parts read right vouch for the name: two or more, or a distinctive one of a
    two-part name."""
    right = [ctx.folded(i) for i in run if i != token and ctx.folded(i) in ctx.lexicons.name_parts]
    return len(right) >= 2 or parts == 2 and any("-" in p or len(p) >= _DISTINCT_PART for p in right)


@rule("name-part-misread", "a word of a title-case name misread while the name's other parts are right "
      "(`Км Ир Сеном`, `Мер Цзэ-дуна`)", order=55, proposer="name")
def name_part_misread(ctx: Context):
    for run in _title_runs(ctx):
        misses = partial_name_misses(ctx, NameRun(run, set(), []))
        for token, name in sorted(misses.items()):
            folded = ctx.folded(token)
            if token in ctx.claimed or ctx.lookup.zipf(folded) < _COMMON or folded in ctx.lexicons.name_parts or \
                    not _vouched(ctx, run, token, len(name.parts)):
                # (a rare or unknown word is the word rules', which weigh the name beside it too; a part of
                # a name of the lexicons is right as that name: `Эньлаем` beside `Энь-лай`)
                continue
            first, last = _name_span(ctx, run, token, name)
            # the name's words, so that the name verdict weighs the misread one with the parts beside it
            yield ctx.finding("name-part-misread", first, last, f"part of {name.text} misread: the other parts "
                              "beside it match it")


def _name_span(ctx: Context, run: list[int], token: int, name) -> tuple[int, int]:
    """The first and last token of the name around its misread word: the parts beside it read right."""
    forms = set(name.parts) | set(name.last_forms)
    k = run.index(token)
    first = last = k
    while first > 0 and ctx.folded(run[first - 1]) in forms:
        first -= 1
    while last + 1 < len(run) and ctx.folded(run[last + 1]) in forms:
        last += 1
    return run[first], run[last]


def _small_parts(ctx: Context, start: int, name) -> list[int] | None:
    """The tokens of `name` from `start` on, spelled right but one or more in small letters (`Ли зу Еном`,
    `Ким ир сен`); None unless every part is there, and a small one is no common word on its own."""
    doc = ctx.doc
    tokens, i = [start], start
    for _part in name.parts[1:]:
        i = doc.adjacent_word(i, 1)
        if i is None:
            return None
        tokens.append(i)
    last = len(name.parts) - 1
    for k, (i, part) in enumerate(zip(tokens, name.parts)):
        if ctx.folded(i) != part and not (k == last and ctx.folded(i) in name.last_forms):
            return None
    small = [i for i in tokens if doc.tokens[i].text[:1].islower()]
    if not small or len(small) == len(tokens):
        return None  # all in small letters: a run of words, not a name written so
    if len(name.parts) < 3 and any(ctx.lookup.zipf(ctx.folded(i)) >= _COMMON for i in small):
        return None
    return tokens


@word_kind(among=lambda lexicons: lexicons.name_first_parts)
def _name_first_part(ctx: Context, text: str) -> bool:
    return fold(text) in ctx.lexicons.name_first_parts


@rule("name-case", "a name of the lexicons spelled right with a part in small letters (`Ли зу Еном`, `Ким ир сен`)",
      order=56, proposer="reference")
def name_case(ctx: Context):
    doc = ctx.doc
    for i in ctx.open_words(_name_first_part):
        for name in ctx.lexicons.name_entries(ctx.folded(i)):
            if len(name.parts) < 2 or name.parts[0] != ctx.folded(i):
                continue
            tokens = _small_parts(ctx, i, name)
            if tokens is None or any(t in ctx.claimed for t in tokens):
                continue
            for t in tokens:
                text = doc.tokens[t].text
                if text[:1].islower():
                    yield ctx.finding("name-case", t, t, f"part of {name.text}, written with a capital",
                                      hint=text[:1].upper() + text[1:])
            break
