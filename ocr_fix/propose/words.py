"""Proposals for single words: a misread non-word, a real word misread as another, a stray letter.

The word verdict, step by step: a reading some rule's finding leaves alone (`repairs`); the word as it
stands (`site.Suspect`); its candidates (`word_pool`); their scores (`word_scores`); the bin and why a
favoured reading is left for a person (`word_bins`); the explanation, in words and as evidence pairs.
"""

from __future__ import annotations

from ocr_fix.findings import Finding
from ocr_fix.language.morphology import spelled_with_yo
from ocr_fix.language.normalize import match_case
from ocr_fix.lexicon.lookup import beyond_any_word, run_together_compound
from ocr_fix.proposal import AUTO, FLAG, Proposal
from ocr_fix.propose.ranking import Ranked
from ocr_fix.propose.repairs import single_reading
from ocr_fix.propose.site import Suspect, WordSite, suspect_at
from ocr_fix.propose.word_bins import decide
from ocr_fix.propose.word_pool import WordPool, word_pool
from ocr_fix.propose.word_scores import ALTERNATIVES, Scores, score


def word_proposal(site: WordSite, finding: Finding, trace: list | None = None) -> Proposal | None:
    """The proposal for the word a finding suspects, if any (None: the word stands as written). Sets
    `site.weighed` and `site.pooled` for the passes (see `WordSite`)."""
    repaired = single_reading(site, finding)
    if repaired is not None:
        site.weighed = frozenset()
        return repaired
    suspect = suspect_at(site, finding)
    if beyond_any_word(suspect.folded):
        # Noise, or words run together: no word is one misreading from it, and trying its misreadings
        # would build strings for every edit of it (gigabytes for a few thousand letters).
        site.weighed = frozenset()
        return None if suspect.real_word else _flag(suspect)
    archive = site.archive
    if archive is not None and suspect.described.archive_vouches and archive.kept(suspect.folded):
        # a rare word the rest of the archive writes in many files and never corrected: the archive's own
        site.weighed = frozenset()
        return None
    pool = word_pool(site, suspect)
    site.weighed, site.pooled = pool.weighed, bool(pool.lexicon_words or pool.abbreviations)
    if pool.only_original:  # (no candidates at all, too)
        return None if suspect.real_word else _flag(suspect)
    scores = score(site, suspect, pool, trace)
    if trace is not None:
        trace.append(_traced(suspect, pool, scores))
    if suspect.real_word and scores.ranked[0].candidate.source == "original":
        return None
    return _proposal(site, suspect, pool, scores)


def _flag(suspect: Suspect) -> Proposal:
    finding = suspect.finding
    return Proposal(suspect.start, suspect.end, suspect.text, "", 0.0, finding.rule, finding.message, FLAG)


def _proposal(site: WordSite, suspect: Suspect, pool: WordPool, scores: Scores) -> Proposal:
    options = [r for r in scores.ranked if r.candidate.source != "original"]
    best = options[0]
    capitals = site.lookup.lexicons.capital_abbreviations

    def written(word: str) -> str:
        # an abbreviation written in capitals stays in capitals (`США`), whatever the token's case
        if word in capitals and not site.lookup.is_dictionary_lower(word):
            return word.upper()
        if "-" in word and "-" not in suspect.text and run_together_compound(word.replace("-", "")):
            # the publication writes the compound run together (`военноморской`) and the engine read it so:
            # a hyphen the engine did not see is the dictionary's spelling, not a misreading
            word = word.replace("-", "")
        if "ё" in suspect.text.lower():
            word = spelled_with_yo(word)  # the document writes `ё`: its reading keeps it (`Соединённых`)
        written_word = match_case(word, suspect.text)
        if suspect.text[:1].isdigit() and written_word.islower() and site.sentence_start():
            # a digit read for the first letter (`06е` for `Обе`) says nothing of its case: the place does
            return written_word.capitalize()
        return written_word

    replacement = written(best.candidate.word)
    alternatives = tuple(a for a in dict.fromkeys(written(r.candidate.word) for r in options[1:1 + ALTERNATIVES])
                         if a != replacement)
    explanation = _explanation(site, suspect, best, scores)
    bin_, held = decide(site, suspect, pool.lexicon_words, scores, options)
    if held and bin_ != AUTO:
        # the score says how likely this reading is if the word was misread; the bin also weighs
        # whether it was misread at all, and this is why it is not changed automatically
        explanation += f"; left for a person: {held}"
    return Proposal(suspect.start, suspect.end, suspect.text, replacement, round(best.probability, 3),
                    suspect.finding.rule, explanation, bin_, alternatives,
                    _evidence_pairs(best, scores.none_probability, suspect.confidence, held))


def _explanation(site: WordSite, suspect: Suspect, best: Ranked, scores: Scores) -> str:
    word = best.candidate.word
    reasons = best.evidence
    if best.candidate.source == "engine":  # its bonus is the engine's, not the document's usage
        reasons = tuple(r for r in reasons if r != "fits the document's usage") + ("the engine's own second reading",)
    elif word in scores.name_said:  # its bonus is the name's, not the document's usage
        reasons = tuple(r for r in reasons if r != "fits the document's usage") + (
            f"makes one name ({scores.name_said[word]}) with the word beside it",)
    elif word in scores.archive_said:
        if word not in scores.own_bonus:  # its bonus is the archive's
            reasons = tuple(r for r in reasons if r != "fits the document's usage")
        reasons += (scores.archive_said[word],)
    explanation = f"{suspect.finding.message}; {word}: " + ", ".join(reasons)
    if suspect.confidence is not None:
        explanation += f"; the engine read `{suspect.text}` with {round(100 * suspect.confidence)}% confidence"
    if best.candidate.source == "page-break":
        explanation += (f"; it continues the sentence broken by the page break after `{site.after_page_break}`, "
                        "where its first letters were lost")
    return explanation


def _traced(suspect: Suspect, pool: WordPool, scores: Scores) -> dict:
    """What benchmarks/tune_ranking.py reads of a verdict."""
    fits, in_document = scores.fits, scores.in_document
    return dict(start=suspect.start, end=suspect.end, text=suspect.text, rule=suspect.finding.rule,
                real_word=suspect.real_word, capitalised=suspect.capitalised, none=scores.none_probability,
                options=[(r.candidate.word, r.candidate.cost, r.candidate.zipf, r.probability,
                          fits.get(r.candidate.word, 0), in_document.get(r.candidate.word, 0),
                          r.candidate.source) for r in scores.ranked[:8]],
                # what `rank` was given, so that a tuner re-ranks with other weights through it
                rank_inputs=(list(pool.candidates), fits, in_document, suspect.capitalised, set(pool.lexicon_words),
                             len(suspect.folded), scores.phrase_word, dict(scores.bonus)))


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
