"""Word rules: letters from the wrong script, digits in words, stray letters, noise, unknown words."""

from __future__ import annotations

import regex

from ocr_fix.confusion import single_edit_sources
from ocr_fix.detect.context import Context
from ocr_fix.detect.phrase_periods import period_inside_phrase
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.normalize import fold, match_case
from ocr_fix.lexicon.lookup import ONE_LETTER_WORDS, beyond_any_word
from ocr_fix.scripts import LATIN_TO_CYRILLIC, Script, cyrillic_lookalike, is_roman_numeral, script_of
from ocr_fix.tokens import Kind

_DIGIT = regex.compile(r"\p{Nd}")
# Legitimate letters-and-digits words: `12-ти`, `38-й`, `Ту-2`, `Т-34`, `ЯК-9`, `Ил-28`.
_DIGIT_OK = regex.compile(r"\p{Nd}+-\p{L}{1,3}|\p{L}{1,4}-\p{Nd}+[\p{L}]?|[1-9]\p{Nd}*\p{L}{1,2}\.?")


_CYRILLIC_LETTER = regex.compile(r"\p{Script=Cyrillic}")


_LATIN_LETTER = regex.compile(r"\p{Script=Latin}")  # as `scripts.script_of` finds one


@word_kind(needs=_LATIN_LETTER)
def _mixed(ctx: Context, text: str) -> bool:
    return script_of(text) is Script.MIXED


@rule("mixed-script", "Latin and Cyrillic letters in one word (`CCCр`, `Кoрея`)",
      order=90, proposer="hint")
def mixed_script(ctx: Context):
    for i in ctx.open_words(_mixed):
        text = ctx.doc.tokens[i].text
        fixed = "".join(LATIN_TO_CYRILLIC.get(ch, ch) for ch in text)
        letters = [ch for ch in fixed if ch.isalpha()]
        if sum(ch.isupper() for ch in letters) * 2 > len(letters) > 2:
            fixed = fixed.upper()  # `САМООПРЕДЕlЕНИЯ`: a word in capitals with one small Latin letter
        note = f"; with Cyrillic letters it reads {fixed}" if script_of(fixed) is Script.CYRILLIC else ""
        yield ctx.finding("mixed-script", i, i, f"Latin and Cyrillic letters mixed in one word{note}",
                          hint=fixed if note else None)


@word_kind(needs=_LATIN_LETTER)
def _latin(ctx: Context, text: str) -> bool:
    return script_of(text) is Script.LATIN


@rule("latin-lookalike", "a word of Latin letters that reads as Russian with Cyrillic look-alikes (`CCCP`)",
      order=100, proposer="hint")
def latin_lookalike(ctx: Context):
    for i in ctx.open_words(_latin):
        text = ctx.doc.tokens[i].text
        if is_roman_numeral(text):
            continue
        cyrillic = cyrillic_lookalike(text)
        if cyrillic and len(cyrillic) > 1 and ctx.lookup.known_word(cyrillic):
            yield ctx.finding("latin-lookalike", i, i, f"typed in Latin look-alike letters; reads {cyrillic}",
                              hint=cyrillic)


@word_kind(small_letters=False)
def _with_digits(ctx: Context, text: str) -> bool:
    return _DIGIT.search(text) is not None


@rule("digit-in-word", "digits inside a word (`и2`, `С0`, `06` before a word), usually misread letters",
      order=160, proposer="word")
def digit_in_word(ctx: Context):
    doc = ctx.doc
    for i in ctx.open_words(_with_digits):
        text = doc.tokens[i].text
        if not _DIGIT_OK.fullmatch(text):
            yield ctx.finding("digit-in-word", i, i, "digits inside a word; probably misread letters")
    # `0 создании`, `06 оказании`: the prepositions О and Об read as digits before a lower-case word.
    for i in ctx.tokens_in_view(_NUMBERS):
        tok = doc.tokens[i]
        if tok.text not in ("0", "06") or i in ctx.protected or not doc.is_russian(i):
            continue
        following = doc.adjacent_word(i, 1)
        before = doc.significant(i, -1)
        # `12.06`, `1949-06`, `5, 06`: part of a number; a dot or a dash standing apart ends a
        # sentence or opens a numbered point (`обстановке. 06 этом`, `3. — 06 ответе`)
        if before is not None and (doc.tokens[before].text in ",:/"
                                   or doc.tokens[before].text in ".-" and doc.tokens[before].end == tok.start):
            continue
        if following is None:
            continue
        after = doc.tokens[following].text
        if after[:1].islower() or (len(after) > 1 and after.isupper()):
            yield ctx.finding("digit-in-word", i, i, "a number where a word belongs; probably misread letters")


