"""Proposals for single words: a misread non-word, a real word misread as another, a stray letter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ocr_fix.confusion import single_edit_sources, weighted_distance
from ocr_fix.detect.registry import RULES
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.grammar import (
    FINITE_ENDING,
    PERSONAL_PRONOUNS,
    PREPOSITIONS,
    agrees,
    case_fit,
    locative_form,
    locative_licensed,
    only_locative,
    paucal,
    subject_agrees,
    verb_tense,
)
from ocr_fix.language.lookup import ONE_LETTER_WORDS, Lookup, beyond_any_word
from ocr_fix.language.normalize import fold, match_case
from ocr_fix.proposal import AUTO, FLAG, REVIEW, Proposal
from ocr_fix.propose.candidates import Candidate, word_candidates
from ocr_fix.propose.ranking import WEIGHTS, rank
from ocr_fix.readings import DOUBTFUL, SURE, EngineReading
from ocr_fix.tokens import Kind

# Which rules flag real words, and what their suspicion rests on, the registry says (`Rule.real_word`,
# `Rule.evidence`). The grammar checks read two words at a time and are fooled by constructions they do
# not parse (`представляющие интерес`, `считает целесообразным продление`): a word suspected on agreement
# alone is changed by `fix` only on independent evidence, else proposed for review. A rare form suspected
# on likelihood (`тах`, `ках`) is far more often a misreading than a word, but a common one is a word a
# reader meets regularly; a two-letter one is as often a letter name or a cut-off abbreviation (`ст`, `ка`).
COMMON_ZIPF = 3.5  # from this frequency on, a word of three letters or more is taken as written

# Bin thresholds, chosen with the ranking weights (benchmarks/tune_ranking.py).
AUTO_PROBABILITY = 0.3  # for a non-word, where keeping it as it is cannot be right
AUTO_PROBABILITY_REAL_WORD = 0.45  # a real word is changed only on strong evidence
AUTO_PROBABILITY_CAPITALISED = 0.7  # a capitalised word may be a name the lexicons lack
NAME_SYLLABLE = 4  # letters of the longest syllable of a transcribed Korean or Chinese name (`Чжоу`)
AUTO_MAX_COST = 1.8
AUTO_COST_PER_LETTER = 0.18  # long words tolerate more misreadings (`обиспываться`)
DOUBTED_EXTRA_COST = 1.0  # a non-word the engine doubted may be further from its word: it was surely misread
AUTO_MAX_COST_PHRASE = 2.5  # the word a set phrase asks for (`Снятие копий воспрещается`)
REVIEW_PROBABILITY = 0.08
# what the engine's readings carry around a word that the word is not
PUNCTUATION_AROUND = ".,;:!?«»\"'()[]{}—–-"
TIE = 0.9  # a runner-up with at least this share of the best candidate's probability ties with it
# The archive's evidence (`--profile`), each in full from profile.FULL_FILES other files on:
ARCHIVE_RARE_ZIPF = 4.0  # a word more common than this gains nothing from being written in the archive
# (nor from being written there beside the same neighbour); nor does one the archive writes hardly more
# often than the string as it stands (`ArchiveView.outweighs`)
ARCHIVE_ZIPF = 3.0  # the frequency an archive word the index lacks counts with as a candidate


@dataclass
class WordSite:
    """What the ranking needs to know about where a word stands."""

    doc: Document
    index: int
    lookup: Lookup
    document_words: dict[str, int]  # folded known words of the document and their counts
    document_pairs: set[tuple[str, str]]  # adjacent known words of the document
    phrase_hint: tuple[str, str] | None = None  # (word, phrase) when the word breaks a set phrase
    name_index: object = None  # ocr_fix.names.matching.NameIndex, for capitalised words
    past_share: float = 0.5  # share of past-tense verbs among the document's finite verbs
    document_extra: dict[str, float] = field(default_factory=dict)  # document words the index lacks
    after_page_break: str | None = None  # the last word before the page break this word continues
    # the document's unknown words written like names inside a sentence, by stem (see `unknown_stems`)
    unknown_stems: dict[str, set[str]] | None = None
    # Set by `word_proposal`: the words whose place in the document its verdict weighed (None:
    # unknown), and whether lexicon names or abbreviations joined the document's words as candidates.
    weighed: frozenset[str] | None = None
    pooled: bool = False
    archive: object = None  # ocr_fix.archive.profile.ArchiveView: the rest of the archive, if profiled
    _readings: dict[int, str | None] = field(default_factory=dict, repr=False)  # neighbour readings, once each

    @property
    def text(self) -> str:
        return self.doc.tokens[self.index].text

    def neighbour_reading(self, step: int) -> str | None:
        """The known word just before (step=-1) or after (step=1) this one, folded, if any."""
        if step in self._readings:
            return self._readings[step]
        j = self.doc.adjacent_word(self.index, step)
        reading = None
        if j is not None:
            folded = fold(self.doc.tokens[j].text)
            reading = folded if self.lookup.is_known(folded) else None
        self._readings[step] = reading
        return reading

    def word_before(self, distance: int) -> str | None:
        """The folded word `distance` words before this one (numbers count as words), if any."""
        j = self.index
        for _ in range(distance):
            j = self.doc.significant(j, -1)
            if j is None or self.doc.tokens[j].kind not in (Kind.WORD, Kind.NUMBER):
                return None
        return fold(self.doc.tokens[j].text)

    def words_before(self, limit: int = 4) -> list[str]:
        """Folded words before this one in the same clause, nearest first."""
        out, j = [], self.index
        while len(out) < limit:
            j = self.doc.adjacent_word(j, -1)
            if j is None:
                break
            out.append(fold(self.doc.tokens[j].text))
        return out

    def sentence_start(self) -> bool:
        before = self.doc.significant(self.index, -1)
        return before is None or self.doc.paragraph_start(self.index) or self.doc.tokens[before].text in (".", "!", "?", ":")


def grammar_fit(site: WordSite, words: list[str]) -> dict[str, int]:
    """+1 where a candidate fits the words beside it, -1 where it clashes, 0 where grammar is silent."""
    before, after = site.neighbour_reading(-1), site.neighbour_reading(1)
    licensed = None  # whether a preposition of the prepositional case stands before: read when asked
    # whether the word before is read against this one (not after a numeral asking for the genitive:
    # `две корейских дивизии`)
    before_counts = before is not None and (before in PREPOSITIONS or not paucal(site.word_before(2)))
    fits: dict[str, int] = {}
    for word in words:
        score = 0
        if before in PERSONAL_PRONOUNS:
            verdict = subject_agrees(before, word)
            if verdict is not None:
                fits[word] = 1 if verdict else -1  # `мы предложим`, not `мы предложил`
                continue
        if only_locative(word):
            if licensed is None:
                licensed = locative_licensed(site.words_before())
            if not licensed:
                fits[word] = -1  # the prepositional case needs a preposition (`войсках` without `в`)
                continue
        if before_counts:
            verdict = case_fit(before, word) if before in PREPOSITIONS else agrees(before, word)
            score += 0 if verdict is None else (1 if verdict else -1)
        if after is not None:
            verdict = case_fit(word, after) if word in PREPOSITIONS else agrees(word, after)
            score += 0 if verdict is None else (1 if verdict else -1)
        fits[word] = max(-1, min(1, score))
    return fits


def _document_evidence(site: WordSite, words: list[str]) -> dict[str, float]:
    """1 for a word written elsewhere in the document, 2 if also beside the same neighbour there."""
    before, after = site.neighbour_reading(-1), site.neighbour_reading(1)
    out = {}
    for word in words:
        if word in site.document_words:
            pair = (before, word) in site.document_pairs or (word, after) in site.document_pairs
            out[word] = 2.0 if pair else 1.0
    return out


def _usable(candidate: Candidate) -> bool:
    """Single letters other than Russian one-letter words are fragments, never corrections."""
    return len(candidate.word) > 1 or candidate.word in ONE_LETTER_WORDS


@lru_cache(maxsize=50_000)
def _real_word_candidates(lookup: Lookup, folded: str) -> tuple[Candidate, ...]:
    """A real word's readings: the known words one cheap misreading away, and the word as it stands."""
    return tuple(Candidate(w, c, z, "dictionary") for w, c, z in lookup.neighbour_frequencies(folded)) + (
        Candidate(folded, 0.0, lookup.zipf(folded), "original"),)


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


