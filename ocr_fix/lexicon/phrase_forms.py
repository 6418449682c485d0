"""The titles and formulae of the lexicons (`titles.txt`, `phrases.txt`) word by word, with every form
each word may be written in where a sentence declines it.

Worked out when the lexicons are read and kept with them in their cache file: declining a title's words
takes the dictionary a few hundred look-ups, more than a one-page correction can spare on every run.
"""

from __future__ import annotations

from typing import NamedTuple

from ocr_fix.language.morphology import analyzer, lemmas, parses
from ocr_fix.language.normalize import fold
from ocr_fix.tokens import Kind, tokenize

# the parts of speech whose form follows the sentence a phrase stands in
_DECLINED = frozenset({"NOUN", "ADJF", "PRTF", "NPRO"})
# How sure the dictionary's guesser must be that a word it lacks is an adjective to decline it so
# (`чанчуньская`: 0.95)
GUESSED_ADJECTIVE = 0.9


class PhraseWord(NamedTuple):
    written: str  # as the lexicon writes it
    forms: frozenset[str]  # what the word may be written as (folded)
    capital: bool  # whether the title writes it with a capital (a formula's words keep the text's case)
    declined: bool  # whether its form follows the sentence (a noun or adjective, not a genitive after its head)
    forms_known: bool  # a word whose forms neither the dictionary nor its guesser gives would look
    # misread in another form: such a word is matched, never put in


class SetPhrase(NamedTuple):
    text: str
    words: tuple[PhraseWord, ...]


def set_phrase(phrase: str, title: bool) -> SetPhrase:
    """A title's or formula's words as what they may be written as: a noun or adjective in any case
    of its dictionary form, a genitive after its head (`Совета Министров`) and any other word as
    written; a title's capitals are the title's, a formula's (a stamp's first letter) the text's."""
    written = [t.text for t in tokenize(phrase) if t.kind is Kind.WORD]
    folded = [fold(w) for w in written]
    words, fixed = [], False
    for before, word, text in zip([None] + folded, folded, written):
        fixed = fixed or before is not None and genitive_after_noun(before, word)
        forms, declined, forms_known = _word_forms(word, fixed)
        words.append(PhraseWord(text, forms, title and text[:1].isupper(), declined, forms_known))
    return SetPhrase(phrase, tuple(words))


def genitive_after_noun(before: str, word: str) -> bool:
    """Whether a word is a genitive that stays as it is after the noun before it (`Совета Министров`)."""
    return any(r.pos == "NOUN" for r in parses(before)) and any(r.case == "gent" for r in parses(word)) \
        and not any(r.case == "nomn" and r.pos == "NOUN" and "sing" in r.grammemes for r in parses(word))


def _word_forms(word: str, fixed: bool) -> tuple[frozenset[str], bool, bool]:
    """What a phrase's word may be written as, whether that follows the sentence, and whether its
    forms are known: a compound the dictionary lacks (`южно-маньчжурская`) declines as its last part
    does, an adjective it lacks (`чанчуньская`) as the dictionary's guesser declines it."""
    head, hyphen, last = word.rpartition("-")
    if hyphen and not parses(word) and parses(last):
        forms, declined, known = _word_forms(last, fixed)
        return frozenset(f"{head}-{form}" for form in forms), declined, known
    if parses(word):
        declined = not fixed and any(r.pos in _DECLINED for r in parses(word))
        return (_inflections(word) if declined else frozenset({word})), declined, True
    guess = analyzer().parse(word)[0]
    if not fixed and guess.tag.POS == "ADJF" and guess.score >= GUESSED_ADJECTIVE:
        return frozenset({fold(form.word) for form in guess.lexeme} | {word}), True, True
    return frozenset({word}), False, False


def _inflections(word: str) -> frozenset[str]:
    """Every form of the dictionary nouns and adjectives `word` is a form of (`союз`: `союза`, `союзу`...)."""
    wanted = lemmas(word)
    forms = {fold(form.word) for parse in analyzer().parse(word)
             if parse.is_known and parse.normal_form in wanted and parse.tag.POS in _DECLINED
             for form in parse.lexeme}
    return frozenset(forms | {word})
