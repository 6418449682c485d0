"""`rank` with its candidates prepared once (`prepare`, kept with a word's pool) ranks as scoring every
candidate in every place does: the same scores, probabilities, order and reasons."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from ocr_fix.propose.candidates import Candidate
from ocr_fix.propose.ranking import WEIGHTS, Weights, prepare, probabilities, rank


def _reference(candidates, grammar, in_document, capitalised, lexicon_words, length, phrase_word, bonus, options,
               w=WEIGHTS):
    """Every candidate scored in turn, then all sorted: the ranking as it was written before `prepare`."""
    scored, order = [], []
    for k, cand in enumerate(candidates):
        word = cand.word
        zipf = cand.zipf if cand.zipf > 0 else w.unseen_zipf
        logit = -w.cost * cand.cost + w.zipf * min(zipf, 6.5)
        fit = grammar.get(word, 0)
        if fit:
            logit += w.grammar_fit if fit > 0 else -w.grammar_clash
        document = in_document.get(word, 0.0)
        if document:
            logit += w.document * document
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
    shares, none = probabilities([s[0] for s in scored], none_logit)
    out, wanted = [], len(order) if options is None else options
    for _n, _word, k in sorted(order):
        logit, cand, reasons = scored[k]
        out.append((cand, logit, shares[k], reasons))
        if cand.source != "original":
            wanted -= 1
            if wanted <= 0:
                break
    return out, none


_WORDS = ["дело", "тело", "село", "мело", "дела", "тела", "сел", "дел", "пело", "вело"]
_candidate = st.builds(Candidate, st.sampled_from(_WORDS), st.floats(0, 2.5), st.one_of(st.just(0.0), st.floats(0, 7.5)),
                       st.sampled_from(["dictionary", "lexicon", "original", "search"]))
_scores = st.dictionaries(st.sampled_from(_WORDS + ["нет"]), st.floats(-3, 3), max_size=4)


@settings(max_examples=300, deadline=None)
@given(candidates=st.lists(_candidate, max_size=12), grammar=st.dictionaries(st.sampled_from(_WORDS), st.sampled_from([-1, 0, 1])),
       in_document=st.dictionaries(st.sampled_from(_WORDS), st.sampled_from([1.0, 2.0])), bonus=_scores,
       capitalised=st.booleans(), lexicon=st.sets(st.sampled_from(_WORDS), max_size=3),
       phrase=st.one_of(st.none(), st.sampled_from(_WORDS)), options=st.one_of(st.none(), st.integers(1, 5)),
       length=st.integers(1, 14))
def test_prepared_ranking_ranks_as_every_candidate_scored(candidates, grammar, in_document, bonus, capitalised, lexicon,
                                                          phrase, options, length):
    expected, expected_none = _reference(candidates, grammar, in_document, capitalised, lexicon, length, phrase, bonus,
                                         options)
    for prepared in (None, prepare(candidates)):
        ranked, none = rank(candidates, grammar, in_document, capitalised, lexicon, length, phrase, bonus, options,
                            prepared=prepared)
        assert [(r.candidate, r.logit, r.probability, r.reasons) for r in ranked] == expected
        assert none == expected_none or math.isnan(none) and math.isnan(expected_none)


def test_a_preparation_for_other_weights_is_not_used():
    candidates = [Candidate("дело", 1.0, 5.0, "dictionary"), Candidate("тело", 0.5, 4.0, "dictionary")]
    other = Weights(cost=0.0)
    ranked, _none = rank(candidates, {}, {}, False, set(), prepared=prepare(candidates, other))
    assert [r.candidate.word for r in ranked] == ["тело", "дело"]  # by cost, as WEIGHTS weigh it
    ranked, _none = rank(candidates, {}, {}, False, set(), weights=other, prepared=prepare(candidates, other))
    assert [r.candidate.word for r in ranked] == ["дело", "тело"]  # by frequency alone