def preposition_proposal(doc: Document, index: int, finding: Finding) -> Proposal:
    """`0` or `06` before a word: the preposition where its form and the word after it fit, else a flag."""
    tok = doc.tokens[index]
    flag = Proposal(tok.start, tok.end, tok.text, "", 0.0, finding.rule, finding.message, FLAG)
    word = _DIGIT_PREPOSITIONS.get(tok.text)
    following = doc.adjacent_word(index, 1)
    if word is None or following is None:
        return flag
    after = doc.tokens[following].text
    folded = fold(after)
    if (folded[:1] in _VOWELS) != (word == "об") or not locative_form(folded):
        return flag
    before = doc.significant(index, -1)
    if after.isupper() and len(after) > 1:
        word = word.upper()
    elif before is None or doc.paragraph_start(index) or doc.tokens[before].text in _OPENING_MARKS:
        word = word.capitalize()
    return Proposal(tok.start, tok.end, tok.text, word, 0.9, finding.rule,
                    f"{finding.message}; the preposition `{word}` before a word in the prepositional case", AUTO)


# Specks read as marks: a quote mark stuck to one end of a word, a bar or backquote standing alone.
_QUOTE_SPECKS = set("‘’`")
_LONE_SPECKS = _QUOTE_SPECKS | set("|¦")
_BLANKS = (Kind.SPACE, Kind.NEWLINE)


