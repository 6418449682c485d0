"""A word of a title or set phrase of the lexicons misread while its other words stand right
(`Сомза Советских Социалистических Республик`, `Организации Объединенных Нацай`).

Documents of the period repeat the names of states and bodies (`lexicons/titles.txt`) and their
formulae (`lexicons/phrases.txt`) word for word. Where all but one of a phrase's words stand side by
side in place (all but two, in a phrase of four words or more), and the odd one is a cheap misreading
of the missing word, it is that word misread: the phrase is the evidence, so a capitalised word here
is not taken for an unknown name. The phrases' words are matched in whatever case the sentence
declines them (`ocr_fix.lexicon.phrase_forms`), and the odd word is given the form that agrees with
the phrase's words beside it.
"""

from __future__ import annotations


from ocr_fix.confusion import weighted_distance
from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule
from ocr_fix.language.grammar import agrees
from ocr_fix.language.morphology import spelled_with_yo
from ocr_fix.lexicon.phrase_forms import PhraseWord, SetPhrase
from ocr_fix.resources import cached_per_owner

# The costliest misreading of the phrase's word the odd word may be (the confusion model's units; two
# ordinary misreadings): the rest of the phrase is strong evidence, and a word farther off is another word.
MAX_COST = 2.0
# A dictionary word standing in a phrase of fewer words is more likely a phrase of its own
# (`Поступила за регистрацию`? `за` is a word) than a misreading: left to the word rules, unless it
# has the capital the title gives it and is one cheap misreading away (`Краской Армии`).
KNOWN_WORD_PHRASE = 4
KNOWN_WORD_COST = 1.0
# A phrase this long still stands with two of its words misread, if both are non-words within reach.
TWO_MISREAD_PHRASE = 4


@cached_per_owner("title_misread.phrases")
def _phrases(lexicons) -> tuple[tuple[SetPhrase, ...], dict[str, tuple[tuple[int, int], ...]]]:
    """The titles and formulae of two words or more, and for each form of their words the (phrase,
    position) pairs it may stand at."""
    phrases = tuple(p for p in lexicons.set_phrases if len(p.words) >= 2)
    index: dict[str, list[tuple[int, int]]] = {}
    for number, phrase in enumerate(phrases):
        for position, word in enumerate(phrase.words):
            for form in word.forms:
                index.setdefault(form, []).append((number, position))
    return phrases, {form: tuple(places) for form, places in index.items()}


@rule("title-misread", "a word of a title or set phrase of the lexicons misread while its other words stand "
      "(`Сомза Советских Социалистических Республик`): the phrase's word, in the form its neighbours take",
      order=45, proposer="hint")
def title_misread(ctx: Context):
    phrases, index = _phrases(ctx.lexicons)
    if not index:
        return
    doc = ctx.doc
    words, folded = doc.russian_words, doc.folded_russian
    present = doc.folded_russian_set.intersection(index)  # only where the phrases' words stand matters
    if not present:
        return
    matched: dict[tuple[int, int], int] = {}
    for k in _places(ctx, folded, present, max(len(p.words) for p in phrases)):
        for number, position in index[folded[k]]:
            matched[number, k - position] = matched.get((number, k - position), 0) + 1
    for (number, start), count in matched.items():
        phrase = phrases[number]
        n = len(phrase.words)
        if not n - (2 if n >= TWO_MISREAD_PHRASE else 1) <= count < n or start < 0 or start + n > len(words):
            continue
        window = words[start:start + n]
        if any(doc.adjacent_word(a, 1) != b for a, b in zip(window, window[1:])):
            continue
        printed = folded[start:start + n]
        odd = [p for p, word in enumerate(phrase.words) if printed[p] not in word.forms]
        if len(odd) > 1 and not all(_misread_word(ctx, phrase.words[p], printed[p]) for p in odd):
            continue
        # the other odd word read as its nearest form, so that the forms can agree (`Чан-уньскай жаневиой`)
        context = [_nearest(phrase.words[p], w) if p in odd else w for p, w in enumerate(printed)]
        for position in odd:
            finding = _misread(ctx, phrase, printed, context, window, position)
            if finding is not None:
                yield finding


