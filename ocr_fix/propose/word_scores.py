"""A suspected word's candidates scored: grammar with the neighbours, the document's and the archive's
usage, the tense the document narrates in, then ranked (ocr_fix.propose.ranking)."""

from __future__ import annotations

from typing import NamedTuple

from ocr_fix.language.grammar import (
    FINITE_ENDING,
    PERSONAL_PRONOUNS,
    PREPOSITIONS,
    agreeing,
    agrees,
    case_fit,
    heading,
    locative_licensed,
    only_locative,
    paucal,
    subject_agrees,
    verb_tense,
)
from ocr_fix.language.normalize import fold
from ocr_fix.propose.ranking import WEIGHTS, Ranked, rank
from ocr_fix.propose.site import Suspect, WordSite
from ocr_fix.propose.word_pool import WordPool

ALTERNATIVES = 3  # shown beside the best candidate
PAST_NARRATIVE = 0.6  # share of past-tense verbs from which a document counts as narrating in the past
# The archive's evidence (`--profile`), each in full from profile.FULL_FILES other files on:
ARCHIVE_RARE_ZIPF = 4.0  # a word more common than this gains nothing from being written in the archive
# (nor from being written there beside the same neighbour); nor does one the archive writes hardly more
# often than the string as it stands (`ArchiveView.outweighs`)


class Scores(NamedTuple):
    """The candidates ranked, and the evidence the ranking was given."""

    ranked: list[Ranked]  # best first, the word as it stands among them
    none_probability: float  # that none of the candidates is the word
    fits: dict[str, int]  # grammar with the neighbours, of the likeliest few
    in_document: dict[str, float]  # 1: written elsewhere in the document, 2: beside the same neighbour too
    bonus: dict[str, float]  # the usage bonus of each candidate (tense, abbreviation, engine, archive)
    own_bonus: set[str]  # the candidates with a bonus before the archive's was added
    archive_said: dict[str, str]  # what the archive says of a candidate, in words
    phrase_word: str | None  # the word a set phrase asks for here
    name_said: dict[str, str]  # lexicon names that make one name with the word beside them, and that name


def score(site: WordSite, suspect: Suspect, pool: WordPool, trace: list | None) -> Scores:
    """With a `trace`, every candidate is ranked (a tuner re-ranks them), else the best few."""
    candidates, folded = pool.candidates, suspect.folded
    words = pool.words
    # Grammar needs the dictionary's parses, the slowest lookup: only the likeliest few are checked.
    fits = grammar_fit(site, pool.likely)
    evidence = _document_evidence(site, pool.others)
    bonus = _tense_prior(site, pool.likely)
    for word in pool.abbreviations:
        bonus[word] = bonus.get(word, 0.0) + WEIGHTS.abbreviation
    for candidate in pool.engine_words:
        bonus[candidate.word] = bonus.get(candidate.word, 0.0) + WEIGHTS.engine_alternative
    name_said = _name_beside(site, words) if suspect.text[:1].isupper() else {}
    for word in name_said:
        bonus[word] = bonus.get(word, 0.0) + WEIGHTS.name_beside
    own_bonus = set(bonus)
    archive_said = _archive_bonus(site, folded, words, pool.archive_misread, bonus, suspect.real_word) \
        if site.archive is not None else {}
    phrase_word = site.phrase_hint[0] if site.phrase_hint else None
    ranked, none_probability = rank(candidates, fits, evidence, suspect.capitalised, set(pool.lexicon_words),
                                    len(folded), phrase_word, bonus,
                                    options=None if trace is not None else 1 + ALTERNATIVES)
    return Scores(ranked, none_probability, fits, evidence, bonus, own_bonus, archive_said, phrase_word, name_said)


def _name_beside(site: WordSite, words: list[str]) -> dict[str, str]:
    """The candidates that make one name of the lexicons with the capitalised word beside them
    (`Мас Цзэдуна`: `Мао` and `Цзэдуна` name one man), each with that name."""
    lexicons = site.lookup.lexicons
    out: dict[str, str] = {}
    for step in (-1, 1):
        j = site.doc.adjacent_word(site.index, step)
        if j is None or not site.doc.tokens[j].text[:1].isupper():
            continue
        neighbour = fold(site.doc.tokens[j].text)
        people = set(lexicons.name_parts.get(neighbour, ()))
        for word in words:
            shared = people.intersection(lexicons.name_parts.get(word, ())) if word != neighbour else ()
            if shared and word not in out:
                out[word] = lexicons.names[min(shared)].text
    return out


def grammar_fit(site: WordSite, words: list[str]) -> dict[str, int]:
    """+1 where a candidate fits the words beside it, -1 where it clashes, 0 where grammar is silent."""
    before, after = site.neighbour_reading(-1), site.neighbour_reading(1)
    licensed = None  # whether a preposition of the prepositional case stands before: read when asked
    # whether the word before is read against this one (not after a numeral asking for the genitive:
    # `две корейских дивизии`); one that is no preposition and cannot agree with a noun says nothing of
    # any candidate, which is asked once, not of each
    before_counts = before is not None and (
        before in PREPOSITIONS or agreeing(before) and not paucal(site.word_before(2)))
    # likewise a word after that no adjective agrees with says nothing of a candidate but a preposition
    after_heads = after is not None and heading(after)
    fits: dict[str, int] = {}
    pronoun = before in PERSONAL_PRONOUNS
    fits_before = case_fit if before in PREPOSITIONS else agrees  # what the word before asks of each word
    for word in words:
        score = 0
        if pronoun:
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
            verdict = fits_before(before, word)
            score += 0 if verdict is None else (1 if verdict else -1)
        if after is not None and (after_heads or word in PREPOSITIONS):
            verdict = case_fit(word, after) if word in PREPOSITIONS else agrees(word, after)
            score += 0 if verdict is None else (1 if verdict else -1)
        fits[word] = max(-1, min(1, score))
    return fits


def _document_evidence(site: WordSite, words: list[str]) -> dict[str, float]:
    """1 for a word written elsewhere in the document, 2 if also beside the same neighbour there."""
    before, after = site.neighbour_reading(-1), site.neighbour_reading(1)
    out = {}
    pairs = site.document_pairs
    for word in [w for w in words if w in site.document_words]:  # (the test at C speed: most are not)
        out[word] = 2.0 if (before, word) in pairs or (word, after) in pairs else 1.0
    return out


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
