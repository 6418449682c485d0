"""Real-word rules: a correctly spelled word that is most likely a misreading of another.

OCR of worn copies turns `он` into `ох`, `так как` into `тах ках`, `на` into `ка`: each a word the
dictionary knows, so the unknown-word rule cannot see them. These rules weigh how much more
frequent a one-misreading neighbour is (whether the text's own grammar agrees: `agreement`), and
read a sentence's start.
"""

from __future__ import annotations

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.morphology import only_a_name
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.lookup import ONE_LETTER_WORDS
from ocr_fix.resources import cached_per_owner
from ocr_fix.tokens import Kind
from ocr_fix.wording import times_more_frequent

# How much more frequent (in Zipf units) a neighbour must be to call a known word a misreading:
# a cheap, common misreading needs less evidence than an unusual one.
_BASE_GAP = 0.4
_GAP_PER_COST = 2.0
_MAX_COST = 0.75
_MAX_ZIPF = 5.5  # words more frequent than this are left to grammar checks
# Short words (`ох`, `ка`, `тах`) are misread into other words all the time; a longer word that is
# a real form is far more likely right, so it needs more evidence.
_LONG_WORD = 5
_LONG_WORD_GAP = 1.0
_LONG_WORD_MAX_ZIPF = 3.5


_DIGIT = regex.compile(r"\d")


def frequent_neighbour(lookup, folded: str, small: bool = False) -> tuple[str, float, float] | None:
    """The neighbour that best explains a known word as a misreading: (word, cost, zipf gap). For a
    word written `small`, a neighbour that is only ever a name (`джонни` for `джонки`) explains nothing.
    Not cached: its one caller's verdict is kept once a written word (a cache of this, keyed by the
    folded word, was asked again once in 30 times on 200,000 words)."""
    own = lookup.zipf(folded)
    if own >= _MAX_ZIPF or _DIGIT.search(folded):
        return None
    long_word = len(folded) >= _LONG_WORD
    if long_word and own >= _LONG_WORD_MAX_ZIPF:
        return None  # a common long word is taken as written
    best = None
    for candidate, cost, zipf in _frequent_enough(lookup, folded, own + _BASE_GAP + (_LONG_WORD_GAP if long_word else 0.0)):
        gap = zipf - own
        needed = _BASE_GAP + _GAP_PER_COST * max(0.0, cost - 0.3) + (_LONG_WORD_GAP if long_word else 0.0)
        if gap >= needed and (best is None or gap - _GAP_PER_COST * cost > best[2] - _GAP_PER_COST * best[1]) \
                and not (small and only_a_name(candidate)):
            best = (candidate, cost, gap)
    return best


def _frequent_enough(lookup, folded: str, floor: float) -> list[tuple[str, float, float]]:
    """(word, cost, Zipf) of the neighbours within `_MAX_COST` of about `floor` or more, in the order of
    `lookup.neighbour_frequencies` (cheapest, then most frequent): the only ones frequent enough to
    explain a word. Read straight off the index: of the dozen or so neighbours of a word, hardly one is
    that frequent, and listing and sorting them all (what `neighbour_frequencies` keeps), for each
    distinct word of a text, took as long as finding them."""
    floor -= 1e-9  # below the exact test's bound (`zipf - own >= gap`, in floating point), never above
    found = [(word, cost, zipf) for word, cost, zipf in lookup.one_misreading_words(folded, _MAX_COST)
             if zipf >= floor and (len(word) > 1 or word in ONE_LETTER_WORDS)]
    if len(found) > 1:
        found.sort(key=_cheapest_then_commonest)
    return found


def _cheapest_then_commonest(entry: tuple[str, float, float]) -> tuple[float, float, str]:
    word, cost, zipf = entry
    return cost, -zipf, word


@rule("unlikely-word", "a known but rare word one misreading away from a far more frequent one (`тах` for `так`)",
      order=210, proposer="word", real_word=True, evidence="likelihood",
      archive_vouches=True)
def unlikely_word(ctx: Context):
    doc = ctx.doc
    # what a word's own letters decide is worked out once per word; only the dot after it is read here
    for i in ctx.open_words(_rare_near_frequent):
        (word, _cost, gap), folded, dot_ends_it = _unlikely_verdict(ctx.lookup, doc.tokens[i].text)
        following = doc.significant(i, 1)
        if following is not None and doc.tokens[following].text == "." and (dot_ends_it or ctx.lookup.is_truncation(folded)):
            continue  # `ок.`, `Эк.`, `Упр.`: an abbreviation, or a word cut short with a dot
        yield ctx.finding("unlikely-word", i, i,
                          f"a rare word; `{word}` is {times_more_frequent(gap)} more frequent and one "
                          "misreading away")


@word_kind
def _rare_near_frequent(ctx: Context, text: str) -> bool:
    # uncached: the word kinds keep it once a distinct text, and the rule asks again only of those of this kind
    return bool(_unlikely_verdict.__wrapped__(ctx.lookup, text))