def noise_proposal(doc: Document, index: int, finding: Finding) -> Proposal:
    """A stray mark the noise rule found: dropped where it can only be a speck, else flagged."""
    tok = doc.tokens[index]
    flag = Proposal(tok.start, tok.end, tok.text, "", 0.0, finding.rule, finding.message, FLAG)
    tokens = doc.tokens
    before = tokens[index - 1] if index else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    spaced_before = before is None or before.kind in _BLANKS
    spaced_after = after is None or after.kind in _BLANKS
    if tok.text == "©" and spaced_before and spaced_after and before is not None and before.kind is Kind.SPACE:
        following = doc.adjacent_word(index, 1)
        if following is not None and locative_form(fold(tokens[following].text)) \
                and fold(tokens[following].text)[:1] not in _VOWELS and tokens[following].text[:1].islower():
            previous = doc.significant(index, -1)
            word = "о" if previous is not None and tokens[previous].kind is Kind.WORD else "О"
            return Proposal(tok.start, tok.end, tok.text, word, 0.9, finding.rule,
                            f"{finding.message}; `©` for the preposition `о` before a word in the prepositional case",
                            AUTO)
        return flag
    if tok.text == "." and finding.hint and before is not None and before.text == finding.hint:
        return Proposal(before.start, tok.end, before.text + tok.text, before.text, 0.9, finding.rule,
                        f"{finding.message}; dropped", AUTO)
    if tok.text not in _LONE_SPECKS or _quoted(doc, index):
        return flag
    # (an empty replacement means no reading: a dropped mark is written as the text around it without it)
    if (spaced_before and spaced_after and before is not None and before.kind is Kind.SPACE
            and after is not None and after.kind is Kind.SPACE):
        # standing alone between words: dropped with one of the spaces around it
        return Proposal(before.start, after.end, before.text + tok.text + after.text, " ", 0.9, finding.rule,
                        f"{finding.message}; dropped", AUTO)
    if tok.text not in _QUOTE_SPECKS:
        return flag
    if after is not None and after.kind is Kind.WORD and spaced_before:
        return Proposal(tok.start, after.end, tok.text + after.text, after.text, 0.9, finding.rule,
                        f"{finding.message}; a quote mark at one end of a word only, dropped", AUTO)
    if before is not None and before.kind is Kind.WORD and (spaced_after or after.kind is Kind.PUNCT):
        return Proposal(before.start, tok.end, before.text + tok.text, before.text, 0.9, finding.rule,
                        f"{finding.message}; a quote mark at one end of a word only, dropped", AUTO)
    return flag


_QUOTE_MARKS = _QUOTE_SPECKS | set("'\"«»“”„")


def _quoted(doc: Document, index: int) -> bool:
    """Whether another quote mark stands on the same line: the marks may pair up as quotation."""
    first, last = doc.line_tokens(doc.token_line[index])
    return any(doc.tokens[i].text in _QUOTE_MARKS for i in range(first, last) if i != index)


def _conjunction_misread(site: WordSite) -> Proposal | None:
    """`Порт-Артуре м Дальнем`: a lone small `м` between two words is `и` with a stroke misread. After a
    number it is the metre (`5 м`); before a dot, an abbreviation or an initial."""
    doc, tok = site.doc, site.doc.tokens[site.index]
    if tok.text != "м" or doc.adjacent_word(site.index, -1) is None or doc.adjacent_word(site.index, 1) is None:
        return None
    return Proposal(tok.start, tok.end, tok.text, "и", 0.9, "stray-letter",
                    "lone letter `м` between two words; the conjunction `и` misread", AUTO)


GRAMMAR_CHECKED = 4
ALTERNATIVES = 3  # shown beside the best candidate
LEXICON_ZIPF = 3.0  # the frequency a lexicon name counts with (the frequency list lacks most of them)


def _lexicon_pool(site: WordSite, folded: str, text: str) -> dict[str, float]:
    """Names and places for a capitalised word; period terms for any word."""
    pool: dict[str, float] = {}
    if text[:1].isupper() and site.name_index is not None:
        for match in site.name_index.near(folded, 1.6):
            pool[match.part] = LEXICON_ZIPF
    return pool


def _abbreviation_pool(site: WordSite, folded: str) -> set[str]:
    """Abbreviations one misreading away, when the word stands before a dot (`тоз.` for `тов.`)."""
    nxt = site.doc.significant(site.index, 1)
    if nxt is None or site.doc.tokens[nxt].text != ".":
        return set()
    abbreviations = site.lookup.lexicons.lower_abbreviations
    return {w for w in single_edit_sources(folded, 0.8) if w in abbreviations}


def _tense_prior(site: WordSite, words: list[str]) -> dict[str, float]:
    """Reports narrate in the past tense: a document that does so favours past-tense readings."""
    out = {}
    if site.past_share >= PAST_NARRATIVE:
        for word in words:
            if not FINITE_ENDING.search(word):
                continue
            tense = verb_tense(word)
            if tense == "past":
                out[word] = WEIGHTS.tense
            elif tense in ("pres", "futr"):
                out[word] = -WEIGHTS.tense / 2
    return out


PAST_NARRATIVE = 0.6  # share of past-tense verbs from which a document counts as narrating in the past
PAGE_BREAK_LETTER = 0.25  # a letter lost at a page break, before the continued word


