"""The candidates a suspected word is weighed against: the dictionary's words a misreading away, the
document's own words, lexicon names and abbreviations, the engine's other readings, the archive's
corrections of the same string, and the word a set phrase asks for."""

from __future__ import annotations

from typing import NamedTuple

from ocr_fix.confusion import single_edit_sources, weighted_distance
from ocr_fix.detect.words import ABBREVIATION_MISREADING
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.lookup import ONE_LETTER_WORDS, Lookup
from ocr_fix.propose.candidates import Candidate, word_candidates
from ocr_fix.propose.site import Suspect, WordSite
from ocr_fix.readings import EngineReading
from ocr_fix.resources import cached_per_owner

# what the engine's readings carry around a word that the word is not
PUNCTUATION_AROUND = ".,;:!?«»\"'()[]{}—–-"
ARCHIVE_ZIPF = 3.0  # the frequency an archive word the index lacks counts with as a candidate
LEXICON_ZIPF = 3.0  # the frequency a lexicon name counts with (the frequency list lacks most of them)
PAGE_BREAK_LETTER = 0.25  # a letter lost at a page break, before the continued word
KEPT_CANDIDATES = 25  # of the dictionary's and the document's words, the cheapest first


class WordPool(NamedTuple):
    """A suspected word's candidates, and where the ones with evidence of their own came from."""

    candidates: list[Candidate]
    lexicon_words: dict[str, float]  # lexicon names near a capitalised word, with the frequency they count with
    abbreviations: set[str]  # abbreviations one misreading away, the word standing before a dot
    engine_words: list[Candidate]  # the engine's own other readings
    archive_misread: list[tuple[str, int]]  # the archive's corrections of this very string, and in how many files
    # the likeliest few candidates by misreading cost and frequency, whose grammar with the neighbours is
    # checked (the dictionary's parses are the slowest look-up)
    likely: list[str]
    words: list[str]  # the candidates' words, in order
    weighed: frozenset[str]  # the same, as a set
    others: list[str]  # the candidates' words but the word as it stands, in order
    only_original: bool  # no candidate but the word as it stands


def _made(folded: str, candidates: list[Candidate], lexicon_words: dict[str, float], abbreviations: set[str],
          engine_words: list[Candidate], archive_misread: list[tuple[str, int]]) -> WordPool:
    """The pool of these candidates, with what every verdict reads of them worked out once."""
    words = [c.word for c in candidates]
    return WordPool(candidates, lexicon_words, abbreviations, engine_words, archive_misread, _likely(candidates),
                    words, frozenset(words), [w for w in words if w != folded],
                    all(c.source == "original" for c in candidates))


GRAMMAR_CHECKED = 4


def word_pool(site: WordSite, suspect: Suspect) -> WordPool:
    """The candidates of the word `suspect` stands for. What depends only on the word (its letters, its
    first letter's case, a dot after it, the rule) is worked out once a pass and kept in `site.pools`:
    a document repeats its misread words; the engine's readings, a page break and a set phrase are
    added for the place."""
    folded = suspect.folded
    before_dot = _before_a_dot(site)
    key = (folded, suspect.text[:1].isupper(), before_dot, suspect.finding.rule == "abbreviation-near-miss",
           suspect.real_word)
    pools = site.pools
    common = pools.get(key) if pools is not None else None
    if common is None:
        common = _common_pool(site, suspect, before_dot)
        if pools is not None:
            pools[key] = common
    archive = site.archive
    reading = suspect.reading
    if not site.after_page_break and (reading is None or not reading.alternatives) and archive is None \
            and not site.phrase_hint:
        return common  # as a rule: nothing of the place adds to the word's candidates
    candidates = list(common.candidates)
    if site.after_page_break:
        candidates = _page_break_candidates(site, folded, candidates)
    engine_words = _engine_alternatives(site, reading, folded, candidates)
    candidates.extend(engine_words)
    archive_misread = archive.misread_as(folded) if archive is not None else []
    for correction, _files in archive_misread:
        if correction not in {c.word for c in candidates}:
            candidates.append(Candidate(correction, weighted_distance(correction, folded), site.lookup.zipf(correction),
                                        "archive"))
    if site.phrase_hint and site.phrase_hint[0] not in {c.word for c in candidates}:
        word = site.phrase_hint[0]
        candidates.append(Candidate(word, weighted_distance(word, folded), site.lookup.zipf(word), "phrase"))
    return _made(folded, candidates, common.lexicon_words, common.abbreviations, engine_words, archive_misread)


