"""Just enough Russian grammar to notice a misread word: prepositions and the cases they govern,
and adjectives agreeing with their nouns. Only dictionary parses count; a word the dictionary does
not know is left to the other rules.
"""

from __future__ import annotations

import regex

from ocr_fix.language.morphology import parses
from ocr_fix.resources import cached

_GOVERNS = {
    "в": {"accs", "loct", "loc2", "acc2"}, "во": {"accs", "loct", "loc2"},
    "на": {"accs", "loct", "loc2"},
    "к": {"datv"}, "ко": {"datv"},
    "с": {"gent", "ablt", "gen2", "accs"}, "со": {"gent", "ablt", "gen2"},
    "о": {"loct", "accs"}, "об": {"loct", "accs"}, "обо": {"loct"},
    "по": {"datv", "loct", "accs"},
    "из": {"gent", "gen2"}, "от": {"gent", "gen2"}, "до": {"gent", "gen2"}, "для": {"gent"},
    "без": {"gent", "gen2"}, "у": {"gent"}, "после": {"gent"}, "около": {"gent"}, "против": {"gent"},
    "среди": {"gent"}, "кроме": {"gent"}, "вокруг": {"gent"},
    "за": {"ablt", "accs"}, "под": {"ablt", "accs"}, "над": {"ablt"}, "перед": {"ablt"}, "между": {"ablt", "gent"},
    "при": {"loct"}, "через": {"accs"}, "про": {"accs"},
}
PREPOSITIONS = frozenset(_GOVERNS)
# conjunctions: no sentence ends with one, so what follows one goes on with its sentence
CONJUNCTIONS = frozenset({"и", "а", "но", "или", "что", "чтобы", "как", "если", "когда", "чем", "хотя", "пока"})
_DECLINABLE = {"NOUN", "ADJF", "PRTF", "NPRO", "NUMR"}
# Parts of speech after which nothing can be said about case (adverbs, particles, conjunctions...).
_NEUTRAL = {"ADVB", "CONJ", "PRCL", "INTJ", "PRED", "COMP", "PREP", "ADJS", "PRTS"}


@cached("grammar.case_fit")
def case_fit(preposition: str, folded: str) -> bool | None:
    """Whether a word can follow a preposition: True, False, or None when the dictionary cannot say."""
    cases = _GOVERNS.get(preposition)
    word_parses = parses(folded)
    if cases is None or not word_parses:
        return None
    verdict = False
    for parse in word_parses:
        pos = parse.pos
        if pos in _NEUTRAL or "Fixd" in parse.grammemes or pos is None:
            return None
        if pos in _DECLINABLE and parse.case in cases:
            return True
    return verdict


@cached("grammar.agrees")
def agrees(adjective: str, noun: str) -> bool | None:
    """Whether an adjective and the noun after it can agree in number, case and gender.

    A possessive or demonstrative pronoun must also agree with an adjective after it (`наши основные
    силы`), so for those the second word may be an adjective too.
    """
    adj_forms, pronoun, adj_other = _adjective_forms(adjective)
    if not adj_forms:
        return None  # as a rule (most words are no adjectives): the noun's readings need no look-up
    noun_forms, noun_other = _head_forms(noun, pronoun)
    if not noun_forms:
        return None
    for a_case, adj in adj_forms:
        for n_case, nn in noun_forms:
            if nn & _FIXD:
                return None
            if a_case != n_case:
                continue
            if adj & _PLUR and nn & _SING and not nn & _SGTM or adj & _SING and nn & _PLUR and not nn & _PLTM:
                continue
            if a_case == "accs" and adj & _ANIMACY and nn & _ANIMACY and not adj & nn & _ANIMACY:
                continue  # `японских` is accusative only of animate nouns
            if adj & _SING and nn & _SING and not nn & _MS_F:
                adj_gender, noun_gender = adj & _GENDERS, nn & _GENDERS
                if adj_gender and noun_gender and not adj_gender & noun_gender:
                    continue
            return True
    if adj_other or noun_other:
        return None  # the words have other readings (`рабочих` as a noun): no judgement
    return False


def agreeing(word: str) -> bool:
    """Whether a word has readings that agree with a noun after them (adjectives, participles): of any
    other, `agrees(word, noun)` is None whatever the noun."""
    return bool(_adjective_forms(word)[0])


def heading(word: str) -> bool:
    """Whether a word has readings an adjective before it may agree with (nouns, or after a pronoun
    adjectives): of any other, `agrees(adjective, word)` is None whatever the adjective."""
    return bool(_head_forms(word, True)[0])


# The grammemes agreement looks at, as bits: a word's readings are turned into (case, bits) once,
# and the adjective and noun of every pair tested against each other with integer operations.
_BITS = {g: 1 << k for k, g in enumerate(
    ("plur", "sing", "Sgtm", "Pltm", "anim", "inan", "masc", "femn", "neut", "ms-f", "Fixd"))}
_PLUR, _SING, _SGTM, _PLTM = _BITS["plur"], _BITS["sing"], _BITS["Sgtm"], _BITS["Pltm"]
_ANIMACY = _BITS["anim"] | _BITS["inan"]
_GENDERS = _BITS["masc"] | _BITS["femn"] | _BITS["neut"]
_MS_F, _FIXD = _BITS["ms-f"], _BITS["Fixd"]