def _page_break_candidates(site: WordSite, folded: str, candidates: list[Candidate]) -> list[Candidate]:
    """A word continuing a sentence across a page break may have lost its first letters with the
    hyphenated piece at the foot of the previous page (`телеграфных (см. сл. лист) ... гентств`):
    words that end with it are cheap candidates."""
    out = []
    for cand in candidates:
        cut = len(cand.word) - len(folded)
        if 0 < cut <= 3 and cand.word.endswith(folded):
            cand = Candidate(cand.word, min(cand.cost, PAGE_BREAK_LETTER * cut), cand.zipf, "page-break")
        out.append(cand)
    return out


def case_proposal(site: WordSite, finding: Finding) -> Proposal | None:
    """`СССр` -> `СССР`, `цк` -> `ЦК`, `ЧТо` -> `Что`: a known word in broken letter case."""
    tok = site.doc.tokens[site.index]
    folded = fold(tok.text)
    if not site.lookup.is_known(folded):
        return None
    letters = [c for c in tok.text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if folded in site.lookup.lexicons.capital_abbreviations or upper * 3 >= len(letters) * 2:
        replacement = tok.text.upper()
    elif tok.text[:1].isupper():
        replacement = tok.text[:1] + tok.text[1:].lower()
    else:
        replacement = tok.text.lower()
    if replacement == tok.text:
        return None
    return Proposal(tok.start, tok.end, tok.text, replacement, 0.8, finding.rule,
                    f"{finding.message}; the letter case restored", AUTO)


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


STEM = 4  # letters two words must share at least, from the start, to share a stem
STEM_ENDING = 2  # ... and all but this many letters of the shorter one (`Онджина`, `онджинского`)


def unknown_stems(doc: Document, lookup: Lookup) -> dict[str, set[str]]:
    """The unknown words of a document written like a name inside a sentence, by their first STEM
    letters: those no cheap misreading away from a word (`Онджин`; not `Корел` for `Кореи`)."""
    names: dict[str, set[str]] = {}
    tokens = doc.tokens
    for i, folded in zip(doc.russian_words, doc.folded_russian):
        if len(folded) <= STEM or lookup.is_known(folded):
            continue
        text = tokens[i].text
        if _name_like(text) and not _starts_sentence(doc, i) and not _has_cheap_reading(lookup, folded):
            names.setdefault(folded[:STEM], set()).add(folded)
    return names


CHEAP_READING = 0.6  # the misreading cost within which an unknown word reads as a known one


@lru_cache(maxsize=50_000)
def _has_cheap_reading(lookup: Lookup, folded: str) -> bool:
    return any(zipf >= 2.0 for _word, _cost, zipf in lookup.one_misreading_words(folded, CHEAP_READING))


def _starts_sentence(doc: Document, index: int) -> bool:
    before = doc.significant(index, -1)
    return before is None or doc.paragraph_start(index) or doc.tokens[before].text in (".", "!", "?", ":")


def _shares_stem(folded: str, pool: dict[str, set[str]]) -> bool:
    for other in pool.get(folded[:STEM], ()):
        if other == folded:
            continue
        shared = 0
        for a, b in zip(folded, other):
            if a != b:
                break
            shared += 1
        if shared >= min(len(folded), len(other)) - STEM_ENDING:
            return True
    return False


def _name_like(text: str) -> bool:
    """A word written like a name: a capital letter, then small ones."""
    return text[:1].isupper() and any(c.islower() for c in text[1:])


def word_proposal(site: WordSite, finding: Finding, trace: list | None = None) -> Proposal | None:
    if finding.rule == "sentence-case":
        site.weighed = frozenset()
        return capitalisation_proposal(site, finding)
    if finding.rule == "stray-letter" and (conjunction := _conjunction_misread(site)) is not None:
        site.weighed = frozenset()
        return conjunction
    if finding.rule == "letter-case":
        proposal = case_proposal(site, finding)
        if proposal is not None:
            site.weighed = frozenset()
            return proposal
    text = site.text
    folded = fold(text)
    tok = site.doc.tokens[site.index]
    if finding.rule == "unknown-word" and (spaced := words_at_a_mark(site.lookup, text)) is not None:
        site.weighed = frozenset()
        return Proposal(tok.start, tok.end, text, spaced, 0.9, finding.rule,
                        f"{finding.message}; two words with a stray mark between them", AUTO)
    # A capital letter inside a sentence, or a word in capitals among small letters, marks a name
    # or an abbreviation the lexicons may lack: changing it needs stronger evidence.
    capitalised = text[:1].isupper() and not site.sentence_start() and (len(text) > 1)
    described = RULES[finding.rule]
    real_word = described.real_word and site.lookup.is_known(folded)
    reading = site.doc.readings.at(tok.start, tok.end) if site.doc.readings is not None else None
    confidence = None if reading is None else reading.confidence
    if beyond_any_word(folded):
        # Noise, or words run together: no word is one misreading from it, and trying its misreadings
        # would build strings for every edit of it (gigabytes for a few thousand letters).
        site.weighed = frozenset()
        return None if real_word else Proposal(tok.start, tok.end, text, "", 0.0, finding.rule, finding.message, FLAG)
    archive = site.archive
    if archive is not None and described.archive_vouches and archive.kept(folded):
        # a rare word the rest of the archive writes in many files and never corrected: the archive's own
        site.weighed = frozenset()
        return None
    extra = {w: z for w, z in site.document_extra.items() if w != folded}
    if archive is not None and not real_word:
        near = len(folded)
        extra.update({w: ARCHIVE_ZIPF for w in archive.archive_words(site.lookup)
                      if w != folded and abs(len(w) - near) <= 2 and w not in extra and archive.outweighs(w, folded)})
    lexicon_words = _lexicon_pool(site, folded, text)
    abbreviations = _abbreviation_pool(site, folded)
    extra.update(lexicon_words)
    extra.update({w: max(site.lookup.zipf(w), LEXICON_ZIPF) for w in abbreviations})
    if real_word:
        candidates = list(_real_word_candidates(site.lookup, folded))
    else:
        candidates = word_candidates(folded, site.lookup, extra=extra)
    candidates = [c for c in candidates if _usable(c) or c.source == "original"][:25]
    if site.after_page_break:
        candidates = _page_break_candidates(site, folded, candidates)
    engine_words = _engine_alternatives(site, reading, folded, {c.word for c in candidates})
    candidates.extend(engine_words)
    archive_misread = archive.misread_as(folded) if archive is not None else []
    for correction, _files in archive_misread:
        if correction not in {c.word for c in candidates}:
            candidates.append(Candidate(correction, weighted_distance(correction, folded), site.lookup.zipf(correction),
                                        "archive"))
    if site.phrase_hint and site.phrase_hint[0] not in {c.word for c in candidates}:
        word = site.phrase_hint[0]
        candidates.append(Candidate(word, weighted_distance(word, folded), site.lookup.zipf(word), "phrase"))
    site.weighed, site.pooled = frozenset(c.word for c in candidates), bool(lexicon_words or abbreviations)
    if not candidates or all(c.source == "original" for c in candidates):
        if real_word:
            return None
        return Proposal(tok.start, tok.end, text, "", 0.0, finding.rule, finding.message, FLAG)
    words = [c.word for c in candidates]
    # Grammar needs the dictionary's parses, the slowest lookup: only the likeliest few are checked.
    likely = sorted(candidates, key=lambda c: c.cost - 0.35 * c.zipf)[:GRAMMAR_CHECKED]
    fits = grammar_fit(site, [c.word for c in likely])
    evidence = _document_evidence(site, [w for w in words if w != folded])
    bonus = _tense_prior(site, [c.word for c in likely])
    for word in abbreviations:
        bonus[word] = bonus.get(word, 0.0) + WEIGHTS.abbreviation
    for candidate in engine_words:
        bonus[candidate.word] = bonus.get(candidate.word, 0.0) + WEIGHTS.engine_alternative
    own_bonus = set(bonus)
    archive_files = _archive_bonus(site, folded, words, archive_misread, bonus, real_word) \
        if archive is not None else {}
    phrase_word = site.phrase_hint[0] if site.phrase_hint else None
    ranked, none_probability = rank(candidates, fits, evidence, capitalised, set(lexicon_words), len(folded),
                                    phrase_word, bonus, options=None if trace is not None else 1 + ALTERNATIVES)
    options = [r for r in ranked if r.candidate.source != "original"]
    best = options[0]
    if trace is not None:
        trace.append(dict(start=tok.start, end=tok.end, text=text, rule=finding.rule, real_word=real_word,
                          capitalised=capitalised, none=none_probability,
                          options=[(r.candidate.word, r.candidate.cost, r.candidate.zipf, r.probability,
                                    fits.get(r.candidate.word, 0), evidence.get(r.candidate.word, 0),
                                    r.candidate.source) for r in ranked[:8]],
                          # what `rank` was given, so that a tuner re-ranks with other weights through it
                          rank_inputs=(list(candidates), fits, evidence, capitalised, set(lexicon_words), len(folded),
                                       phrase_word, dict(bonus))))
    if real_word and ranked[0].candidate.source == "original":
        return None
    capitals = site.lookup.lexicons.capital_abbreviations

    def written(word: str) -> str:
        # an abbreviation written in capitals stays in capitals (`США`), whatever the token's case
        return word.upper() if word in capitals and not site.lookup.is_dictionary_lower(word) else match_case(word, text)

    replacement = written(best.candidate.word)
    alternatives = tuple(a for a in dict.fromkeys(written(r.candidate.word) for r in options[1:1 + ALTERNATIVES])
                         if a != replacement)
    reasons = best.evidence
    if best.candidate.source == "engine":  # its bonus is the engine's, not the document's usage
        reasons = tuple(r for r in reasons if r != "fits the document's usage") + ("the engine's own second reading",)
    elif best.candidate.word in archive_files:
        if best.candidate.word not in own_bonus:  # its bonus is the archive's
            reasons = tuple(r for r in reasons if r != "fits the document's usage")
        reasons += (archive_files[best.candidate.word],)
    explanation = f"{finding.message}; {best.candidate.word}: " + ", ".join(reasons)
    if confidence is not None:
        explanation += f"; the engine read `{text}` with {round(100 * confidence)}% confidence"
    if best.candidate.source == "page-break":
        explanation += (f"; it continues the sentence broken by the page break after `{site.after_page_break}`, "
                        "where its first letters were lost")
    probability = best.probability
    needed = AUTO_PROBABILITY_REAL_WORD if real_word else AUTO_PROBABILITY
    max_cost = max(AUTO_MAX_COST, AUTO_COST_PER_LETTER * len(folded))
    if best.candidate.word == phrase_word:
        max_cost = max(max_cost, AUTO_MAX_COST_PHRASE)
    if capitalised and not (best.candidate.word in lexicon_words or best.candidate.word in evidence
                            or best.candidate.word in archive_files):
        needed = max(needed, AUTO_PROBABILITY_CAPITALISED)
    if not real_word and confidence is not None and confidence < DOUBTFUL:
        # a non-word the engine itself doubted: that it was misread is certain, only which word is open
        max_cost += DOUBTED_EXTRA_COST
    # independent evidence: the word the reading asks for is written elsewhere in the document beside
    # the same neighbour, or completes a set phrase of the period
    independent = best.candidate.word == phrase_word or evidence.get(best.candidate.word, 0.0) >= 2.0
    if confidence is not None and confidence < DOUBTFUL and described.evidence != "engine" \
            and (evidence.get(best.candidate.word, 0.0) >= 1.0 or best.candidate.word in lexicon_words):
        # the engine doubted the word, and the reading asked for is written in the document or named
        # in the lexicons: two pieces of evidence the text alone cannot give together
        independent = True
    held = ""  # why a reading the ranking favours is left for a person, said in the explanation
    if real_word and described.evidence == "engine":
        # the engine doubts many a right word of a worn page, and the grammar and the document's other
        # words, tried on them, changed more right words than they mended: a person decides
        needed, held = float("inf"), "a real word; the engine's doubt does not say which word it was"
    if real_word and described.evidence == "agreement" and not independent:
        needed, held = float("inf"), "a real word, and agreement alone is no evidence that it was misread"
    if real_word and described.evidence == "likelihood" and not independent and len(folded) >= 3 \
            and site.lookup.zipf(folded) >= COMMON_ZIPF:
        # a common word, however much more frequent its neighbour: likelihood alone is no evidence
        # that it was misread (`дало` is no misreading of `дело`, `при сем` none of `при всем`)
        needed, held = float("inf"), "a common word, and likelihood alone is no evidence that it was misread"
    if capitalised and not real_word and _name_like(text) and len(folded) <= NAME_SYLLABLE \
            and best.candidate.word not in evidence:
        # a short capitalised word the lexicons lack, inside a sentence: most likely a syllable of a
        # Korean or Chinese name (`Ли Зу Ен`), and a short string is one cheap misreading from many
        # common words; changed only if the document writes the reading elsewhere
        needed, held = float("inf"), "a short capitalised word inside a sentence may be a syllable of a name"
    if not real_word and site.unknown_stems is not None and len(folded) > STEM:
        if text.islower() and _shares_stem(folded, site.unknown_stems):
            # an unknown word sharing its stem with one written like a name inside a sentence
            # elsewhere (`Онджин` ... `онджинского`): the same name, spelled so twice
            needed, held = float("inf"), "it shares its stem with a name-like word elsewhere in the document"
    if finding.rule == "digit-in-word" and not _keeps_letters(folded, best.candidate.word):
        # a digit read for a letter explains the digit, not the letters around it (`ГУЙ-Б0` is
        # `ГУЙ-БО`, not `ГУН-БО`)
        needed, held = float("inf"), "more than the digits would change"
    if real_word and described.evidence == "likelihood" and not independent and probability >= needed \
            and (kin := _same_stem_elsewhere(site, folded, best.candidate.word)) is not None:
        # the document writes another word of its stem (`олова` beside `оловянный`): the word belongs to
        # the text's subject, and likelihood alone does not outweigh that
        site.weighed = None  # the verdict read the whole document's words
        needed, held = float("inf"), f"the document writes a word of its stem elsewhere (`{kin}`)"
    if text[:1].isupper() and best.candidate.word not in evidence and _doubling_apart(folded, best.candidate.word):
        # names are transliterated with and without a doubled letter (`Сейфудин`, `Сайфуддин`), and OCR
        # seldom loses or adds one letter of a pair: the document's spelling, for a person to judge
        needed, held = float("inf"), "the name may be spelled so: only a doubled letter sets it apart"
    if "-" in folded and folded.replace("-", "") == best.candidate.word:
        # only a hyphen would go: publications write some names and compounds both ways
        # (`Паньмынь-чжон`, `Паньмыньчжон`), and the OCR reads a hyphen as printed
        needed, held = float("inf"), "only a hyphen would be removed: the word may be spelled so"
    if "-" not in folded and best.candidate.word.replace("-", "") == folded:
        # only a hyphen inserted: the OCR reads a hyphen as printed, so a compound written as one word
        # (`военноморской`) is the publication's own spelling, for a person to decide
        needed, held = float("inf"), "only a hyphen would be added: the compound may be spelled so"
    if len(options) > 1 and options[1].probability > TIE * probability:
        # two readings about equally likely: the evidence does not decide between them (`0бе` read
        # as `об` beside `обе`), so a person does
        needed, held = float("inf"), "two readings are about equally likely"
    if confidence is not None and confidence >= SURE and best.candidate.word not in evidence \
            and best.candidate.word != phrase_word:
        # what the engine read surely is far more often a rare word or name than a misreading
        needed, held = float("inf"), f"the engine read it with {round(100 * confidence)}% confidence"
    if probability >= needed and best.candidate.cost <= max_cost:
        bin_ = AUTO
    elif probability >= REVIEW_PROBABILITY:
        bin_ = REVIEW
    else:
        bin_ = FLAG
    if held and bin_ != AUTO:
        # the score says how likely this reading is if the word was misread; the bin also weighs
        # whether it was misread at all, and this is why it is not changed automatically
        explanation += f"; left for a person: {held}"
    return Proposal(tok.start, tok.end, text, replacement, round(probability, 3), finding.rule, explanation,
                    bin_, alternatives, _evidence_pairs(best, none_probability, confidence, held))


def _archive_bonus(site: WordSite, folded: str, words: list[str], misread: list[tuple[str, int]],
                   bonus: dict[str, float], real_word: bool) -> dict[str, str]:
    """The archive's evidence for the candidates, added to `bonus`; what it says of each, in words: a
    rare word the other files write, a word they write beside the same neighbour (for a real word, a
    rare one only), and the archive's own confident corrections of this very string."""
    from ocr_fix.archive.profile import SUPPORT_FILES, strength

    archive = site.archive
    before, after = site.neighbour_reading(-1), site.neighbour_reading(1)
    said: dict[str, str] = {}
    for word, files in misread:
        bonus[word] = bonus.get(word, 0.0) + WEIGHTS.archive_misreading * strength(files)
        said[word] = f"archive: corrected so in {_files(files)}"
    for word in words:
        if word == folded or not archive.outweighs(word, folded):
            continue
        rare = site.lookup.zipf(word) < ARCHIVE_RARE_ZIPF
        if real_word and not rare:
            # a common word is written everywhere, beside everything: for a real word, which may be
            # right as it stands, the archive says nothing of it
            continue
        weight = 0.0
        files = archive.word_files(word)
        if files >= SUPPORT_FILES and rare:
            weight += WEIGHTS.archive_word * strength(files)
        pairs = max(archive.pair_files(before, word), archive.pair_files(word, after))
        if pairs >= SUPPORT_FILES:
            weight += WEIGHTS.archive_pair * strength(pairs)
        if weight:
            bonus[word] = bonus.get(word, 0.0) + weight
            said.setdefault(word, f"archive: {_files(files)}" + (f", {pairs} beside the same word" if pairs >= SUPPORT_FILES
                                                               else ""))
    return said


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


STEM_MIN = 4  # letters a stem shared with another word of the document must have


def _same_stem_elsewhere(site: WordSite, folded: str, candidate: str) -> str | None:
    """Another known word of the document beginning with the stem of `folded` (all but its last two
    letters, at least STEM_MIN) that `candidate` does not share, if there is one."""
    stem = folded[:max(STEM_MIN, len(folded) - 2)]
    if len(folded) <= STEM_MIN or candidate.startswith(stem):
        return None
    for word in site.document_words:
        if word != folded and word.startswith(stem):
            return word
    return None


_DOUBLED = re.compile(r"(.)\1")


def _doubling_apart(folded: str, word: str) -> bool:
    """Whether `word` and `folded` differ in a doubled letter (one has `дд` where the other has `д`),
    besides at most one other letter."""
    if len(folded) == len(word):
        return False
    a, b = _DOUBLED.sub(r"\1", folded), _DOUBLED.sub(r"\1", word)
    if a == folded and b == word:
        return False
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) <= 1


