"""Proposals with one reading each, no candidates ranked: digits read for a preposition, a word's broken
letter case, a capital a sentence asks for, two words run together at a mark (a stray mark: noise_repairs)."""

from __future__ import annotations

from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.grammar import locative_form
from ocr_fix.language.normalize import fold, in_capitals
from ocr_fix.lexicon.lookup import ONE_LETTER_WORDS, Lookup
from ocr_fix.proposal import AUTO, FLAG, REVIEW, Proposal
from ocr_fix.propose.site import WordSite
from ocr_fix.tokens import Kind


def single_reading(site: WordSite, finding: Finding) -> Proposal | None:
    """The proposal for a word some rule's finding leaves one reading of, if it does (before any
    candidates are looked for)."""
    if finding.rule == "sentence-case":
        return capitalisation_proposal(site, finding)
    if finding.rule == "stray-letter" and (conjunction := _conjunction_misread(site)) is not None:
        return conjunction
    if finding.rule == "letter-case" and (proposal := case_proposal(site, finding)) is not None:
        return proposal
    if finding.rule == "unknown-word" and (spaced := words_at_a_mark(site.lookup, site.text)) is not None:
        tok = site.doc.tokens[site.index]
        return Proposal(tok.start, tok.end, tok.text, spaced, 0.9, finding.rule,
                        f"{finding.message}; two words with a stray mark between them", AUTO)
    return None


def capitalisation_proposal(site: WordSite, finding: Finding) -> Proposal:
    tok = site.doc.tokens[site.index]
    if finding.hint:  # a conjunction with a capital after a comma: lowered
        return Proposal(tok.start, tok.end, tok.text, finding.hint, 0.9, finding.rule,
                        f"{finding.message}; written small", AUTO)
    replacement = tok.text[:1].upper() + tok.text[1:]
    if _surely_ended(site.doc, site.index):
        return Proposal(tok.start, tok.end, tok.text, replacement, 0.9, finding.rule,
                        f"{finding.message}; capitalised: a word ends the sentence before it", AUTO)
    return Proposal(tok.start, tok.end, tok.text, replacement, 0.5, finding.rule,
                    f"{finding.message}; capitalised", REVIEW)

_FULL_STOPS = (".", "!", "?")

_CLOSING = (")", "}", "»", "\"")


def _surely_ended(doc: Document, index: int) -> bool:
    """Whether the paragraph or numbered point at `index` follows a sentence a word plainly finished:
    a full stop written against a word or against a closing bracket or quote (`(№ 4279).`). Not a bare bracket (page furniture closes so: `(см. след. лист)`),
    not a period standing apart (a speck), not a number's dot (`18.` and the month on the next line)."""
    stop = doc.significant(index, -1)
    if stop is None or doc.tokens[stop].text not in _FULL_STOPS or not doc.paragraph_start(index):
        return False  # a numbered point (`1. восстановление`) may be a date with a speck (`28. ноября`)
    following = doc.adjacent_word(index, 1)
    if following is not None and len(doc.tokens[following].text) > 1 and doc.tokens[following].text.isupper():
        return False  # an address line (`товарищу ВАСИЛЕВСКОМУ`): publications write its case either way
    end = doc.significant(stop, -1)
    if end is None or doc.tokens[end].end != doc.tokens[stop].start:
        return False
    return doc.tokens[end].kind is Kind.WORD or doc.tokens[end].text in _CLOSING


# `0 переговорах`, `06 этом`: the prepositions О and Об read as digits. `об` stands before a vowel,
# `о` before a consonant; the word after must be able to be in the prepositional case.
_DIGIT_PREPOSITIONS = {"0": "о", "06": "об"}
_VOWELS = set("аоуэиы")
_OPENING_MARKS = {".", "!", "?", ")", "—", "–", "-"}


def preposition_fits(preposition: str, folded: str) -> bool:
    """Whether `о` (before a consonant) or `об` (before a vowel) can stand before the word `folded`, a
    form of the prepositional case."""
    return (folded[:1] in _VOWELS) == (preposition == "об") and locative_form(folded)


