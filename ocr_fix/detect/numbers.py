"""Numbers misread: a year that cannot be, a stray mark inside a number, the sign `№` read as a letter.

A year is a four-digit number in a year's place: before `г.`, `гг.` or a form of `год`, or after a
month in a date (`14 мая 1949`). No document of the period bears a year after 2030 (`3949`): when the
document writes a year with the same last three digits (`1949`), only the first digit was misread and
that year is the reading; else the year is flagged, with the document's year one digit away, if one,
as its reading for a person to judge. A year before 1800 beside the document's years of the 1900s,
one digit from one of them (`1350` beside `1950`), is more likely misread than not, but may be a real
date of history (`Нерчинский договор 1689 года`), so a person decides.
"""

from __future__ import annotations

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule
from ocr_fix.tokens import Kind

_YEAR_WORDS = frozenset({"г", "гг", "год", "года", "году", "годом", "годе", "годах", "годы", "годов", "годам"})
MONTHS = frozenset({"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                    "октября", "ноября", "декабря"})
LATEST_YEAR = 2030
EARLIEST_LIKELY_YEAR = 1800

# letters OCR makes of `№` before a number (none of them a one-letter word)
_NUMBER_SIGN_MISREADINGS = frozenset("ЖНМХЛШ")
# words that take a number with `№` after them (cipher telegrams, orders, letters, copies)
_NUMBERED = ("шифр", "телегр", "приказ", "письм", "экз", "постановл", "протокол", "решени", "записк",
             "директив", "донесени", "распоряж")
_STRAY_MARK = regex.compile(r"\d+[:;]\d+")
_NUMBERS = frozenset({Kind.NUMBER})


def _word_after(doc, i: int) -> str | None:
    j = i + 1
    if j < len(doc.tokens) and doc.tokens[j].kind is Kind.SPACE and "\n" not in doc.tokens[j].text:
        j += 1
    if j < len(doc.tokens) and doc.tokens[j].kind is Kind.WORD:
        return doc.tokens[j].text.lower()
    return None


def _word_before(doc, i: int) -> str | None:
    j = i - 1
    if j >= 0 and doc.tokens[j].kind is Kind.SPACE:
        j -= 1
    if j >= 0 and doc.tokens[j].kind is Kind.WORD:
        return doc.tokens[j].text.lower()
    return None


def _in_year_place(doc, i: int) -> bool:
    return _word_after(doc, i) in _YEAR_WORDS or _word_before(doc, i) in MONTHS


def _years(doc) -> list[tuple[int, str]]:
    """Four-digit numbers in a year's place: (token index, text)."""
    tokens = doc.tokens
    return [(i, tokens[i].text) for i in doc.tokens_of(_NUMBERS)
            if len(tokens[i].text) == 4 and tokens[i].text.isdigit() and _in_year_place(doc, i)]


def _differ(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b))


@rule("impossible-year", "a year no document of the period bears (`3949` beside `1949`): corrected when the document's "
      "years leave one reading; one before 1800 one digit from them (`1350` beside `1950`) for a person",
      order=130, proposer="number")
def impossible_year(ctx: Context):
    doc = ctx.doc
    years = _years(doc)
    plausible = {text for _, text in years if EARLIEST_LIKELY_YEAR <= int(text) <= LATEST_YEAR}
    modern = {text for text in plausible if int(text) >= 1900}
    for i, text in years:
        if i in ctx.claimed or i in ctx.protected or not doc.is_russian(i):
            continue
        value = int(text)
        if value > LATEST_YEAR or value < 1000:
            same_tail = sorted(y for y in plausible if y[1:] == text[1:])
            if len(same_tail) == 1:
                yield ctx.finding("impossible-year", i, i, f"no document of the period bears the year {text}; "
                                  f"the document writes {same_tail[0]}, and only the first digit differs",
                                  hint=same_tail[0])
                continue
            near = sorted(y for y in plausible if _differ(y[1:], text[1:]) == 1)
            yield ctx.finding("impossible-year", i, i, f"no document of the period bears the year {text}",
                              hint=near[0] if len(near) == 1 and not same_tail else None)
        elif value < EARLIEST_LIKELY_YEAR and modern and plausible == modern:
            near = sorted(y for y in modern if _differ(y, text) == 1)
            if len(near) == 1:
                yield ctx.finding("impossible-year", i, i, f"the year {text} beside the document's {near[0]}: "
                                  "misread, or a date of history", hint=near[0])


@rule("number-stray-mark", "a day or year with a stray mark inside (`1:4 мая`, `1:950 году`); for a person",
      order=140, proposer="number")
def number_stray_mark(ctx: Context):
    doc = ctx.doc
    for i in doc.tokens_of(_NUMBERS):
        tok = doc.tokens[i]
        if not _STRAY_MARK.fullmatch(tok.text):
            continue
        if i in ctx.claimed or i in ctx.protected or not doc.is_russian(i):
            continue
        digits = regex.sub(r"\D", "", tok.text)
        after = _word_after(doc, i)
        if after in MONTHS and 1 <= int(digits) <= 31 and len(digits) <= 2:
            what = "a day"
        elif after in _YEAR_WORDS and len(digits) == 4 and EARLIEST_LIKELY_YEAR <= int(digits) <= LATEST_YEAR:
            what = "a year"
        else:
            continue
        yield ctx.finding("number-stray-mark", i, i, f"{what} with a stray mark inside; reads {digits}", hint=digits)


@rule("number-sign", "`№` read as a letter before a number (`Шифртелеграмма Ж 54611`); for a person",
      order=150, proposer="number")
def number_sign(ctx: Context):
    doc, tokens = ctx.doc, ctx.doc.tokens
    has_sign = "№" in doc.text
    # walked from the numbers (a text has far fewer numbers than tokens): the letter stands two tokens before
    for number in doc.tokens_of(_NUMBERS):
        i = number - 2
        if i < 0 or tokens[i].kind is not Kind.WORD or tokens[i].text not in _NUMBER_SIGN_MISREADINGS:
            continue
        if i in ctx.claimed or i in ctx.protected or not doc.is_russian(i):
            continue
        if not (tokens[i + 1].kind is Kind.SPACE and "\n" not in tokens[i + 1].text
                and tokens[number].text.isdigit() and len(tokens[number].text) >= 2):
            continue
        before = _word_before(doc, i)
        if not (has_sign or before and before.startswith(_NUMBERED)):
            continue
        yield ctx.finding("number-sign", i, i, "a lone letter before a number: probably `№` misread", hint="№")