def _evidence_pairs(best, none_probability: float, confidence: float | None, held: str) -> tuple:
    """The evidence behind a word proposal as (name, value) pairs (see `Proposal.evidence`)."""
    zipf, fit, in_document, bonus, phrase, lexicon = best.reasons
    pairs = [("misreading cost", round(best.candidate.cost, 2)), ("frequency (Zipf)", round(zipf, 2))]
    if fit:
        pairs.append(("grammar", "fits its neighbours" if fit > 0 else "clashes with its neighbours"))
    if in_document:
        pairs.append(("written so in the document", round(in_document, 2)))
    if bonus:
        pairs.append(("fits the document's usage", True))
    if phrase:
        pairs.append(("completes a set phrase", True))
    if lexicon:
        pairs.append(("in the lexicons", True))
    if best.candidate.source == "engine":
        pairs.append(("the engine's second reading", True))
    if confidence is not None:
        pairs.append(("engine confidence", round(confidence, 2)))
    pairs.append(("probability of none of these", round(none_probability, 3)))
    if held:
        pairs.append(("left for a person", held))
    return tuple(pairs)


def _keeps_letters(folded: str, word: str) -> bool:
    """Whether the letters of `folded` are all in `word`, in order (only its digits were replaced)."""
    letters = iter(word)
    return all(ch in letters for ch in folded if ch.isalpha())


