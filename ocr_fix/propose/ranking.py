"""Rank candidate corrections of one word and decide how sure ocr-fix is.

A candidate's log-score adds up the evidence: how cheap the misreading is (confusion cost), how
common the word is (Zipf frequency), whether it fits its neighbours grammatically, and whether the
same document has the word written correctly elsewhere. The scores, together with a "none of these"
option for a correct word the dictionaries lack or a truth the search did not reach, become
probabilities; the best candidate's probability is the proposal's score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from ocr_fix.propose.candidates import Candidate
from ocr_fix.wording import frequency, misreading


@dataclass(frozen=True)
class Weights:
    """Every weight of the evidence, for word and name proposals alike, in one value: the passes use
    `WEIGHTS`, the tuner (benchmarks/tune_ranking.py) variants of it, through the same `rank`.

    Word weights were chosen by a grid search on the development set and checked on the held-out set
    (benchmarks/tune_ranking.py); benchmarks/correction.py measures the result."""

    # words (`rank`)
    cost: float = 3.0  # per edit unit of confusion cost
    zipf: float = 1.2  # per Zipf unit of frequency (log10 of occurrences per billion words)
    unseen_zipf: float = 0.8  # a real dictionary form the frequency list lacks
    grammar_fit: float = 1.0  # fits its neighbours
    grammar_clash: float = 2.0  # clashes with them: an ungrammatical reading is rarely the true one
    document: float = 1.0  # written so elsewhere in the same document (twice that beside the same neighbour)
    phrase: float = 4.0  # the one word missing from a stamp or formula of the period
    lexicon: float = 0.8  # a name or term from the lexicons, for a capitalised token
    none_base: float = -1.5  # the "none of these" option
    none_per_letter: float = 0.25  # ... less likely for a long word: a long string near a real word is that word
    none_capitalised: float = 2.5  # ... more likely for a capitalised word mid-sentence (a name we lack)
    abbreviation: float = 2.0  # an abbreviation of such documents, standing before its dot (a bonus)
    engine_alternative: float = 1.0  # a word the OCR engine itself offered as its second reading (a bonus)
    name_beside: float = 4.0  # a lexicon name making one name with the word beside it (`Мао` before `Цзэдуна`)
    tense: float = 0.8  # a verb in the tense the document narrates in (half of it off for the other tense)
    archive_word: float = 1.0  # a rare word the archive's other files write
    archive_pair: float = 1.0  # ... written there beside the same neighbour
    archive_misreading: float = 1.5  # `fix` corrected this very string so, confidently, in other files
    # names (`ocr_fix.propose.names.name_proposal`)
    name_cost: float = 3.0
    name_cost_listed: float = 1.0  # a name at the same place in a list in the translation may be badly garbled
    document_name: float = 2.5  # the whole name is written correctly elsewhere in the document
    translation_name: float = 2.5  # the translation names this person or place
    translation_missing: float = 2.0  # ... and the Russian text has no correct form of it anywhere
    list_position: float = 3.0  # same place in a list of names given in both texts
    case_fit: float = 1.0  # the ending agrees with the case the context asks for
    none_name: float = -0.5  # "a correct name the lexicons lack"
    none_name_garbled: float = -1.5  # ... when a word of the run cannot be part of a name at all
    place_kind: float = 1.5  # `на реке X` and a river of that name
    exact_parts: float = 1.0  # two or more parts of the name are spelled right
    engine_doubt: float = 1.0  # how much less likely a name the engine doubted is right as it stands
    archive_name: float = 3.0  # the name written correctly in other files of the archive


WEIGHTS = Weights()


def probabilities(logits: list[float], none_logit: float) -> tuple[list[float], float]:
    """The options' probabilities and that of none of them, from their log-scores: the one softmax
    behind word and name proposals."""
    top = max([none_logit] + logits)
    weights = [math.exp(logit - top) for logit in logits]
    none = math.exp(none_logit - top)
    total = none + sum(weights)
    return [w / total for w in weights], none / total


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
         options: int | None = None, weights: Weights = WEIGHTS) -> tuple[list[Ranked], float]:
    """Candidates best first with probabilities, and the probability of none of them.

    With `options`, the list stops once it holds that many candidates other than the word as it
    stands (the caller shows the best and a few alternatives; the rest need no record).
    """
    scored = []
    order = []  # (-logit, word, k): sorted, the best first, equal scores in the words' order
    bonus = bonus or {}
    w = weights
    cost_weight, zipf_weight, unseen_zipf, document_weight = w.cost, w.zipf, w.unseen_zipf, w.document
    for k, cand in enumerate(candidates):
        word = cand.word
        zipf = cand.zipf if cand.zipf > 0 else unseen_zipf
        logit = -cost_weight * cand.cost + zipf_weight * (zipf if zipf < 6.5 else 6.5)
        fit = grammar.get(word, 0)
        if fit:
            logit += w.grammar_fit if fit > 0 else -w.grammar_clash
        document = in_document.get(word, 0.0)
        if document:
            logit += document_weight * document
        extra = word in bonus
        if extra:
            logit += bonus[word]
        phrase = word == phrase_word
        if phrase:
            logit += w.phrase
        lexicon = capitalised and word in lexicon_words
        if lexicon:
            logit += w.lexicon
        scored.append((logit, cand, (zipf, fit, document, extra, phrase, lexicon)))
        order.append((-logit, word, k))
    none_logit = w.none_base + (w.none_capitalised if capitalised else 0.0) - w.none_per_letter * max(0, length - 6)
    shares, none_probability = probabilities([s[0] for s in scored], none_logit)
    # tuples compare at C speed, where a key function is a Python call for every candidate
    order.sort()
    ranked = []
    wanted = len(order) if options is None else options
    for _negative_logit, _word, k in order:
        logit, cand, reasons = scored[k]
        ranked.append(Ranked(cand, logit, shares[k], reasons))
        if cand.source != "original":
            wanted -= 1
            if wanted <= 0:
                break
    return ranked, none_probability