def preposition_cased(doc: Document, index: int, preposition: str, after: str) -> str:
    """The preposition read at `index` in the case its place asks: capitals before a word in capitals, a
    capital letter opening a paragraph or a sentence, else small."""
    before = doc.significant(index, -1)
    if after.isupper() and len(after) > 1:
        return preposition.upper()
    if before is None or doc.paragraph_start(index) or doc.tokens[before].text in _OPENING_MARKS:
        return preposition.capitalize()
    return preposition


def preposition_proposal(doc: Document, index: int, finding: Finding) -> Proposal:
    """`0` or `06` before a word: the preposition where its form and the word after it fit, else a flag."""
    tok = doc.tokens[index]
    flag = Proposal(tok.start, tok.end, tok.text, "", 0.0, finding.rule, finding.message, FLAG)
    word = _DIGIT_PREPOSITIONS.get(tok.text)
    following = doc.adjacent_word(index, 1)
    if word is None or following is None:
        return flag
    after = doc.tokens[following].text
    if not preposition_fits(word, fold(after)):
        return flag
    word = preposition_cased(doc, index, word, after)
    return Proposal(tok.start, tok.end, tok.text, word, 0.9, finding.rule,
                    f"{finding.message}; the preposition `{word}` before a word in the prepositional case", AUTO)


def _conjunction_misread(site: WordSite) -> Proposal | None:
    """`Порт-Артуре м Дальнем`: a lone small `м` between two words is `и` with a stroke misread. After a
    number it is the metre (`5 м`); before a dot, an abbreviation or an initial."""
    doc, tok = site.doc, site.doc.tokens[site.index]
    if tok.text != "м" or doc.adjacent_word(site.index, -1) is None or doc.adjacent_word(site.index, 1) is None:
        return None
    return Proposal(tok.start, tok.end, tok.text, "и", 0.9, "stray-letter",
                    "lone letter `м` between two words; the conjunction `и` misread", AUTO)


def case_proposal(site: WordSite, finding: Finding) -> Proposal | None:
    """`СССр` -> `СССР`, `цк` -> `ЦК`, `ЧТо` -> `Что`: a known word in broken letter case."""
    tok = site.doc.tokens[site.index]
    folded = fold(tok.text)
    if not site.lookup.is_known(folded):
        return None
    if folded in site.lookup.lexicons.capital_abbreviations or _written_in_capitals(site, tok.text):
        replacement = tok.text.upper()
    elif tok.text[:1].isupper():
        replacement = tok.text[:1] + tok.text[1:].lower()
    else:
        replacement = tok.text.lower()
    if replacement == tok.text:
        return None
    return Proposal(tok.start, tok.end, tok.text, replacement, 0.8, finding.rule,
                    f"{finding.message}; the letter case restored", AUTO)


def _written_in_capitals(site: WordSite, text: str) -> bool:
    """Whether a word of mixed case is written in capitals: as its letters tell (`in_capitals`), else as
    the words beside it say (`КОРЕЯ СовпОСОл`; abbreviations say nothing)."""
    told = in_capitals(text)
    if told is not None:
        return told
    doc, abbreviations = site.doc, site.lookup.lexicons.capital_abbreviations
    beside = [doc.tokens[j].text for j in (doc.adjacent_word(site.index, -1), doc.adjacent_word(site.index, 1))
              if j is not None]
    return bool(beside) and all(len(w) > 1 and w.isupper() and fold(w) not in abbreviations for w in beside)


_STRAY_MARKS = ("'", "\u2019")  # apostrophes, kept inside a token by the tokenizer


def words_at_a_mark(lookup: Lookup, text: str) -> str | None:
    """`о’развертывании`: two words with a speck read as an apostrophe for the space between them
    (a Russian word has no apostrophe), as `о развертывании`; None unless both pieces are words of
    the language and, joined, they are none."""
    mark = next((m for m in _STRAY_MARKS if m in text), None)
    if mark is None or not text[:1].islower():
        return None  # capitalised: a foreign name (`О’Нил`)
    pieces = text.split(mark)
    if len(pieces) != 2 or not all(pieces) or any(m in piece for piece in pieces for m in _STRAY_MARKS):
        return None
    if lookup.is_known(fold("".join(pieces))):
        return None  # a mark inside one word: the candidates' business

    def word(piece: str) -> bool:
        folded = fold(piece)
        return (len(folded) > 1 or folded in ONE_LETTER_WORDS) and lookup.is_known(folded)

    return " ".join(pieces) if all(map(word, pieces)) else None
