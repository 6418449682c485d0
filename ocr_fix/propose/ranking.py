"""Rank candidate corrections of one word and decide how sure ocr-fix is.

A candidate's log-score adds up the evidence: how cheap the misreading is (confusion cost), how
common the word is (Zipf frequency), whether it fits its neighbours grammatically, and whether the
same document has the word written correctly elsewhere. The scores, together with a "none of these"
option for a correct word the dictionaries lack or a truth the search did not reach, become
probabilities; the best candidate's probability is the proposal's score.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ocr_fix.propose.candidates import Candidate
from ocr_fix.wording import frequency, misreading

# Weights of the evidence, chosen by a grid search on the development set and checked on the
# held-out set (benchmarks/tune_ranking.py); benchmarks/correction.py measures the result.
COST_WEIGHT = 3.0  # per edit unit of confusion cost
ZIPF_WEIGHT = 1.2  # per Zipf unit of frequency (log10 of occurrences per billion words)
UNSEEN_ZIPF = 0.8  # a real dictionary form the frequency list lacks
GRAMMAR_FIT = 1.0  # fits its neighbours
GRAMMAR_CLASH = 2.0  # clashes with them: an ungrammatical reading is rarely the true one
DOCUMENT_WEIGHT = 1.0  # written so elsewhere in the same document (twice that beside the same neighbour)
PHRASE_WEIGHT = 4.0  # the one word missing from a stamp or formula of the period
LEXICON_WEIGHT = 0.8  # a name or term from the lexicons, for a capitalised token
NONE_BASE = -1.5  # the "none of these" option
NONE_PER_LETTER = 0.25  # ... less likely for a long word: a long string near a real word is that word
NONE_CAPITALISED = 2.5  # ... more likely for a capitalised word mid-sentence (a name we lack)


class Ranked(NamedTuple):
    # a named tuple rather than a frozen dataclass: one is made for every candidate of every word
    candidate: Candidate
    logit: float
    probability: float
    reasons: tuple  # what `evidence` words out: (frequency, grammar fit, document, bonus, phrase, lexicon)

    @property
    def evidence(self) -> tuple[str, ...]:
        """The evidence behind the score in words (built on demand: only the best one is shown)."""
        zipf, fit, in_document, bonus, phrase, lexicon = self.reasons
        out = [misreading(self.candidate.cost), frequency(zipf)]
        if fit:
            out.append("fits its neighbours" if fit > 0 else "clashes with its neighbours")
        if in_document:
            out.append("written so elsewhere in the document" + (" beside the same word" if in_document > 1 else ""))
        if bonus:
            out.append("fits the document's usage")
        if phrase:
            out.append("completes a set phrase of such documents")
        if lexicon:
            out.append("in the lexicons")
        return tuple(out)


def rank(candidates: list[Candidate], grammar: dict[str, int], in_document: dict[str, float],
         capitalised: bool, lexicon_words: set[str], length: int = 5,
         phrase_word: str | None = None, bonus: dict[str, float] | None = None,
         options: int | None = None) -> tuple[list[Ranked], float]:
    """Candidates best first with probabilities, and the probability of none of them.

    With `options`, the list stops once it holds that many candidates other than the word as it
    stands (the caller shows the best and a few alternatives; the rest need no record).
    """
    scored = []
    bonus = bonus or {}
    for cand in candidates:
        word = cand.word
        zipf = cand.zipf if cand.zipf > 0 else UNSEEN_ZIPF
        logit = -COST_WEIGHT * cand.cost + ZIPF_WEIGHT * min(zipf, 6.5)
        fit = grammar.get(word, 0)
        if fit:
            logit += GRAMMAR_FIT if fit > 0 else -GRAMMAR_CLASH
        document = in_document.get(word, 0.0)
        if document:
            logit += DOCUMENT_WEIGHT * document
        extra = word in bonus
        if extra:
            logit += bonus[word]
        phrase = word == phrase_word
        if phrase:
            logit += PHRASE_WEIGHT
        lexicon = capitalised and word in lexicon_words
        if lexicon:
            logit += LEXICON_WEIGHT
        scored.append((logit, cand, (zipf, fit, document, extra, phrase, lexicon)))
    none_logit = NONE_BASE + (NONE_CAPITALISED if capitalised else 0.0) - NONE_PER_LETTER * max(0, length - 6)
    top = max([none_logit] + [s[0] for s in scored])
    exp = math.exp
    weights = [exp(s[0] - top) for s in scored]
    total = exp(none_logit - top) + sum(weights)
    order = sorted(range(len(scored)), key=lambda k: (-scored[k][0], scored[k][1].word))
    ranked = []
    wanted = len(order) if options is None else options
    for k in order:
        logit, cand, reasons = scored[k]
        ranked.append(Ranked(cand, logit, weights[k] / total, reasons))
        if cand.source != "original":
            wanted -= 1
            if wanted <= 0:
                break
    return ranked, exp(none_logit - top) / total
