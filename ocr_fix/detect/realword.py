"""Real-word rules: a correctly spelled word that is most likely a misreading of another.

OCR of worn copies turns `он` into `ох`, `так как` into `тах ках`, `на` into `ка`: each a word the
dictionary knows, so the unknown-word rule cannot see them. These rules weigh how much more
frequent a one-misreading neighbour is, and whether the text's own grammar agrees.
"""

from __future__ import annotations

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.grammar import PREPOSITIONS, agrees, case_fit, paucal
from ocr_fix.language.morphology import only_a_name, parses
from ocr_fix.language.normalize import fold
from ocr_fix.resources import cached, cached_per_owner
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
    for candidate, cost, zipf in lookup.neighbour_frequencies(folded, _MAX_COST):
        gap = zipf - own
        needed = _BASE_GAP + _GAP_PER_COST * max(0.0, cost - 0.3) + (_LONG_WORD_GAP if long_word else 0.0)
        if gap >= needed and (best is None or gap - _GAP_PER_COST * cost > best[2] - _GAP_PER_COST * best[1]) \
                and not (small and only_a_name(candidate)):
            best = (candidate, cost, gap)
    return best


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


def _fixing_neighbour(lookup, folded: str, test, min_zipf: float = 2.0) -> tuple[str, float] | None:
    """The cheapest one-misreading neighbour of a word for which `test(neighbour)` holds."""
    for candidate, cost in lookup.neighbours(folded, 0.75, min_zipf)[:_FIXES_TRIED]:
        if test(candidate):
            return candidate, cost
    return None


_FIXES_TRIED = 10  # each test needs the dictionary's readings of the neighbour: try the cheapest few


# Endings of adjectives, participles and adjectival pronouns: a cheap test before any dictionary work.
# (`str.endswith` of them all at once: the word kinds ask it of every distinct word of a text)
_ADJECTIVAL = tuple("ый ий ой ая яя ое ее ые ие ого его ому ему ым им ых их ыми ими ую юю ою ею ом ем".split())


# Possessive and demonstrative pronouns agree like adjectives but some of their forms do not end
# like one (`наша`, `эта`, `свои`).
_DETERMINERS = frozenset(
    "наш наша наше наши ваш ваша ваше ваши мой моя мое мои твой твоя твое твои свой своя свое свои "
    "этот эта это эти тот та те весь вся все".split())


def _reading(lookup, folded: str) -> str | None:
    """The word a token most likely reads as: itself if known, else its cheapest known neighbour."""
    if lookup.is_known(folded):
        return folded
    if len(folded) < 4:
        return None  # too short to guess what it stands for
    return _likely_reading(lookup, folded)


@cached_per_owner("realword.likely_reading")
def _likely_reading(lookup, folded: str) -> str | None:
    best = None
    for candidate, cost, zipf in lookup.one_misreading_words(folded, 0.5):
        if zipf >= 2.0 and (best is None or (cost, -zipf) < best[1]):
            best = (candidate, (cost, -zipf))
    return best[0] if best else None


@word_kind
def _heads_a_pair(ctx: Context, text: str) -> bool:
    # uncached: the word kinds keep it once a distinct text, and the rule asks again only of those of this kind
    return _pair_head.__wrapped__(text) is not None


@cached("realword.pair_head")
def _pair_head(text: str) -> str | None:
    """A word's folded form if it is one whose next word grammar can check: a preposition, or an
    adjective-like word (an adjective, participle or agreeing pronoun); else None."""
    folded = fold(text)
    if folded in PREPOSITIONS or folded in _DETERMINERS or folded.endswith(_ADJECTIVAL):
        return folded
    return None


@rule("grammar-mismatch", "a preposition and the case that follows it, or an adjective and its noun, do not fit",
      order=220, proposer="word", real_word=True, evidence="agreement")
def grammar_mismatch(ctx: Context):
    tokens = ctx.doc.tokens
    # the words earlier rules claimed (this rule's own findings claim words too, but as it goes)
    claimed = frozenset(ctx.claimed)
    for i in _pair_starts(ctx):
        head = _pair_head(tokens[i].text)
        if head is None:
            continue  # only prepositions and adjective-like words are checked against what follows
        nxt = _checked_pair(ctx, i, claimed)
        if nxt is not None and (found := _mismatch(ctx, i, nxt, head, claimed)) is not None:
            yield found


def _russian_word(ctx: Context, j: int) -> bool:
    """Whether token `j` is a word of a Russian line, outside page furniture."""
    doc = ctx.doc
    return doc.tokens[j].kind is Kind.WORD and doc.russian_line[doc.token_line[j]] and j not in ctx.protected


def _pair_starts(ctx: Context) -> list[int]:
    """The words a checked pair may begin with: all those that may head one, or within a focus only pairs
    with a word in view: the words in view that may head one, and the words two tokens before them."""
    protected = ctx.protected
    if ctx.focus is None:
        return [i for i in ctx.words_of(_heads_a_pair) if i not in protected]
    in_view, focus = ctx.focus_words, ctx.focus
    before = [j - 2 for j in in_view if j >= 2 and j - 2 not in focus and _russian_word(ctx, j - 2)]
    # of the words in view, only those that may head a pair (the others the rule passes over at once)
    open_in_view = [i for i in ctx.words_of(_heads_a_pair) if i not in protected]
    return sorted(open_in_view + before) if before else open_in_view


