"""What a document's own words say: which known words it writes and beside which, the tense it
narrates in, and its unknown words written like names."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ocr_fix.document import Document
from ocr_fix.language.grammar import FINITE_ENDING, verb_tense
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.lookup import Lookup
from ocr_fix.propose.site import starts_sentence
from ocr_fix.resources import cached_per_owner
from ocr_fix.tokens import Kind


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
    summaries = lookup.lexicons.caches.memo("words.line_summaries")
    counted: list[str] = []  # every counted word as written, in order: counted at C speed at the end
    pairs: set[tuple[str, str]] = set()
    unindexed: set[str] = set()
    past = present = 0
    previous = None
    text, starts, tokens = doc.text, doc.starts, doc.tokens
    facts = _word_facts.of(lookup)  # asked of every word of every new line
    ends = starts[1:] + [len(text)]
    for line, start in enumerate(starts):
        line_text = text[start:ends[line]]
        summary = summaries.get(line_text)
        if summary is None:
            first, last = doc.line_tokens(line)
            summary = summaries[line_text] = _line_words(tokens[first:last], facts)
        if summary.blank:
            continue  # spaces only: the word before and the word after are still neighbours
        if previous is not None and summary.head is not None:
            pairs.add((previous, summary.head))
        counted.extend(summary.counted)
        pairs.update(summary.pairs)
        unindexed.update(summary.unindexed)
        past += summary.past
        present += summary.present
        previous = summary.tail
    # (a plain dict, in the order the words are first written, as the verdicts read it)
    return DocumentWords(dict(Counter(counted)), pairs, unindexed, past, present)


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


def _line_words(tokens: list, facts) -> _LineWords:
    """`facts` is `_word_facts` of the document's lookup."""
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
        folded, known, counts, tense, in_index = facts(tok.text)
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


@cached_per_owner("words.word_facts")
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


STEM = 4  # letters two words must share at least, from the start, to share a stem
STEM_ENDING = 2  # ... and all but this many letters of the shorter one (`Онджина`, `онджинского`)


def unknown_stems(doc: Document, lookup: Lookup) -> dict[str, set[str]]:
    """The unknown words of a document written like a name inside a sentence, by their first STEM
    letters: those no cheap misreading away from a word (`Онджин`; not `Корел` for `Кореи`)."""
    names: dict[str, set[str]] = {}
    tokens = doc.tokens
    is_known = lookup.is_known
    # each distinct word looked up once, not at every place it is written (every pass reads them all)
    unknown = {folded for folded in doc.folded_russian_set if len(folded) > STEM and not is_known(folded)}
    if not unknown:
        return names
    for i, folded in zip(doc.russian_words, doc.folded_russian):
        if folded not in unknown:
            continue
        text = tokens[i].text
        if name_like(text) and not starts_sentence(doc, i) and not _has_cheap_reading(lookup, folded):
            names.setdefault(folded[:STEM], set()).add(folded)
    return names


CHEAP_READING = 0.6  # the misreading cost within which an unknown word reads as a known one


@cached_per_owner("words.has_cheap_reading")
def _has_cheap_reading(lookup: Lookup, folded: str) -> bool:
    return any(zipf >= 2.0 for _word, _cost, zipf in lookup.one_misreading_words(folded, CHEAP_READING))


def shares_stem(folded: str, pool: dict[str, set[str]]) -> bool:
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


def name_like(text: str) -> bool:
    """A word written like a name: a capital letter, then small ones."""
    return text[:1].isupper() and any(c.islower() for c in text[1:])