def _common_pool(site: WordSite, suspect: Suspect, before_dot: bool) -> WordPool:
    """The candidates of a word wherever it stands in the pass's document (with the same first letter's
    case, dot after it or not, and rule)."""
    folded = suspect.folded
    archive = site.archive
    extra = dict(site.document_extra)  # a copy: the lexicons' and archive's words are added to it
    extra.pop(folded, None)
    if archive is not None and not suspect.real_word:
        near = len(folded)
        extra.update({w: ARCHIVE_ZIPF for w in archive.archive_words(site.lookup)
                      if w != folded and abs(len(w) - near) <= 2 and w not in extra and archive.outweighs(w, folded)})
    lexicon_words = _lexicon_pool(site, folded, suspect.text)
    abbreviations = _abbreviation_pool(site, folded) if before_dot else set()
    extra.update(lexicon_words)
    extra.update({w: max(site.lookup.zipf(w), LEXICON_ZIPF) for w in abbreviations})
    if suspect.real_word:
        candidates = list(_real_word_candidates(site.lookup, folded))
    else:
        candidates = word_candidates(folded, site.lookup, extra=extra)
    # single letters other than Russian one-letter words are fragments, never corrections (the test
    # written out: it is made of every candidate of every word)
    candidates = [c for c in candidates
                  if len(c.word) > 1 or c.word in ONE_LETTER_WORDS or c.source == "original"][:KEPT_CANDIDATES]
    if suspect.finding.rule == "abbreviation-near-miss":
        candidates = _abbreviations_only(site, folded, candidates)
    return _made(folded, candidates, lexicon_words, abbreviations, [], [])


def _likely(candidates: list[Candidate]) -> list[str]:
    # (the keys worked out in one pass, the sort then reading them at C speed)
    keys = [c.cost - 0.35 * c.zipf for c in candidates]
    return [candidates[k].word for k in sorted(range(len(candidates)), key=keys.__getitem__)[:GRAMMAR_CHECKED]]


def _abbreviations_only(site: WordSite, folded: str, candidates: list[Candidate]) -> list[Candidate]:
    """A word in capitals among small letters is an abbreviation (`КИР` for `КНР`): the abbreviations a
    misreading away, and the word as printed; an ordinary word in capitals there (`МИР` for `МНР`)
    reads no better than the printed one, whatever the document writes."""
    abbreviations = site.lookup.lexicons.capital_abbreviations
    kept = [c for c in candidates if c.word in abbreviations or c.source == "original"]
    present = {c.word for c in kept}
    kept += [Candidate(w, weighted_distance(w, folded), max(site.lookup.zipf(w), LEXICON_ZIPF), "lexicon")
             for w in sorted(single_edit_sources(folded, ABBREVIATION_MISREADING)) if w in abbreviations and w not in present]
    return kept


@cached_per_owner("words.real_word_candidates")
def _real_word_candidates(lookup: Lookup, folded: str) -> tuple[Candidate, ...]:
    """A real word's readings: the known words one cheap misreading away, and the word as it stands."""
    return tuple(Candidate(w, c, z, "dictionary") for w, c, z in lookup.neighbour_frequencies(folded)) + (
        Candidate(folded, 0.0, lookup.zipf(folded), "original"),)


def _lexicon_pool(site: WordSite, folded: str, text: str) -> dict[str, float]:
    """Names and places for a capitalised word; period terms for any word."""
    pool: dict[str, float] = {}
    if text[:1].isupper() and site.name_index is not None:
        for match in site.name_index.near(folded, 1.6):
            pool[match.part] = LEXICON_ZIPF
    return pool


def _before_a_dot(site: WordSite) -> bool:
    nxt = site.doc.significant(site.index, 1)
    return nxt is not None and site.doc.tokens[nxt].text == "."


def _abbreviation_pool(site: WordSite, folded: str) -> set[str]:
    """Abbreviations one misreading away, for a word standing before a dot (`тоз.` for `тов.`)."""
    abbreviations = site.lookup.lexicons.lower_abbreviations
    return {w for w in single_edit_sources(folded, 0.8) if w in abbreviations}


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


def _engine_alternatives(site: WordSite, reading: EngineReading | None, folded: str,
                         candidates: list[Candidate]) -> list[Candidate]:
    """The engine's other readings of the word that are words and not among `candidates`, as candidates of
    their own."""
    if reading is None or not reading.alternatives:
        return []  # as a rule: a plain text has no engine readings
    present = {c.word for c in candidates}
    out = []
    for alternative in reading.alternatives:
        word = fold(alternative.strip(PUNCTUATION_AROUND))
        if word and word != folded and word not in present and site.lookup.is_known(word):
            present.add(word)
            out.append(Candidate(word, weighted_distance(word, folded), site.lookup.zipf(word), "engine"))
    return out
