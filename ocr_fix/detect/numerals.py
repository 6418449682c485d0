"""Roman numerals misread as letters: `Т.`, `ТТ.`, `111.` heading the points of a treaty (I., II.,
III.), and `Х сессии` (X) inside a sentence.

Tesseract's Russian model expects no Latin I, V or X, so a Roman numeral comes out as its Cyrillic or
digit look-alike: `I` as `Т`, `Г`, `1`, `l` or `|`; `X` as `Х`. A heading read so is told from an
initial (`Т. Иванов`) by the document itself: the points of a text follow each other, so headings
that read as consecutive numerals (I, II, III) vouch for each other, and the run is corrected. Inside
a sentence, a capital `Х` (`ХХ`, `ХIХ`) between two small-letter words is a numeral, not a misread
`к` (a Russian word there would be in small letters), and a Roman numeral is written in Latin letters.
"""

from __future__ import annotations

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.lexicon.lookup import ONE_LETTER_WORDS
from ocr_fix.tokens import Kind

# what each look-alike of a numeral's letters stands for
_LOOKALIKES = {**dict.fromkeys("ТтIl1|ГгІі", "I"), **dict.fromkeys("Vv", "V"), **dict.fromkeys("ХхXx", "X")}
# strokes read as one letter in a heading: `ПП.`, `ИТ.`, `Чт.` for II., III. (`П` is one serifed I or two)
_HEADING_LOOKALIKES = {**{c: (n,) for c, n in _LOOKALIKES.items()}, **dict.fromkeys("ПпНн", ("I", "II")),
                       **dict.fromkeys("ИиЧ", ("II",)), **dict.fromkeys("Шш", ("III",))}
_NUMERAL = regex.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_VALUES = {"I": 1, "V": 5, "X": 10}
# a heading numeral is short; a longer run of strokes is something else (a rule, a row of marks)
_LONGEST_HEADING = 5
# headings that vouch for each other: at least this many, with letters (a run of digits `1.`, `11.`
# is a numbered list, not numerals misread)
_RUN_WITH_LETTERS = 2


def roman(text: str) -> str | None:
    """The Roman numeral `text` reads as, its look-alikes read as the Latin letters, or None."""
    if not text or len(text) > _LONGEST_HEADING or text[0] not in _LOOKALIKES \
            or any(c not in _LOOKALIKES for c in text):
        return None
    numeral = "".join(_LOOKALIKES[c] for c in text)
    return numeral if _NUMERAL.fullmatch(numeral) else None


def value(numeral: str) -> int:
    total = 0
    for k, letter in enumerate(numeral):
        worth = _VALUES[letter]
        following = _VALUES[numeral[k + 1]] if k + 1 < len(numeral) else 0
        total += -worth if worth < following else worth
    return total


def heading_readings(text: str) -> list[str]:
    """The Roman numerals a heading's look-alikes can read as, smallest first (`ПП` reads as II or III)."""
    if not text or len(text) > _LONGEST_HEADING or text[0] not in _HEADING_LOOKALIKES \
            or any(c not in _HEADING_LOOKALIKES for c in text):
        return []
    readings = {""}
    for c in text:
        readings = {r + option for r in readings for option in _HEADING_LOOKALIKES[c]}
    return sorted((r for r in readings if _NUMERAL.fullmatch(r)), key=value)


@word_kind
def _numeral_lookalike(ctx: Context, text: str) -> bool:
    return bool(heading_readings(text))


_BLANKS = frozenset({Kind.SPACE, Kind.NEWLINE, Kind.MARKUP})  # what `Document.significant` passes over


def _headings(ctx: Context) -> list[tuple[int, list[str]]]:
    """(token index, the numerals it may read as) of each line that opens with a numeral look-alike, a
    dot and a word that is no name (`Т. Иванов`, `П. Н. Федоренко` open lines with an initial)."""
    doc = ctx.doc
    numbers = [i for i in doc.tokens_of(frozenset({Kind.NUMBER})) if roman(doc.tokens[i].text) is not None]
    found = []
    tokens, kinds, token_line = doc.tokens, doc.token_kinds, doc.token_line
    for i in sorted(ctx.open_words_everywhere(_numeral_lookalike) + numbers):
        # first the test most fail (`в`, `с` and `Х` are look-alikes): a dot next on the line
        # (`Document.significant` spelled out: asked of every look-alike of the text, every pass)
        dot = i + 1
        while dot < len(kinds) and kinds[dot] in _BLANKS:
            dot += 1
        if dot == len(kinds) or token_line[dot] != token_line[i] or tokens[dot].text != ".":
            continue
        if not doc.is_russian(i) or not doc.opens_line(i):
            continue
        after = doc.adjacent_word(dot, 1)
        if after is None or _names_someone(ctx, after):
            continue
        found.append((i, heading_readings(doc.tokens[i].text)))
    return found


