"""A real word suspected by grammar: a preposition and the case after it, or an adjective and its noun,
that do not fit, where a word one misreading away from one of them would.
"""

from __future__ import annotations

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.language.grammar import PREPOSITIONS, agrees, case_fit, paucal
from ocr_fix.language.morphology import parses
from ocr_fix.language.normalize import fold
from ocr_fix.resources import cached, cached_per_owner
from ocr_fix.tokens import Kind


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
    doc = ctx.doc
    tokens, kinds, token_line, russian_line = doc.tokens, doc.token_kinds, doc.token_line, doc.russian_line
    protected, focus = ctx.protected, ctx.focus
    clash_of = _pair_clash.of(ctx.lookup)
    # the words earlier rules claimed (this rule's own findings claim words too, but as it goes)
    claimed = frozenset(ctx.claimed)
    # (a pair's tests spelled out here rather than called: this walks every adjective and preposition of
    # a text, and most pairs are no clash, which the pair's cache tells at once)
    last = len(tokens) - 2
    for i in _pair_starts(ctx):
        head = _pair_head(tokens[i].text)
        if head is None or i >= last:
            continue  # only prepositions and adjective-like words are checked against what follows
        nxt = i + 2  # the next word: a Russian one after a space or line break, outside page furniture
        if kinds[nxt] is not Kind.WORD or kinds[i + 1] not in _GAPS or not russian_line[token_line[nxt]] \
                or nxt in protected:
            continue
        if i in claimed and nxt in claimed or focus is not None and i not in focus and nxt not in focus:
            continue  # both words explained already, or neither in view
        first, second = tokens[i].text, tokens[nxt].text
        if len(second) < 2 or not (first.islower() and second.islower() or first.istitle() and second.istitle()):
            continue  # only words written alike (both small, or both capitalised) are read as a pair
        clash = clash_of(head, fold(second))
        if clash is not None and (found := _mismatch(ctx, i, nxt, clash, claimed)) is not None:
            yield found


_GAPS = frozenset({Kind.SPACE, Kind.NEWLINE})


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


def _mismatch(ctx: Context, i: int, nxt: int, clash: tuple, claimed: frozenset[int]):
    """The finding on words `i` and `nxt`, whose grammar clashes (`_pair_clash`), if a neighbour one
    misreading away fits."""
    doc = ctx.doc
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
