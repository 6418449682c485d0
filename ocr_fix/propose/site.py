"""Where a suspected word stands, and what the word verdict reads of it there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ocr_fix.detect.registry import RULES, Rule
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.lookup import Lookup
from ocr_fix.readings import EngineReading
from ocr_fix.tokens import Kind


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
    # the document's words by stem, shared by the sites of one pass (`word_bins.WordsByStem`; None: made
    # when asked)
    words_by_stem: object = None
    # Set by `word_proposal`: the words whose place in the document its verdict weighed (None:
    # unknown), and whether lexicon names or abbreviations joined the document's words as candidates.
    weighed: frozenset[str] | None = None
    pooled: bool = False
    archive: object = None  # ocr_fix.archive.profile.ArchiveView: the rest of the archive, if profiled
    # the pass's candidates of each word wherever it stands, shared by the sites of one pass (see
    # `word_pool.word_pool`; None: none kept)
    pools: dict | None = None
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
        return starts_sentence(self.doc, self.index)


class Suspect(NamedTuple):
    """The word a finding suspects of being misread, as the word verdict reads it."""

    # (a named tuple rather than a frozen dataclass: one is made for every word looked at in every pass)

    finding: Finding
    described: Rule  # the rule that flagged it
    start: int
    end: int
    text: str
    folded: str
    # A capital letter inside a sentence, or a word in capitals among small letters, marks a name
    # or an abbreviation the lexicons may lack: changing it needs stronger evidence.
    capitalised: bool
    real_word: bool  # flagged by a rule that suspects real words, and a word the dictionary knows
    reading: EngineReading | None  # the engine's own reading of it, where the input has one

    @property
    def confidence(self) -> float | None:
        return None if self.reading is None else self.reading.confidence


def suspect_at(site: WordSite, finding: Finding) -> Suspect:
    tok = site.doc.tokens[site.index]
    text = site.text
    folded = fold(text)
    capitalised = text[:1].isupper() and not site.sentence_start() and (len(text) > 1)
    described = RULES[finding.rule]
    real_word = described.real_word and site.lookup.is_known(folded)
    reading = site.doc.readings.at(tok.start, tok.end) if site.doc.readings is not None else None
    return Suspect(finding, described, tok.start, tok.end, text, folded, capitalised, real_word, reading)


def starts_sentence(doc: Document, index: int) -> bool:
    before = doc.significant(index, -1)
    return before is None or doc.paragraph_start(index) or doc.tokens[before].text in (".", "!", "?", ":")
