"""Which bin a word proposal goes to: applied by `fix`, proposed for review, or only flagged; and,
where the ranking favours a reading that is not applied, why a person is left to decide."""

from __future__ import annotations

import re

from ocr_fix.proposal import AUTO, FLAG, REVIEW
from ocr_fix.propose.candidates import Candidate
from ocr_fix.propose.document_words import STEM, name_like, shares_stem
from ocr_fix.propose.ranking import Ranked
from ocr_fix.propose.site import Suspect, WordSite
from ocr_fix.propose.word_scores import Scores
from ocr_fix.readings import DOUBTFUL, SURE

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
# A small-letter non-word's reading of its length, or one this far ahead of the rest, may be this much
# costlier: measured on the dev sets' worn copies, such readings were mostly right, and 0.6 for the
# far-ahead one cost the clean copies of dev-set-real more than it mended.
CLEAR_PROBABILITY = 0.7
WORN_EXTRA_COST = 1.0
TIE = 0.9  # a runner-up with at least this share of the best candidate's probability ties with it


def decide(site: WordSite, suspect: Suspect, lexicon_words: dict[str, float], scores: Scores,
           options: list[Ranked]) -> tuple[str, str]:
    """The bin of the best of `options`, and why it is left for a person ("" if it is not)."""
    best = options[0]
    word, probability = best.candidate.word, best.probability
    needed, max_cost = _auto_bar(suspect, best.candidate, probability, lexicon_words, scores)
    independent = _independent(suspect, word, lexicon_words, scores)
    held = _held_for_the_word(site, suspect, word, scores, independent)
    if not held and probability >= needed and suspect.real_word and suspect.described.evidence == "likelihood" \
            and not independent and (kin := _same_stem_elsewhere(site, suspect.folded, word)) is not None:
        # the document writes another word of its stem (`олова` beside `оловянный`): the word belongs to
        # the text's subject, and likelihood alone does not outweigh that
        site.weighed = None  # the verdict read the whole document's words
        held = f"the document writes a word of its stem elsewhere (`{kin}`)"
    held = _held_for_the_reading(suspect, word, scores, options) or held
    if best.candidate.source == "page-break" or _completes_a_line_start(site, suspect, word):
        # `гентств` opening a page: the rest of a word split across pages or lines, whose first letters the
        # page lost; a transcription keeps the page as it is, and completing the word is an editor's call
        held = "the rest of a word split at a page or line break: completing it is an editor's emendation"
    if not held and suspect.capitalised and not suspect.real_word and not _vouched(word, lexicon_words, scores) \
            and not _in_title(site) and not _long_and_cheap(suspect.text, best.candidate.cost):
        # `провинцию Самные и`: a capital inside a sentence, outside a title, marks a name the lexicons
        # lack; a common word there would be written small, so the reading explains only the letters
        held = "a capitalised word inside a sentence, not part of a title: most likely a name"
    if not held and probability >= needed and best.candidate.cost <= max_cost:
        return AUTO, held
    return (REVIEW if probability >= REVIEW_PROBABILITY else FLAG), held


def _auto_bar(suspect: Suspect, candidate: Candidate, probability: float, lexicon_words: dict[str, float],
              scores: Scores) -> tuple[float, float]:
    """The probability and the misreading cost at which `candidate` (of this `probability`) is applied,
    held for no other reason."""
    folded, confidence, word = suspect.folded, suspect.confidence, candidate.word
    needed = AUTO_PROBABILITY_REAL_WORD if suspect.real_word else AUTO_PROBABILITY
    max_cost = max(AUTO_MAX_COST, AUTO_COST_PER_LETTER * len(folded))
    if not suspect.real_word and suspect.text.islower() and (
            probability >= CLEAR_PROBABILITY or abs(len(word) - len(folded)) <= 1):
        # a small-letter non-word whose reading is of its length, or stands far above every other: a worn
        # copy misreads several letters of a word, and no name or right word is at stake
        max_cost += WORN_EXTRA_COST
    if word == scores.phrase_word:
        max_cost = max(max_cost, AUTO_MAX_COST_PHRASE)
    if (suspect.capitalised or _name_at_sentence_start(suspect, candidate.cost)) \
            and not _vouched(word, lexicon_words, scores):
        needed = max(needed, AUTO_PROBABILITY_CAPITALISED)
    if not suspect.real_word and confidence is not None and confidence < DOUBTFUL:
        # a non-word the engine itself doubted: that it was misread is certain, only which word is open
        max_cost += DOUBTED_EXTRA_COST
    return needed, max_cost