def _engine_alternatives(site: WordSite, reading: EngineReading | None, folded: str,
                         present: set[str]) -> list[Candidate]:
    """The engine's other readings of the word that are words, as candidates of their own."""
    if reading is None or not reading.alternatives:
        return []
    out = []
    for alternative in reading.alternatives:
        word = fold(alternative.strip(PUNCTUATION_AROUND))
        if word and word != folded and word not in present and site.lookup.is_known(word):
            present.add(word)
            out.append(Candidate(word, weighted_distance(word, folded), site.lookup.zipf(word), "engine"))
    return out


class DocumentWords(NamedTuple):
    """What a document's own known words say, as the word verdicts read it."""

    counts: dict[str, int]  # known words longer than two letters, and how often each is written
    pairs: set[tuple[str, str]]  # adjacent known words
    unindexed: set[str]  # the counted words the frequency index lacks (names, period terms)
    past: int  # counted words that are past-tense finite verbs (each occurrence)
    present: int  # ... present or future ones


def document_words(doc: Document, lookup: Lookup) -> DocumentWords:
    """The document's own known words (counted) and pairs of adjacent known words."""
    # Read line by line, each line's words remembered by its text: a later pass of `fix` reads the
    # document again after a few edits, and finds nearly all of its lines as they were.
    summaries = lookup.lexicons.derived(_LineWords, dict)
    if len(summaries) > 20_000:  # a section has a few thousand lines; kept for its later passes
        summaries.clear()
    counts: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    unindexed: set[str] = set()
    past = present = 0
    previous = None
    text, starts, tokens = doc.text, doc.starts, doc.tokens
    ends = starts[1:] + [len(text)]
    for line, start in enumerate(starts):
        line_text = text[start:ends[line]]
        summary = summaries.get(line_text)
        if summary is None:
            first, last = doc.line_tokens(line)
            summary = summaries[line_text] = _line_words(tokens[first:last], lookup)
        if summary.blank:
            continue  # spaces only: the word before and the word after are still neighbours
        if previous is not None and summary.head is not None:
            pairs.add((previous, summary.head))
        for word in summary.counted:
            counts[word] = counts.get(word, 0) + 1
        pairs.update(summary.pairs)
        unindexed.update(summary.unindexed)
        past += summary.past
        present += summary.present
        previous = summary.tail
    return DocumentWords(counts, pairs, unindexed, past, present)