def _bits(grammemes: frozenset[str]) -> int:
    return sum(bit for g, bit in _BITS.items() if g in grammemes)


@cached("grammar.adjective_forms")
def _adjective_forms(word: str) -> tuple[tuple[tuple[str, int], ...], bool, bool]:
    """A word's adjective and participle readings as (case, bits); whether one is a pronoun (`наши`),
    and whether it has readings of other kinds too."""
    readings = [p for p in parses(word) if p.pos in ("ADJF", "PRTF")]
    return (tuple((p.case or "", _bits(p.grammemes)) for p in readings), any("Apro" in p.grammemes for p in readings),
            len(readings) != len(parses(word)))


@cached("grammar.head_forms")
def _head_forms(word: str, after_pronoun: bool) -> tuple[tuple[tuple[str, int], ...], bool]:
    """A word's readings that can head an adjective (nouns; after a pronoun, adjectives too) as (case,
    bits), and whether it has readings of other kinds too."""
    heads = ("NOUN", "ADJF", "PRTF") if after_pronoun else ("NOUN",)
    readings = [p for p in parses(word) if p.pos in heads]
    return tuple((p.case or "", _bits(p.grammemes)) for p in readings), len(readings) != len(parses(word))


_LOCATIVE_PREPOSITIONS = {"в", "во", "на", "о", "об", "обо", "при", "по"}
_GROUP_WORDS = {"ADJF", "PRTF", "NUMR", "NPRO"}


@cached("grammar.only_locative")
def only_locative(folded: str) -> bool:
    """Whether every dictionary reading of a declinable word is in the prepositional case."""
    word_parses = [p for p in parses(folded) if p.pos in _DECLINABLE]
    return bool(word_parses) and len(word_parses) == len(parses(folded)) and all(
        p.case in ("loct", "loc2") for p in word_parses)


@cached("grammar.locative_form")
def locative_form(folded: str) -> bool:
    """Whether some dictionary reading of a word is a declinable form in the prepositional case."""
    return any(p.pos in _DECLINABLE and p.case in ("loct", "loc2") for p in parses(folded))


def locative_licensed(words_before: list[str]) -> bool:
    """Whether a preposition that takes the prepositional case stands before the noun group.

    `words_before` are the folded words before the candidate, nearest first; adjectives, pronouns
    and numerals of the group are skipped (`в наших основных силах`).
    """
    for word in words_before[:4]:
        if word in _LOCATIVE_PREPOSITIONS:
            return True
        if not any(p.pos in _GROUP_WORDS for p in parses(word)):
            return False
    return False


_PRONOUN_AGREEMENT = {
    # pronoun: (person and number of a present/future verb, number of a past verb, gender of a past verb)
    "я": ("1per", "sing", None), "ты": ("2per", "sing", None),
    "он": ("3per", "sing", "masc"), "она": ("3per", "sing", "femn"), "оно": ("3per", "sing", "neut"),
    "мы": ("1per", "plur", None), "вы": ("2per", "plur", None), "они": ("3per", "plur", None),
}
PERSONAL_PRONOUNS = frozenset(_PRONOUN_AGREEMENT)


@cached("grammar.subject_agrees")
def subject_agrees(pronoun: str, verb: str) -> bool | None:
    """Whether a finite verb can follow a personal pronoun as its subject (`мы предложим`, not `мы предложил`)."""
    rule = _PRONOUN_AGREEMENT.get(pronoun)
    verb_parses = [p for p in parses(verb) if p.pos == "VERB"]
    if rule is None or not verb_parses:
        return None
    if len(verb_parses) != len(parses(verb)):
        return None
    person, number, gender = rule
    for p in verb_parses:
        g = p.grammemes
        if "past" in g:
            if number in g and (number == "plur" or gender is None or gender in g):
                return True
        elif person in g and number in g:
            return True
    return False


# Endings of finite verbs: a cheap test before asking the dictionary for a verb's tense.
FINITE_ENDING = regex.compile(r"(?:л|ла|ло|ли|лся|лась|лось|лись|ет|ит|ют|ут|ат|ят|ем|им|ете|ите|ется|ится|ются|ятся)$")


@cached("grammar.verb_tense")
def verb_tense(folded: str) -> str | None:
    """`past` or `pres`/`futr` for a word that can only be a finite verb, else None."""
    word_parses = parses(folded)
    tenses = {p.tense for p in word_parses if p.pos == "VERB"}
    if not word_parses or len(tenses) != 1 or any(p.pos != "VERB" for p in word_parses):
        return None
    return tenses.pop()


# After два/три/четыре the adjective stands in the genitive plural and the noun in the genitive
# singular (`две корейских дивизии`): agreement between them cannot be checked there.
_PAUCAL = {"два", "две", "три", "четыре", "оба", "обе", "полтора", "полторы"}


def paucal(word: str | None) -> bool:
    """Whether a word is a numeral 2-4 (or a number ending in 2-4) that changes adjective agreement."""
    if word is None:
        return False
    if word.isdigit():
        return word[-1] in "234" and not word.endswith(("12", "13", "14"))
    return word in _PAUCAL
