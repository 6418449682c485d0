"""Layout rules: page furniture inside running text, and letter-spaced words.

Both run before the word rules: furniture is reported and kept out of corrections; the letters of a
letter-spaced word are one word, not a row of stray letters.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.lookup import LONGEST_WORD, ONE_LETTER_WORDS
from ocr_fix.resources import cached
from ocr_fix.tokens import Kind, tokenize

# Continuation marks every telegram of the period uses, besides the lexicon's phrases.
_BUILTIN_FURNITURE = [
    r"\(\s*см\.?\s*(?:сл|след)\.?\s*(?:лист|стр)\.?\s*\)",
    r"продолжение\s+(?:шифровки|шифротелеграммы|телеграммы|документа)\s*(?:№|N[°oº]?)\s*\d[\d/\-]*",
]


def _phrase_pattern(phrase: str) -> str:
    parts = []
    for tok in tokenize(phrase):
        if tok.kind in (Kind.SPACE, Kind.NEWLINE):
            continue
        if tok.text == "№":
            parts.append(r"(?:№|N[°oº]?)\s*\d[\d/\-]*")
        else:
            parts.append(regex.escape(tok.text))
    return r"\s*".join(parts)


@cached("layout.furniture_regex")
def _furniture_regex(phrases: tuple[str, ...]) -> regex.Pattern:
    alternatives = list(_BUILTIN_FURNITURE) + [_phrase_pattern(p) for p in phrases]
    return regex.compile(
        r"(?<![\p{L}\p{N}])(?:" + "|".join(f"(?:{a})" for a in alternatives) + r")(?![\p{L}\p{N}])",
        regex.IGNORECASE | regex.VERSION1,
    )


@rule("page-furniture", "page furniture inside running text (continuation marks, stamps); reported, never corrected",
      order=10, proposer="report", always=True)
def page_furniture(ctx: Context):
    doc = ctx.doc
    pattern = _furniture_regex(tuple(ctx.lexicons.furniture))
    for start, end in furniture_spans(doc, pattern):
        first, last = doc.token_span(start, end)
        if not doc.is_russian(first):
            continue
        ctx.protected.update(range(first, last + 1))
        yield ctx.finding("page-furniture", first, last, "page furniture, kept as it is", category="furniture")


def furniture_spans(doc, pattern: regex.Pattern) -> list[tuple[int, int]]:
    """Where `pattern` finds furniture in the document's text: in an edited document, the matches of the
    document it was edited from, and the text around the edits searched again (see `_spans_after_edits`)."""
    before = doc.kept_before_edits(pattern)
    if before is None or _MATCHES_MORE.search(pattern.pattern):
        spans = [match.span() for match in pattern.finditer(doc.text)]
    else:
        spans = _spans_after_edits(doc.text, pattern, *before)
    doc.keep_for_edits(pattern, spans)
    return spans


# Marks no furniture pattern can hold where it does not spell them (none has a letter case, a digit or a
# space): the pattern's search, started at a character before one, never reads past it, and no match
# spans one. So for patterns that match only what they spell, spaces, digits and `/-` (as the built-in
# ones and `_phrase_pattern`'s do): no wildcard, negated class or class of everything but something.
_UNMATCHED_MARKS = ",;:!?«»"
_MATCHES_MORE = regex.compile(r"\[\^|\\[WSDPX]|(?<!\\)(?:\\\\)*\.")


def _spans_after_edits(text: str, pattern: regex.Pattern, old_spans: list[tuple[int, int]],
                       edits: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The matches of `pattern` in `text`, which is the text with `old_spans` after `edits`: between
    the marks around each edit searched again; elsewhere the text is as it was, and so are its matches."""
    marks = "".join(mark for mark in _UNMATCHED_MARKS if mark not in pattern.pattern)
    before = regex.compile(f"[{regex.escape(marks)}]", regex.REVERSE) if marks else None
    after = regex.compile(f"[{regex.escape(marks)}]") if marks else None
    windows: list[list[int]] = []  # [first, last] in the new text: the marks around edits, or the text's ends
    shifts: list[tuple[int, int]] = []  # (a new offset past an edit, how far the edits before it moved the text)
    shift = 0
    for start, end, replacement in edits:
        new_start = start + shift
        shift += len(replacement) - (end - start)
        new_end = end + shift
        found = before.search(text, 0, new_start) if before else None
        first = found.start() if found else -1
        found = after.search(text, new_end) if after else None
        last = found.start() if found else len(text)
        if windows and first < windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], last)
        else:
            windows.append([first, last])
        shifts.append((new_end, shift))
    spans: list[tuple[int, int]] = []
    ends = [new_end for new_end, _shift in shifts]
    moved = [0] + [shift for _end, shift in shifts]

    def old_offset(new: int) -> int:  # of a point outside every edit
        return new - moved[bisect_right(ends, new)]

    kept = iter(old_spans)
    span = next(kept, None)
    for first, last in windows:
        old_first, old_last = old_offset(first), old_offset(last)
        while span is not None and span[0] < old_first:  # before the window: as it was, moved
            spans.append((span[0] + first - old_first, span[1] + first - old_first))
            span = next(kept, None)
        while span is not None and span[0] < old_last:  # in the window: searched again
            span = next(kept, None)
        spans.extend(match.span() for match in pattern.finditer(text, max(first, 0), min(last + 1, len(text))))
    last_window = windows[-1] if windows else None
    while span is not None:
        offset = 0 if last_window is None else last_window[1] - old_offset(last_window[1])
        spans.append((span[0] + offset, span[1] + offset))
        span = next(kept, None)
    return spans


