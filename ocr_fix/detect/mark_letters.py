"""A mark read for a one-letter word: `»`, `®` or `8` for `в`, `<` for `с`, `&` for `а` (`прибыли » 1950
году`, `говорили < товарищем`, `, & также`, `8 уверенности`).

A small round letter standing alone wears into a mark the engine knows better. Where the mark stands
alone between two words, no quotation is open before it in its sentence, and the word after it takes
the case the preposition governs (or is a number, as in a date), the mark can only be the letter: a
closing quote, a sign or a bracket is never written so. A lone `8` is `в` only before a small-letter
word no count of eight takes, or before a year. Elsewhere the mark is left to the noise rule.
"""

from __future__ import annotations

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule
from ocr_fix.language.morphology import parses
from ocr_fix.language.normalize import fold
from ocr_fix.tokens import Kind

# the letter each mark stands for, and the cases of the word after it that the letter governs (None: a
# conjunction, which stands after a comma); `в` also stands before a number (`в 1950 году`), while `<`
# before one may be the sign
_LETTERS = {"»": ("в", ("accs", "loct")), "®": ("в", ("accs", "loct")), "<": ("с", ("ablt", "gent")),
            "&": ("а", None)}
_BEFORE_NUMBERS = frozenset("в")
_OPENING_QUOTES = frozenset("«„“")
_SENTENCE_ENDS = frozenset(".!?")
_BLANKS = (Kind.SPACE, Kind.NEWLINE)
_NO_CASE = frozenset({"Fixd", "Abbr"})  # `8 км`: an abbreviation or an indeclinable word shows no case


def _reading(ctx: Context, i: int) -> str | None:
    """The one-letter word the mark at `i` stands for, if its place leaves no other reading."""
    doc = ctx.doc
    tokens = doc.tokens
    letter, cases = _LETTERS[tokens[i].text]
    if not (0 < i < len(tokens) - 1 and tokens[i - 1].kind is Kind.SPACE and tokens[i + 1].kind is Kind.SPACE):
        return None
    before, after = doc.significant(i, -1), doc.significant(i, 1)
    if before is None or after is None or doc.token_line[after] != doc.token_line[i]:
        return None
    if _quotation_open(ctx, i):
        return None  # `«Правда» сообщает`: the mark may close it
    following = tokens[after]
    if cases is None:
        return letter if tokens[before].text == "," and following.kind is Kind.WORD else None
    if tokens[before].kind is not Kind.WORD or not tokens[before].text[-1:].islower():
        return None
    if following.kind is Kind.NUMBER:
        return letter if letter in _BEFORE_NUMBERS else None
    if following.kind is not Kind.WORD:
        return None
    return letter if any(r.case in cases for r in parses(fold(following.text))) else None


def _digit_reading(ctx: Context, i: int) -> str | None:
    """`8 уверенности`, `силы, 8 1950`: a lone `8` where `в` belongs, before a word of the prepositional or
    accusative case that no count takes (`8 дней` is eight days: a count takes the genitive plural) or
    before a year; `В` opening a sentence."""
    doc = ctx.doc
    tokens = doc.tokens
    if not (0 < i < len(tokens) - 1 and tokens[i - 1].kind in _BLANKS and tokens[i + 1].kind is Kind.SPACE):
        return None
    before, after = doc.significant(i, -1), doc.significant(i, 1)
    if after is None or doc.token_line[after] != doc.token_line[i]:
        return None
    opening = before is None or doc.paragraph_start(i) or tokens[before].text in _SENTENCE_ENDS
    if not opening and not (tokens[before].text == "," or tokens[before].kind is Kind.WORD
                            and tokens[before].text[-1:].islower()):
        return None
    following = tokens[after]
    if following.kind is Kind.NUMBER:
        fits = len(following.text) == 4 and following.text[:2] == "19"
    else:
        # a capital after it may be a heading it numbers (`Сталину 8 Отдел`)
        readings = parses(fold(following.text)) if following.kind is Kind.WORD and following.text.islower() else ()
        fits = any(r.case in ("loct", "accs") for r in readings) and not any(
            r.case == "gent" and "plur" in r.grammemes or r.grammemes & _NO_CASE for r in readings)
    if not fits:
        return None
    return "В" if opening else "в"


def _quotation_open(ctx: Context, i: int) -> bool:
    """Whether a quotation opens before the token in its sentence (back to a full stop or a blank line)."""
    tokens = ctx.doc.tokens
    k = i - 1
    while k >= 0 and tokens[k].text not in _SENTENCE_ENDS and not (
            tokens[k].kind is Kind.NEWLINE and k > 0 and tokens[k - 1].kind is Kind.NEWLINE):
        if tokens[k].text in _OPENING_QUOTES:
            return True
        k -= 1
    return False


@rule("mark-for-letter", "a mark standing alone where a one-letter word belongs (`прибыли » 1950 году`, "
      "`говорили < товарищем`)", order=177, proposer="hint")
def mark_for_letter(ctx: Context):
    doc = ctx.doc
    for i in ctx.tokens_in_view(frozenset({Kind.OTHER, Kind.PUNCT, Kind.NUMBER})):
        text = doc.tokens[i].text
        if text not in _LETTERS and text != "8" or i in ctx.claimed or i in ctx.protected or not doc.is_russian(i):
            continue
        letter = _digit_reading(ctx, i) if text == "8" else _reading(ctx, i)
        if letter is not None:
            yield ctx.finding("mark-for-letter", i, i, f"`{doc.tokens[i].text}` standing alone where the word "
                              f"`{letter}` belongs; reads `{letter}`", hint=letter)