SENTENCE_START_NAME_COST = 1.0


def _completes_a_line_start(site: WordSite, suspect: Suspect, word: str) -> bool:
    """Whether `word` only adds letters in front of a small-letter word that opens its line."""
    # the letters first: whether the word opens its line is a walk over the tokens before it
    return (suspect.text[:1].islower() and len(word) > len(suspect.folded) and word.endswith(suspect.folded)
            and site.doc.opens_line(site.index))


def _vouched(word: str, lexicon_words: dict[str, float], scores: Scores) -> bool:
    """Whether the lexicons, the document, a set phrase or the archive write `word`."""
    return (word in lexicon_words or word in scores.in_document or word == scores.phrase_word
            or word in scores.archive_said)


LONG_WORD = 8  # letters from which a name one cheap misreading from a dictionary word is rare
LONG_WORD_COST = 1.0


def _long_and_cheap(text: str, cost: float) -> bool:
    """`Микистерства` for `Министерства`: a long word in small letters after its capital, one cheap
    misreading from its reading, is seldom a name by chance (a name in capitals may be: `БУРХАНОМ`)."""
    return len(text) >= LONG_WORD and text[1:].islower() and cost <= LONG_WORD_COST


def _in_title(site: WordSite) -> bool:
    """Whether a capitalised word stands beside another (`Народвого Правительства`): a title or a name of
    several words, whose words the lexicons and the dictionary know as ordinary words."""
    doc = site.doc
    for step in (-1, 1):
        beside = doc.adjacent_word(site.index, step)
        if beside is not None and doc.tokens[beside].text[:1].isupper():
            return True
    return False


def _name_at_sentence_start(suspect: Suspect, cost: float) -> bool:
    """A capitalised unknown word opening a sentence, more than one cheap misreading from its reading: as
    likely a name the lexicons lack (`Онджинского` after a period that was a speck) as a misread word."""
    text = suspect.text
    return (not suspect.capitalised and not suspect.real_word and len(text) > 1 and text[:1].isupper()
            and not text.isupper() and cost > SENTENCE_START_NAME_COST)


def _independent(suspect: Suspect, word: str, lexicon_words: dict[str, float], scores: Scores) -> bool:
    """Whether the evidence for `word` is independent of what made the rule suspect the word as it stands."""
    confidence, in_document = suspect.confidence, scores.in_document
    # the word the reading asks for is written elsewhere in the document beside the same neighbour,
    # or completes a set phrase of the period
    independent = word == scores.phrase_word or in_document.get(word, 0.0) >= 2.0
    if confidence is not None and confidence < DOUBTFUL and suspect.described.evidence != "engine" \
            and (in_document.get(word, 0.0) >= 1.0 or word in lexicon_words):
        # the engine doubted the word, and the reading asked for is written in the document or named
        # in the lexicons: two pieces of evidence the text alone cannot give together
        independent = True
    return independent


def _held_for_the_word(site: WordSite, suspect: Suspect, word: str, scores: Scores, independent: bool) -> str:
    """Why the word as it stands may well be right, whatever reading is favoured (the last reason that holds)."""
    folded, text, real_word, grounds = suspect.folded, suspect.text, suspect.real_word, suspect.described.evidence
    held = ""
    if real_word and grounds == "engine":
        # the engine doubts many a right word of a worn page, and the grammar and the document's other
        # words, tried on them, changed more right words than they mended: a person decides
        held = "a real word; the engine's doubt does not say which word it was"
    if real_word and grounds == "agreement" and not independent:
        held = "a real word, and agreement alone is no evidence that it was misread"
    if real_word and grounds == "likelihood" and not independent and len(folded) >= 3 \
            and site.lookup.zipf(folded) >= COMMON_ZIPF:
        # a common word, however much more frequent its neighbour: likelihood alone is no evidence
        # that it was misread (`дало` is no misreading of `дело`, `при сем` none of `при всем`)
        held = "a common word, and likelihood alone is no evidence that it was misread"
    if suspect.capitalised and not real_word and name_like(text) and len(folded) <= NAME_SYLLABLE \
            and word not in scores.in_document and word not in scores.name_said:
        # a short capitalised word the lexicons lack, inside a sentence: most likely a syllable of a
        # Korean or Chinese name (`Ли Зу Ен`), and a short string is one cheap misreading from many
        # common words; changed only if the document writes the reading elsewhere, or the reading makes
        # one name of the lexicons with the word beside it (`Мас Цзэдуна`)
        held = "a short capitalised word inside a sentence may be a syllable of a name"
    if not real_word and site.unknown_stems is not None and len(folded) > STEM:
        if text.islower() and shares_stem(folded, site.unknown_stems):
            # an unknown word sharing its stem with one written like a name inside a sentence
            # elsewhere (`Онджин` ... `онджинского`): the same name, spelled so twice
            held = "it shares its stem with a name-like word elsewhere in the document"
    if suspect.finding.rule == "digit-in-word" and not _keeps_letters(folded, word):
        # a digit read for a letter explains the digit, not the letters around it (`ГУЙ-Б0` is
        # `ГУЙ-БО`, not `ГУН-БО`)
        held = "more than the digits would change"
    return held