@cached_per_owner("realword.unlikely_verdict")
def _unlikely_verdict(lookup, text: str):
    """False for a word the rule leaves alone wherever it stands; else its frequent neighbour, its
    folded form, and whether a dot after it makes it an abbreviation."""
    lexicons = lookup.lexicons
    if len(text) < 2 or not text.islower() and not (text[:1].isupper() and text[1:].islower()):
        return False  # lone letters and capitals have rules of their own
    folded = fold(text)
    if folded in lexicons.terms or text[0].isupper() and folded in lexicons.name_parts:
        return False  # a period term or a capitalised name the lexicons vouch for
    abbreviation = folded in lexicons.abbreviations
    if abbreviation and len(folded) > 2:
        return False  # `тов`: an abbreviation
    if not lookup.is_known(folded):
        return False
    neighbour = frequent_neighbour(lookup, folded, text.islower())
    if neighbour is None:
        return False
    return neighbour, folded, abbreviation or len(folded) <= 3 and text[0].isupper()


_SENTENCE_ENDS = (".", "!", "?", ")", "}")


# Conjunctions and prepositions that are no name syllable: after a comma, inside a sentence, never
# written with a capital.
_CLAUSE_WORDS = frozenset({"что", "чтобы", "как", "когда", "если", "но", "или", "для", "при", "из", "от"})


@rule("sentence-case", "a paragraph or numbered point that starts with a small letter after a finished sentence, "
      "or a conjunction capitalised after a comma",
      order=240, proposer="word")
def sentence_case(ctx: Context):
    doc = ctx.doc
    for i in _sentence_case_candidates(ctx):
        text = doc.tokens[i].text
        if text[:1].isupper() and _capitalised_clause_word(doc, i):
            yield ctx.finding("sentence-case", i, i, "a conjunction or preposition with a capital inside a sentence",
                              hint=text.lower())
            continue
        if len(text) < 3 or not text[:1].islower():
            continue
        before = doc.significant(i, -1)
        if before is None or doc.tokens[before].text not in _SENTENCE_ENDS:
            continue  # nothing ends before it (the cheap test most words fail)
        after = doc.significant(i, 1)
        if after is not None and doc.tokens[after].text == "." and _may_abbreviate(ctx, text):
            continue  # `1. тов. Сталину`: an abbreviation may start a line in small letters
        if doc.paragraph_start(i):
            ended = True
        else:
            # `1. восстановление ...`: a numbered point on its own line
            number = doc.significant(before, -1) if doc.tokens[before].text == "." else None
            ended = (number is not None and doc.tokens[number].kind is Kind.NUMBER
                     and (number == 0 or doc.tokens[number - 1].kind is Kind.NEWLINE))
        if ended:
            yield ctx.finding("sentence-case", i, i, "starts with a small letter after a finished sentence")


@word_kind(small_letters=False, among=lambda lexicons: _CLAUSE_WORDS)
def _clause_word_with_a_capital(ctx: Context, text: str) -> bool:
    return text[:1].isupper() and text.lower() in _CLAUSE_WORDS


_PUNCTUATION = frozenset({Kind.PUNCT})


def _sentence_case_candidates(ctx: Context) -> list[int]:
    """The open words `sentence_case` may flag, in order: a clause word with a capital, and the words
    right after a sentence's end (the rule's own tests then as for every word; most words are neither)."""
    doc = ctx.doc
    tokens = doc.tokens
    after_ends = [doc.significant(p, 1) for p in doc.tokens_of(_PUNCTUATION) if tokens[p].text in _SENTENCE_ENDS]
    return ctx.open_among(ctx.words_of(_clause_word_with_a_capital) + [i for i in after_ends if i is not None])


def _capitalised_clause_word(doc, i: int) -> bool:
    """`считаем, Что подобный`: a word of `_CLAUSE_WORDS` with a capital (or in capitals among small
    letters) right after a comma, before a small-letter word."""
    text = doc.tokens[i].text
    if text.lower() not in _CLAUSE_WORDS:
        return False
    before, following = doc.significant(i, -1), doc.adjacent_word(i, 1)
    if before is None or doc.tokens[before].text != "," or following is None:
        return False
    if doc.token_line[before] != doc.token_line[i]:
        return False  # `года,` / `Для осуществления`: a period at a line end read as a comma, a new sentence
    number = doc.significant(before, -1)
    if number is not None and doc.tokens[number].kind is Kind.NUMBER and doc.opens_line(number):
        return False  # `2, Что касается`: a numbered point's period read as a comma
    if not doc.tokens[following].text[:1].islower():
        return False
    if text.isupper() and len(text) > 1:
        word_before = doc.significant(before, -1)
        return word_before is not None and doc.tokens[word_before].text[:1].islower()
    return True


_FULL_WORD_MIN = 5  # a word this long, known to the dictionary and listed as no abbreviation, is none


def _may_abbreviate(ctx: Context, text: str) -> bool:
    """Whether a small-letter word before a dot may be an abbreviation (`тов.`, `см.`, `прил.`) rather
    than a whole word ending a sentence (`ответ.`)."""
    folded = text.lower()
    return (len(folded) < _FULL_WORD_MIN or folded in ctx.lexicons.lower_abbreviations
            or not ctx.lookup.is_known(folded))