_NUMBERS = frozenset({Kind.NUMBER})
_MARKS = frozenset({Kind.OTHER, Kind.PUNCT})


@word_kind
def _lone_letter(ctx: Context, text: str) -> bool:
    return len(text) == 1 and _CYRILLIC_LETTER.match(text) is not None


@rule("stray-letter", "a lone letter that is not a Russian one-letter word, initial or list label",
      order=170, proposer="word", real_word=True)
def stray_letter(ctx: Context):
    doc = ctx.doc
    for i in ctx.open_words(_lone_letter):
        text = doc.tokens[i].text
        # any lone letter but a one-letter word is a fragment or a misreading, unless it is an
        # initial or abbreviation (followed by a dot) or a list label (followed by a bracket)
        if text.lower() in ONE_LETTER_WORDS or doc.alone_on_line(i):
            continue
        nxt = doc.significant(i, 1)
        if nxt is not None and doc.tokens[nxt].text == "." and text.lower() in "йьъы":
            yield ctx.finding("stray-letter", i, i, f"`{text}.` cannot be an initial or an abbreviation")
            continue
        if nxt is not None and doc.tokens[nxt].text == "." and text.isupper():
            after, before = doc.significant(nxt, 1), doc.significant(i, -1)
            # `15 Ч. и разослано`: after a number a capital is a misread unit (`ч.`, `г.`), not an initial
            if (text.lower() in ctx.lexicons.lower_abbreviations and after is not None
                    and before is not None and doc.tokens[before].kind is Kind.NUMBER
                    and doc.tokens[after].kind is Kind.WORD and doc.tokens[after].text[:1].islower()):
                yield ctx.finding("stray-letter", i, i, f"`{text}.` before a small letter is not an initial; "
                                  f"probably the abbreviation `{text.lower()}.`")
                continue
        if nxt is not None and doc.tokens[nxt].text in (".", ")", "/", "-"):
            continue  # an initial, an abbreviation (`т.`, `ч.`), a list label `б)`
        prev = doc.significant(i, -1)
        if prev is not None and doc.tokens[prev].text in ("(", "/", "-"):
            continue  # `ВКП(б)`, `п/п`
        yield ctx.finding("stray-letter", i, i, f"lone letter `{text}` is not a Russian word; a fragment or misreading")


# Marks a typewriter page does not have; OCR makes them from specks, folds and stamps.
_NOISE_SYMBOLS = set("©®™‘’`›‹|\\{}_~^¦•·¤¬¨°")


@rule("noise", "specks read as symbols (`©`, `‘`, `|`, `{`) and stray punctuation standing alone",
      order=180, proposer="noise")
def noise(ctx: Context):
    doc = ctx.doc
    tokens = doc.tokens
    for i in ctx.tokens_in_view(_MARKS):
        if i in ctx.protected or i in ctx.claimed or not doc.is_russian(i):
            continue
        tok = tokens[i]
        if tok.text in _NOISE_SYMBOLS:
            yield ctx.finding("noise", i, i, f"stray mark `{tok.text}`; probably a speck on the page")
        elif tok.kind is Kind.PUNCT and tok.text in ".,:;" and not doc.alone_on_line(i):
            before, after = (tokens[i - 1] if i else None), (tokens[i + 1] if i + 1 < len(tokens) else None)
            spaced_before = before is None or before.kind in (Kind.SPACE, Kind.NEWLINE)
            spaced_after = after is None or after.kind in (Kind.SPACE, Kind.NEWLINE)
            if spaced_before and spaced_after and i > 0:
                yield ctx.finding("noise", i, i, f"punctuation `{tok.text}` standing alone; probably a speck")
            elif tok.text == "." and spaced_after and period_inside_phrase(ctx, i):
                yield ctx.finding("noise", i, i, "a period inside a phrase, before a small-letter word that goes on with "
                                  "the words before it; probably a speck", hint=tokens[i - 1].text)