def _names_someone(ctx: Context, index: int) -> bool:
    """Whether the word at `index` is a surname, a person of the lexicons or an initial (`Н.`)."""
    doc = ctx.doc
    word = doc.tokens[index].text
    if len(word) == 1:
        dot = doc.significant(index, 1)
        return dot is not None and doc.tokens[dot].text == "."
    folded = word.lower().replace("ё", "е")
    lexicons = ctx.lexicons
    return ctx.lookup.looks_like_surname(folded) or any(
        lexicons.names[k].kind == "person" for k in lexicons.name_parts.get(folded, ()))


def _runs(headings: list[tuple[int, list[str]]]) -> list[list[tuple[int, str]]]:
    """The headings split into runs of consecutive numerals (I, II, III), in document order: each read
    as the numeral that continues the run where it can, else as its smallest."""
    runs: list[list[tuple[int, str]]] = []
    for i, readings in headings:
        following = [r for r in readings if runs and value(runs[-1][-1][1]) + 1 == value(r)]
        if following:
            runs[-1].append((i, following[0]))
        else:
            runs.append([(i, readings[0])])
    return runs


@rule("roman-heading", "numbered points headed by Roman numerals read as letters or digits (`Т.`, `ТТ.`, `111.` "
      "for I., II., III.)", order=105, proposer="reference")
def roman_heading(ctx: Context):
    doc = ctx.doc
    for run in _runs(_headings(ctx)):
        with_letters = sum(1 for i, _ in run if not doc.tokens[i].text.isdigit())
        if len(run) < 2 or with_letters < _RUN_WITH_LETTERS:
            continue
        for i, numeral in run:
            text = doc.tokens[i].text
            if text != numeral and ctx.in_focus(i):
                yield ctx.finding("roman-heading", i, i, f"heading {numeral}. of a run of numbered points "
                                  f"({', '.join(n for _, n in run)}); `{text}` is its look-alike", hint=numeral)


@word_kind(small_letters=False)
def _capital_numeral(ctx: Context, text: str) -> bool:
    """`Х`, `ХХ`, `ХIХ`: capitals that read as a numeral with an X in it, not already in Latin letters."""
    numeral = roman(text)
    return numeral is not None and numeral != text and text.isupper() and "X" in numeral


# words a Roman numeral numbers (`IV часть`, `IV ч.`, `X сессии`), by their start
_NUMBERED = regex.compile(r"(?:част|том|глав|раздел|пленум|съезд|сесси|созыв)\w*|ч|т|гл|разд")
# look-alikes of V that only a numbering context tells from a letter (`ТУ часть`, `18/У 1949`)
_ORDINAL_LOOKALIKES = str.maketrans("Уу", "VV")


def _ordinal_numeral(text: str) -> str | None:
    """The numeral a short capital token reads as where a numeral is expected, `У` read as V."""
    if not text.isupper() or len(text) > 4:
        return None
    numeral = roman(text.translate(_ORDINAL_LOOKALIKES))
    return numeral if numeral != text else None


def _numbering(doc, i: int) -> bool:
    """Whether the token at `i` stands where a numeral is expected: as the month of a date (`18/У 1949`),
    or before a word a numeral numbers (`ТУ часть`; not a one-letter word: `У части войск`)."""
    tokens = doc.tokens
    if (1 < i < len(tokens) - 2 and tokens[i - 1].text == "/" and tokens[i - 2].kind is Kind.NUMBER
            and tokens[i + 1].kind is Kind.SPACE and tokens[i + 2].kind is Kind.NUMBER):
        return True
    after = doc.adjacent_word(i, 1)
    return after is not None and _NUMBERED.fullmatch(tokens[after].text.lower()) is not None \
        and tokens[i].text.lower() not in ONE_LETTER_WORDS


@word_kind(small_letters=False)
def _capital_token(ctx: Context, text: str) -> bool:
    return _ordinal_numeral(text) is not None


@rule("roman-numeral", "a capital `Х` inside a sentence, or a capital look-alike where a numeral is expected: the "
      "numeral, not a word (`на заседании Х сессии`, `ТУ часть`, `18/У 1949`)", order=106, proposer="reference")
def roman_numeral(ctx: Context):
    doc = ctx.doc
    for i in ctx.open_words(_capital_token):
        text = doc.tokens[i].text
        numeral = roman(text)
        before, after = doc.significant(i, -1), doc.adjacent_word(i, 1)
        if (_capital_numeral(ctx, text) and before is not None and doc.tokens[before].kind is Kind.WORD
                and doc.tokens[before].text[:1].islower() and after is not None
                and doc.tokens[after].text[:1].islower()):
            yield ctx.finding("roman-numeral", i, i, f"a capital `{text}` inside a sentence is the numeral "
                              f"{numeral}, written in Latin letters", hint=numeral)
        elif _numbering(doc, i):
            numeral = _ordinal_numeral(text)
            yield ctx.finding("roman-numeral", i, i, f"`{text}` stands where a numeral is expected: the numeral "
                              f"{numeral}, written in Latin letters", hint=numeral)