class _LineWords(NamedTuple):
    """The known words of one line, read on their own."""

    counted: tuple[str, ...]  # known words longer than two letters
    pairs: frozenset[tuple[str, str]]  # adjacent known words within the line
    head: str | None  # the first word, if known and nothing but spaces stands before it
    tail: str | None  # the word a word on the next line would follow, if known and nothing stands after it
    blank: bool  # only spaces and the line break
    unindexed: frozenset[str]  # counted words the frequency index lacks
    past: int  # counted words in the past tense
    present: int  # ... in the present or future


def _line_words(tokens: list, lookup: Lookup) -> _LineWords:
    counted: list[str] = []
    pairs: set[tuple[str, str]] = set()
    unindexed: list[str] = []
    previous = None
    head = None
    blank = True
    past = present = 0
    word_kind, gaps = Kind.WORD, (Kind.SPACE, Kind.NEWLINE)
    for tok in tokens:
        kind = tok.kind
        if kind is not word_kind:
            if kind not in gaps:
                previous = None
                blank = False
            continue
        folded, known, counts, tense, in_index = _word_facts(lookup, tok.text)
        if blank and known:
            head = folded
        blank = False
        if not known:
            previous = None
            continue
        if counts:
            counted.append(folded)
            past += tense == "past"
            present += tense == "present"
            if not in_index:
                unindexed.append(folded)
        if previous is not None:
            pairs.add((previous, folded))
        previous = folded
    return _LineWords(tuple(counted), frozenset(pairs), head, previous, blank, frozenset(unindexed), past, present)


@lru_cache(maxsize=100_000)
def _word_facts(lookup: Lookup, text: str) -> tuple[str, bool, bool, str | None, bool]:
    """What the document's word evidence needs of a word, worked out once a word: its folded form,
    whether it is known, whether it is counted (known, more than two letters), its tense if it can
    only be a finite verb (`past` or `present`, future included), and whether the index has it."""
    folded = fold(text)
    known = lookup.is_known(folded)
    counts = known and len(folded) > 2
    tense = None
    if counts and FINITE_ENDING.search(folded):  # only words that end like a finite verb are worth a look-up
        tense = {"past": "past", "pres": "present", "futr": "present"}.get(verb_tense(folded))
    return folded, known, counts, tense, counts and lookup.index.zipf(folded) is not None