@rule("name-unknown", "a Chinese or Korean name (by its syllables) that the lexicons lack",
      order=190, proposer="name", archive_vouches=True)
def name_unknown(ctx: Context):
    return ()  # reported by the unknown-word pass, which sees these words first


@word_kind
def _unknown(ctx: Context, text: str) -> bool:
    """A Cyrillic word of two or more letters the lookups do not know."""
    return script_of(text) is Script.CYRILLIC and len(text) >= 2 and not ctx.lookup.is_known(fold(text))


@rule("unknown-word", "a Cyrillic word neither the dictionary nor the lexicons know",
      order=200, proposer="word", archive_vouches=True)
def unknown_word(ctx: Context):
    doc = ctx.doc
    lookup = ctx.lookup
    for i in ctx.open_words(_unknown):
        text = doc.tokens[i].text
        folded = fold(text)
        if beyond_any_word(folded):  # not a surname, a name or an abbreviation either
            yield ctx.finding("unknown-word", i, i, f"{len(text):,} characters without a space, longer than any "
                              "Russian word: noise, or words run together")
            continue
        if text[0].isupper() and lookup.looks_like_surname(folded) and not _sentence_start(ctx, i):
            near = ctx.name_index.near(folded, 0.6)
            if near:
                yield ctx.finding("name-near-miss", i, i, f"resembles {match_case(near[0].part, text)} "
                                  f"({near[0].names[0].text}) but does not match it")
            continue  # a surname the lexicons do not list (a clerk, a signatory): not an error
        if text[0].isupper() and text[1:].islower() and not _sentence_start(ctx, i) and _east_asian_name(ctx, folded):
            near = ctx.name_index.near(folded, 0.6)
            if near:
                yield ctx.finding("name-near-miss", i, i, f"resembles {match_case(near[0].part, text)} "
                                  f"({near[0].names[0].text}) but does not match it")
            else:
                yield ctx.finding("name-unknown", i, i, "a Chinese or Korean name the lexicons lack; check its spelling")
            continue
        if _cut_short(ctx, i) and lookup.is_truncation(folded):
            continue  # a word cut short with a dot (`РАЗВЕД.`, `упр.`): an abbreviation
        if text.isupper() and len(text.replace("-", "")) <= 5:
            continue  # an abbreviation the lexicons lack (`ОССБ`, `СУГОУ`); garbled ones resemble known ones
        yield ctx.finding("unknown-word", i, i, "not a known Russian word form or name")


_CASE_ENDINGS = ("ами", "ями", "ом", "ем", "ой", "ей", "ах", "ях", "а", "я", "у", "ю", "е", "и", "ы")


def _east_asian_name(ctx: Context, folded: str) -> bool:
    """Whether a word reads as a Chinese or Korean proper name, with or without a case ending."""
    palladius = ctx.lexicons.palladius
    stems = {folded} | {folded[: -len(e)] + tail for e in _CASE_ENDINGS if folded.endswith(e) for tail in ("", "ь")}
    for stem in stems:
        if len(stem) >= 2 and palladius.split(stem.replace("-", ""), 4) is not None:
            return True
    return False


def _cut_short(ctx: Context, index: int) -> bool:
    """Whether a word is followed by a dot and then a space or the end (`упр. `, not `угольн.х`)."""
    tokens = ctx.doc.tokens
    nxt = index + 1
    if nxt >= len(tokens) or tokens[nxt].text != ".":
        return False
    return nxt + 1 >= len(tokens) or tokens[nxt + 1].kind in (Kind.SPACE, Kind.NEWLINE) or tokens[nxt + 1].text in ",;:)"