# Single capitals separated by one to three spaces; three or more letters make a spaced word.
_SPACED = regex.compile(r"(?<![\p{L}\p{N}.])\p{Lu}(?:[ \t]{1,3}\p{Lu}){2,}(?![\p{L}\p{N}])")


def segment_letters(letters: str, known, max_words: int = 4) -> list[str] | None:
    """Split a run of letters into known words (fewest words first), or None."""
    n = len(letters)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        # a piece longer than any word is never one: a run of n letters costs n look-ups of a few
        # dozen letters at most, not n² look-ups of up to n letters
        for start in range(end - 1, max(-1, end - 1 - LONGEST_WORD), -1):
            prev = best[start]
            if prev is None or len(prev) >= max_words:
                continue
            piece = letters[start:end]
            if len(piece) == 1 and piece.lower() not in ONE_LETTER_WORDS:
                continue
            if known(fold(piece)):
                candidate = prev + [piece]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[n]


def join_spaced(run: str, known) -> str | None:
    """The words a letter-spaced run stands for: `Ф И Л И П П О В У` -> `ФИЛИППОВУ`.

    Three or more spaces mark a gap between words, as typists left them; without such gaps the
    lexicons decide where words end (`З А П И С Ь Б Е С Е Д Ы` -> `ЗАПИСЬ БЕСЕДЫ`).
    """
    groups = [g.replace(" ", "").replace("\t", "") for g in regex.split(r"[ \t]{3,}", run)]
    words: list[str] = []
    for group in groups:
        if known(fold(group)):
            words.append(group)
            continue
        pieces = segment_letters(group, known)
        if pieces is None:
            return None
        words.extend(pieces)
    return " ".join(words)


@rule("letter-spaced", "a word typed with spaces between its letters (`Ф И Л И П П О В У`); joined on correction",
      order=30, proposer="hint", always=True)
def letter_spaced(ctx: Context):
    doc = ctx.doc
    for match in _SPACED.finditer(doc.text):
        first, last = doc.token_span(match.start(), match.end())
        if not doc.is_russian(first) or any(i in ctx.protected for i in range(first, last + 1)):
            continue
        letters = regex.sub(r"\s", "", match.group())
        joined = join_spaced(match.group(), ctx.lookup.known_word)
        if joined is None:
            if len(letters) < 4:
                continue  # `В Я 1949`: too short to call a spaced word without a dictionary match
            joined = letters
        yield ctx.finding("letter-spaced", first, last, f"letter-spaced word; reads {joined}",
                          category="layout", hint=joined)


_LINE_END_HYPHENS = ("-", "\u00ad", "\u2010")


@rule("line-hyphenation", "a word hyphenated at the end of a line (`Северо-` / `Восточного`); joined only on request",
      order=40, proposer="join")
def line_hyphenation(ctx: Context):
    doc = ctx.doc
    tokens = doc.tokens
    # the open words a hyphen follows (most words are followed by a space)
    for i in ctx.words_before_marks(_LINE_END_HYPHENS):
        # word, hyphen, optional spaces, a line break, optional spaces, word
        j = i + 1
        if j >= len(tokens) or tokens[j].text not in _LINE_END_HYPHENS:
            continue
        k = j + 1
        while k < len(tokens) and tokens[k].kind is Kind.SPACE:
            k += 1
        if k >= len(tokens) or tokens[k].kind is not Kind.NEWLINE:
            continue
        k += 1
        while k < len(tokens) and tokens[k].kind is Kind.SPACE:
            k += 1
        if k >= len(tokens) or tokens[k].kind is not Kind.WORD or k in ctx.protected:
            continue
        first, second = tokens[i].text, tokens[k].text
        joined = first + second
        hyphenated = f"{first}-{second}"
        if second[:1].isupper() or ctx.lookup.known_word(hyphenated) and not ctx.lookup.known_word(joined):
            hint = hyphenated  # a compound that keeps its hyphen (`Северо-Восточного`)
        elif ctx.lookup.known_word(joined):
            hint = joined
        else:
            continue
        yield ctx.finding("line-hyphenation", i, k, f"hyphenated at the line end; joined it reads {hint}",
                          category="layout", hint=hint)