def _checked_pair(ctx: Context, i: int, claimed: frozenset[int]) -> int | None:
    """The word after word `i`, if the two are a pair to check: next to each other, not both claimed,
    one in view, written alike (both small, or both capitalised)."""
    doc = ctx.doc
    tokens, focus = doc.tokens, ctx.focus
    nxt = i + 2
    # (`_russian_word(ctx, nxt)` and `ctx.in_focus` spelled out: this is asked of every adjective and
    # preposition of a text)
    if nxt >= len(tokens) or tokens[nxt].kind is not Kind.WORD or not doc.russian_line[doc.token_line[nxt]] \
            or nxt in ctx.protected or tokens[i + 1].kind not in (Kind.SPACE, Kind.NEWLINE):
        return None
    if i in claimed and nxt in claimed or focus is not None and i not in focus and nxt not in focus:
        return None
    first, second = tokens[i].text, tokens[nxt].text
    if len(second) < 2 or not (first.islower() and second.islower() or first.istitle() and second.istitle()):
        return None
    return nxt


def _mismatch(ctx: Context, i: int, nxt: int, head: str, claimed: frozenset[int]):
    """The finding on words `i` and `nxt`, if their grammar clashes and a neighbour one misreading away fits."""
    doc = ctx.doc
    clash = _pair_clash(ctx.lookup, head, fold(doc.tokens[nxt].text))
    if clash is None:
        return None
    a, b, a_known, b_known, fix_first, fix_second, agreement = clash
    if agreement is None:  # two prepositions in a row
        if fix_first and a_known and i not in claimed:
            return ctx.finding("grammar-mismatch", i, i, f"two prepositions in a row; `{fix_first[0]}` would fit")
        return None
    if agreement:
        before = doc.significant(i, -1)
        if before is not None and paucal(fold(doc.tokens[before].text)):
            return None  # `две корейских дивизии`
        reason = f"`{a}` does not agree with `{b}`"
    else:
        reason = f"`{doc.tokens[i].text}` does not take the case of `{b}`"
    choices = [(fix[1], index, fix[0]) for fix, index, known in ((fix_first, i, a_known), (fix_second, nxt, b_known))
               if fix and known and index not in claimed]
    if not choices:
        return None
    cost, index, word = min(choices)
    if agreement and index == nxt and (adverb := _misread_adverb(ctx.lookup, fold(doc.tokens[i].text), cost)):
        # `такие вопрос` is `также вопрос` as likely as `такие вопросы`: the suspect is the first word
        if i in claimed:
            return None
        return ctx.finding("grammar-mismatch", i, i, f"{reason}; `{adverb}` would fit")
    return ctx.finding("grammar-mismatch", index, index, f"{reason}; `{word}` would fit")


# parts of speech that agree with nothing: a word misread into an adjective from one of them makes a
# clash that no change of the word after it repairs
_UNAGREEING = frozenset({"ADVB", "CONJ", "PRCL", "PRED"})


def _misread_adverb(lookup, first: str, cost: float) -> str | None:
    """A commoner word that agrees with nothing, at most `cost` of misreading from the first word of a
    clashing pair (`также` for `такие`), if there is one."""
    own = lookup.zipf(first)
    for word, _reading_cost, zipf in lookup.one_misreading_words(first, cost):
        readings = parses(word)
        if zipf >= own and readings and all(r.pos in _UNAGREEING for r in readings):
            return word
    return None


@cached_per_owner("realword.pair_clash")
def _pair_clash(lookup, head: str, second: str):
    """What the letters of a checked pair decide, worked out once a pair (a document writes the same
    pairs again and again): None where no finding can come of it; else the readings `a` and `b`,
    whether each is known, the cheapest fitting neighbour of each (or None), and which clash it is:
    None for two prepositions in a row (`в в случае`, `ко при этом`: the first is usually a misread
    conjunction, `и`, `но`), False for a preposition and a case it does not take, True for words that do
    not agree (which a paucal numeral before them excuses: the caller reads that)."""
    # A garbled word is judged by its likely reading (`зооружением` as `вооружением`); it is
    # already flagged itself, so only its neighbour can be reported.
    a_known, b_known = lookup.is_known(head), lookup.is_known(second)
    a, b = _reading(lookup, head), _reading(lookup, second)
    if a is None or b is None or not (a_known or b_known):
        return None
    if a in PREPOSITIONS:
        if b in PREPOSITIONS:
            fix_first = _fixing_neighbour(lookup, a, lambda c: c not in PREPOSITIONS, min_zipf=5.5)
            return a, b, a_known, b_known, fix_first, None, None
        if case_fit(a, b) is not False:
            return None
        # a misread preposition is another short function word (`к` for `и`, `с` for `о`)
        fix_first = _fixing_neighbour(lookup, a, lambda c: c not in PREPOSITIONS or case_fit(c, b) is True,
                                      min_zipf=5.5)
        fix_second = _fixing_neighbour(lookup, b, lambda c: case_fit(a, c) is True)
        return a, b, a_known, b_known, fix_first, fix_second, False
    if agrees(a, b) is not False:
        return None
    fix_first = _fixing_neighbour(lookup, a, lambda c: agrees(c, b) is True)
    fix_second = _fixing_neighbour(lookup, b, lambda c: agrees(a, c) is True)
    return a, b, a_known, b_known, fix_first, fix_second, True


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