def _places(ctx: Context, folded: list[str], present: frozenset[str], longest: int) -> list[int]:
    """Where the phrases' words stand: anywhere, or within a focus, near enough to it for a phrase
    through them to reach it (a later pass reads only what the previous one changed)."""
    if ctx.focus is None:
        return [k for k, word in enumerate(folded) if word in present]
    # the stretches of words within reach of the focus (its words come in runs), and only they read
    reach = longest - 1
    stretches: list[list[int]] = []
    for k in ctx.focus_positions:
        if stretches and k - reach <= stretches[-1][1] + 1:
            stretches[-1][1] = k + reach
        else:
            stretches.append([k - reach, k + reach])
    return [k for first, last in stretches for k in range(max(first, 0), min(last + 1, len(folded)))
            if folded[k] in present]


def _nearest(wanted: PhraseWord, printed: str) -> str:
    return min(wanted.forms, key=lambda form: (weighted_distance(form, printed), form))


def _misread_word(ctx: Context, wanted: PhraseWord, printed: str) -> bool:
    """Whether a word the dictionary lacks is within reach of the phrase's word (where two of a long
    phrase's words are odd, both must be, or it is another phrase)."""
    return not ctx.lookup.is_known(printed) and min(weighted_distance(form, printed) for form in wanted.forms) <= MAX_COST


def _misread(ctx: Context, phrase: SetPhrase, folded: list[str], context: list[str], window: list[int], odd: int):
    token = window[odd]
    text, printed = ctx.doc.tokens[token].text, folded[odd]
    if not ctx.in_focus(token) or token in ctx.claimed or token in ctx.protected:
        return None
    wanted = phrase.words[odd]
    known = len(phrase.words) < KNOWN_WORD_PHRASE and ctx.lookup.is_known(printed)
    if known and not (wanted.capital and text[:1].isupper()):
        return None
    if not wanted.forms_known:
        return None
    costs = sorted((weighted_distance(form, printed), form) for form in wanted.forms
                   if not wanted.declined or _agrees_beside(form, context, odd))
    if not costs or not 0 < costs[0][0] <= (KNOWN_WORD_COST if known else MAX_COST):
        return None  # nothing near, or a form of the word itself (one the dictionary does not list)
    # an edition that prints ё prints it throughout (`Соединённых`), one that does not, nowhere
    form = spelled_with_yo(costs[0][1]) if "ё" in ctx.doc.text or "Ё" in ctx.doc.text else costs[0][1]
    replacement = _written_as(form, text, wanted)
    if replacement == text:
        return None
    return ctx.finding("title-misread", token, token,
                       f"`{text}` stands where «{phrase.text}» has `{replacement}`; its other words are there",
                       hint=replacement)


def _written_as(form: str, text: str, wanted: PhraseWord) -> str:
    """The form in capitals where the text is; else each part of it (a compound's, `Северо-Восточного`)
    with a capital where the title writes one, or, in a formula, which editions capitalise as they
    please (`народно-демократической`), where the text has one."""
    if text.isupper() and len(text) > 1:
        return form.upper()
    parts, printed = form.split("-"), text.split("-")
    # a formula's parts as the text writes them, where it has as many (a hyphen misread or lost: the lexicon's)
    model = printed if not wanted.capital and len(printed) == len(parts) else wanted.written.split("-")
    return "-".join(part[:1].upper() + part[1:]
                    if k < len(printed) and printed[k][:1].isupper() or k < len(model) and model[k][:1].isupper()
                    else part for k, part in enumerate(parts))


def _agrees_beside(form: str, folded: list[str], position: int) -> bool:
    """Whether a form of a title's declined word agrees with the title's words beside it (where the
    grammar can tell: an adjective and its noun)."""
    before = folded[position - 1] if position > 0 else None
    after = folded[position + 1] if position + 1 < len(folded) else None
    return (before is None or agrees(before, form) is not False) and (after is None or agrees(form, after) is not False)