def _held_for_the_reading(suspect: Suspect, word: str, scores: Scores, options: list[Ranked]) -> str:
    """Why the favoured reading may not be the one meant (the last reason that holds), else ""."""
    folded, confidence = suspect.folded, suspect.confidence
    held = ""
    if suspect.text[:1].isupper() and word not in scores.in_document and _doubling_apart(folded, word):
        # names are transliterated with and without a doubled letter (`Сейфудин`, `Сайфуддин`), and OCR
        # seldom loses or adds one letter of a pair: the document's spelling, for a person to judge
        held = "the name may be spelled so: only a doubled letter sets it apart"
    if "-" in folded and folded.replace("-", "") == word:
        # only a hyphen would go: publications write some names and compounds both ways
        # (`Паньмынь-чжон`, `Паньмыньчжон`), and the OCR reads a hyphen as printed
        held = "only a hyphen would be removed: the word may be spelled so"
    if "-" not in folded and word.replace("-", "") == folded:
        # only a hyphen inserted: the OCR reads a hyphen as printed, so a compound written as one word
        # (`военноморской`) is the publication's own spelling, for a person to decide
        held = "only a hyphen would be added: the compound may be spelled so"
    if len(options) > 1 and options[1].probability > TIE * options[0].probability:
        # two readings about equally likely: the evidence does not decide between them (`0бе` read
        # as `об` beside `обе`), so a person does
        held = "two readings are about equally likely"
    if confidence is not None and confidence >= SURE and word not in scores.in_document \
            and word != scores.phrase_word:
        # what the engine read surely is far more often a rare word or name than a misreading
        held = f"the engine read it with {round(100 * confidence)}% confidence"
    return held


STEM_MIN = 4  # letters a stem shared with another word of the document must have


def _same_stem_elsewhere(site: WordSite, folded: str, candidate: str) -> str | None:
    """Another word of the document beginning with the stem of `folded` (all but its last two letters, at
    least STEM_MIN) that `candidate` does not share, if there is one. Misread words count too: `оловявный`
    for `оловянный` still writes the stem of `олова`."""
    stem = folded[:max(STEM_MIN, len(folded) - 2)]
    if len(folded) <= STEM_MIN or candidate.startswith(stem):
        return None
    by_stem = site.words_by_stem if site.words_by_stem is not None else WordsByStem(site.doc, site.document_words)
    return by_stem.first_with_stem(stem, folded)


class WordsByStem:
    """The document's counted known words, then all its Russian words (misread ones too), grouped by
    their first STEM_MIN letters, each group in the document's order (so that the word named is the
    same on every run: a set's order is not). Grouped on first ask, once a pass: a scan of the whole
    document for every word asked about read thousands of words each time."""

    def __init__(self, doc, document_words: dict[str, int]):
        self._doc, self._document_words = doc, document_words
        self._groups: tuple[dict[str, list[str]], ...] | None = None

    def first_with_stem(self, stem: str, other_than: str) -> str | None:
        """The first word other than `other_than` that begins with `stem` (of STEM_MIN letters or more)."""
        if self._groups is None:
            self._groups = (_by_first_letters(self._document_words), _by_first_letters(self._doc.folded_russian))
        key = stem[:STEM_MIN]
        for groups in self._groups:
            for word in groups.get(key, ()):
                if word != other_than and word.startswith(stem):
                    return word
        return None


def _by_first_letters(words) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for word in dict.fromkeys(words):  # each once: a later place of a word is never the first match
        groups.setdefault(word[:STEM_MIN], []).append(word)
    return groups


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


def _keeps_letters(folded: str, word: str) -> bool:
    """Whether the letters of `folded` are all in `word`, in order (only its digits were replaced)."""
    letters = iter(word)
    return all(ch in letters for ch in folded if ch.isalpha())