def _sentence_start(ctx: Context, index: int) -> bool:
    doc = ctx.doc
    before = doc.significant(index, -1)
    if before is None or doc.paragraph_start(index):
        return True
    return doc.tokens[before].text in (".", "!", "?") and not _abbreviation_before(ctx, before)


def _abbreviation_before(ctx: Context, dot_index: int) -> bool:
    word = ctx.doc.significant(dot_index, -1)
    return word is not None and ctx.doc.tokens[word].kind is Kind.WORD and fold(ctx.doc.tokens[word].text) in ctx.lexicons.abbreviations


@word_kind(small_letters=False)
def _short_capitals(ctx: Context, text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isupper()


# how costly a misreading of an abbreviation in capitals may be (`КИР` for `КНР`); the word verdict
# weighs the same abbreviations
ABBREVIATION_MISREADING = 0.5


@rule("abbreviation-near-miss", "a word in capitals that resembles a known abbreviation (`КИР` for `КНР`)",
      order=120, proposer="word", real_word=True)
def abbreviation_near_miss(ctx: Context):
    doc = ctx.doc
    lexicons = ctx.lexicons
    for i in ctx.open_words(_short_capitals):
        text = doc.tokens[i].text
        folded = fold(text)
        if folded in lexicons.abbreviations or folded in lexicons.name_parts:
            continue
        neighbours = [a for a in single_edit_sources(folded, ABBREVIATION_MISREADING) if a in lexicons.capital_abbreviations]
        if not neighbours:
            continue
        if ctx.lookup.is_known(folded) and not _in_lower_case_text(ctx, i):
            continue  # a word in a heading typed in capitals
        yield ctx.finding("abbreviation-near-miss", i, i,
                          f"resembles the abbreviation {neighbours[0].upper()}")


def _in_lower_case_text(ctx: Context, index: int) -> bool:
    """Whether the words around a token are ordinary lower-case text (where capitals stand out)."""
    doc = ctx.doc
    lower = 0
    for step in (-1, 1):
        j, seen = index, 0
        while seen < 3:
            j += step
            if not 0 <= j < len(doc.tokens) or doc.tokens[j].kind is Kind.NEWLINE and seen == 0 and False:
                break
            if not 0 <= j < len(doc.tokens):
                break
            if doc.tokens[j].kind is Kind.WORD:
                seen += 1
                lower += doc.tokens[j].text.islower()
    return lower >= 2


# A speck read as a mark inside a word splits it in two: `пра.вительство`, `угольн.х`, `сл'ово`.
_INNER_MARKS = {".", ",", "'", "’", "‘", "`", "|"}


@rule("split-word", "a word split by a stray mark inside it (`пра.вительство`); joined on correction",
      order=80, proposer="hint")
def split_word(ctx: Context):
    doc = ctx.doc
    tokens = doc.tokens
    lookup = ctx.lookup
    # the open words a mark follows (most words are followed by a space)
    for i in ctx.words_before_marks(_INNER_MARKS):
        if i + 2 >= len(tokens) or tokens[i + 1].text not in _INNER_MARKS or i + 2 in ctx.claimed:
            continue
        right = tokens[i + 2]
        if right.kind is not Kind.WORD or i + 2 in ctx.protected:
            continue
        left_text, right_text = tokens[i].text, right.text
        if script_of(left_text) is not Script.CYRILLIC or script_of(right_text) is not Script.CYRILLIC:
            continue
        left, right_folded = fold(left_text), fold(right_text)
        if lookup.is_known(left) and lookup.is_known(right_folded):
            continue  # two words with a mark between them (`т.п`, `тов.Сталину`)
        joined = left_text + right_text
        if not lookup.is_known(fold(joined)):
            # the mark may stand for a letter it wiped out (`угольн.х` for `угольных`)
            filled = [left_text + match_case(letter, right_text[:1]) + right_text for letter in "ыиоеаьлнт"
                      if lookup.is_known(fold(left_text + letter + right_text))]
            if len(filled) != 1:
                continue
            joined = filled[0]
        yield ctx.finding("split-word", i, i + 2, f"a word split by `{tokens[i + 1].text}`; reads {joined}",
                          hint=joined)
