"""Every cache of ocr-fix under one name and one size (`CACHE_SIZES`), listed by `stats()` and emptied by
`clear()`.

A cache of a function of its arguments alone is made by `@cached(name)`. What one set of lexicons or
one lookup knows is kept by that object, in its `OwnedCaches` (`@cached_per_owner(name)` for a
function whose first argument is the owner): it goes when its owner goes, and the owner is no part of
its keys. Either way each cache is entered here under its name, so `stats()` sees them all and no
module elsewhere keeps state of its own (a test walks the package for `lru_cache` and `global`).
"""

from __future__ import annotations

import functools
import weakref
from typing import Callable, NamedTuple

# name -> the most entries one cache of that name holds. A size is a trade of memory for speed on a
# long text; the numbers are those each cache was tuned to before they were gathered here.
CACHE_SIZES: dict[str, int] = {
    # loaded once per process: a handful of lexicon sets (the shipped one, a few `--lexicon` lists)
    "session.resources": 8,
    "lexicon.loads": 8,
    # the dictionary, its word-form automaton and the frequency index: one each per process
    "morphology.analyzer": 1,
    "morphology.automaton": 1,
    "vocabulary.word_index": 1,
    # registering the OCR file readers happens once; the cache is the "done" mark
    "inputs.builtin_kinds": 1,
    # folders cleared of stale temporaries, once a folder and process (a batch writes thousands of
    # files into one); one swept again after falling out only costs a read of the folder
    "writing.swept_folders": 10_000,
    # one Palladius table, the Korean syllables, a few furniture/phrase lists, decision and profile
    # files: each asked for with the same few arguments all run long
    "palladius.tables": 4,
    "korean.syllables": 1,
    "layout.furniture_regex": 8,
    "furniture_misread.shapes": 8,
    "phrases.all_words": 8,
    "titles.lemmas": 4,
    "title_misread.phrases": 4,
    "reviewfile.special": 8,
    "decisions.loads": 4,
    "profile.loads": 4,
    # per word: `fold` and confusion distances are asked of every token by many rules, so they get the
    # most room; a document of 1M words has some 200,000 distinct forms
    "normalize.fold": 200_000,
    "confusion.weighted_distance": 200_000,
    "candidates.dictionary": 200_000,
    "normalize.case_style": 50_000,
    "scripts.script_of": 100_000,
    "scripts.letters": 50_000,
    "morphology.parses": 100_000,
    "morphology.lemmas": 20_000,  # asked only of words that begin like a word of a title of the lexicons
    # a dictionary tag -> its reading: the dictionary has a few thousand tags (2,000 in 50,000 words)
    "morphology.readings": 10_000,
    "grammar.case_fit": 50_000,
    "grammar.agrees": 50_000,
    "grammar.adjective_forms": 50_000,
    "grammar.head_forms": 50_000,
    "grammar.only_locative": 50_000,
    "grammar.locative_form": 50_000,
    "grammar.subject_agrees": 50_000,
    "grammar.verb_tense": 50_000,
    "realword.unlikely_verdict": 50_000,
    "realword.likely_reading": 50_000,
    "realword.pair_head": 100_000,
    # a checked pair of words (a preposition or an adjective-like word and the word after it) -> what
    # their letters decide; a document writes most of its pairs many times
    "realword.pair_clash": 100_000,
    "words.case_verdict": 50_000,
    "words.real_word_candidates": 50_000,
    "words.has_cheap_reading": 50_000,
    "words.word_facts": 100_000,
    "phrases.phrase_words": 4096,  # the lexicon's phrases, a few hundred
    "lexicon.period_variants": 20_000,  # name parts: asked again for the same ones throughout a document
    "lookup.is_known": 100_000,
    "lookup.all_neighbours": 50_000,
    # the grammar rule asks again and again for the same prepositions' and common words' neighbours
    "lookup.frequent_neighbours": 10_000,
    "vocabulary.buckets": 50_000,  # the buckets of common words, which candidate look-ups land in
    "vocabulary.bucket_maps": 50_000,
    "names.near": 50_000,
    # nodes of the dictionary automaton the candidate search steps through; the upper levels recur
    "search.children": 300_000,
    # one entry per character a text prints: a few hundred, a few thousand for a text in many scripts
    "search.printed_letter": 20_000,
    # what the lexicons' own indexes are: built once per lexicon set
    "lexicon.name_index": 1,
    "lexicon.latin_index": 1,
    "lexicon.spelling_pairs": 1,
    "lexicon.spelling_index": 1,  # the same pairs by form
    # a run of capitalised words and whether a title precedes it -> what the name rules make of it
    "names.run_verdicts": 50_000,
    # word text -> the rule kinds it is of, for the document's words looked up at once
    "context.word_kinds": 100_000,
    # a line's text -> its known words: a section has a few thousand lines, kept for its later passes
    "words.line_summaries": 20_000,
    # name part -> the names it may begin: read back after all are made, so it holds every name part
    # of the lexicons (about 4,300 shipped; a user's lists add to them)
    "names.starting_with": 1_000_000,
    # the English translation last read: every pass and section reads the same one again
    "translation.mentions": 1,
}

# name -> the live caches of that name (one per owner for an owned cache)
_TABLE: dict[str, weakref.WeakSet] = {}


class CacheStats(NamedTuple):
    name: str
    size: int  # the most entries one cache of this name holds
    caches: int  # how many are alive (one per owner for an owned cache)
    fill: int  # entries held, all of them together
    hits: int | None  # None where they are not counted (a `Memo` is read at C speed, uncounted)
    misses: int


class Memo(dict):
    """A dict kept as a cache: emptied when it would grow past its size (what it holds is quick to
    make again; most of it is made again by the next few documents anyway)."""

    __hash__ = object.__hash__  # entered in a WeakSet: each memo is its own cache

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self.misses = 0

    def __setitem__(self, key, value) -> None:
        if key not in self and len(self) >= self.size:
            self.clear()
        self.misses += 1
        super().__setitem__(key, value)

    def add_all(self, entries: dict) -> None:
        """`entries` added at once (a dict's own update, where each one set through `__setitem__` is a
        Python call: a text's new words are thousands), emptied first when they would not all fit."""
        if len(entries) > self.size:
            for key, value in entries.items():
                self[key] = value
            return
        if len(self) + len(entries) > self.size:
            self.clear()
        self.misses += len(entries)
        super().update(entries)


def _enter(name: str, cache) -> None:
    _TABLE.setdefault(name, weakref.WeakSet()).add(cache)


def cached(name: str) -> Callable:
    """A decorator: `functools.lru_cache` of the size named `name`, entered in the table."""
    size = CACHE_SIZES[name]

    def decorate(function: Callable) -> Callable:
        cache = functools.lru_cache(maxsize=size)(function)
        _enter(name, cache)
        return cache

    return decorate


def cached_per_owner(name: str) -> Callable:
    """A decorator for `function(owner, *args)`: each owner (an object with `caches`, an
    `OwnedCaches`) keeps its own cache of `function(owner, ...)`, keyed by the other arguments."""
    CACHE_SIZES[name]  # an unnamed cache fails on import, not on first use

    def decorate(function: Callable) -> Callable:
        @functools.wraps(function)
        def call(owner, *args):
            cache = owner.caches.get(name)
            if cache is None:
                cache = owner.caches.function(name, functools.partial(function, owner))
            return cache(*args)

        def of(owner) -> Callable:
            """The owner's cache itself, for a loop that asks it of many words: called directly, a hit
            is answered at C speed, without this wrapper's Python call around it."""
            cache = owner.caches.get(name)
            if cache is None:
                cache = owner.caches.function(name, functools.partial(function, owner))
            return cache

        call.of = of
        return call

    return decorate


class OwnedCaches(dict):
    """The caches one object (a `Lookup`, a set of `Lexicons`) keeps, by name."""

    def function(self, name: str, function: Callable) -> Callable:
        """`function` cached at the size named `name`, kept here."""
        self[name] = cache = cached(name)(function)
        return cache

    def memo(self, name: str) -> Memo:
        """The `Memo` of this name, made on first ask."""
        memo = self.get(name)
        if memo is None:
            self[name] = memo = Memo(CACHE_SIZES[name])
            _enter(name, memo)
        return memo

    def value(self, name: str, make: Callable):
        """What `make()` builds (an index of the owner's), built once."""
        memo = self.get(name)
        if memo is not None and name in memo:  # as a rule: some rules ask for an index once a word
            return memo[name]
        memo = self.memo(name)
        if name not in memo:
            memo[name] = make()
        return memo[name]


def _stats_of(cache) -> tuple[int, int | None, int]:
    if isinstance(cache, Memo):
        return len(cache), None, cache.misses
    info = cache.cache_info()
    return info.currsize, info.hits, info.misses


def stats() -> list[CacheStats]:
    """Every named cache with its size and, over its live caches, what they hold, hits and misses."""
    out = []
    for name, size in CACHE_SIZES.items():
        live = list(_TABLE.get(name, ()))
        counts = [_stats_of(cache) for cache in live]
        hits = [h for _fill, h, _misses in counts if h is not None]
        out.append(CacheStats(name, size, len(live), sum(c[0] for c in counts),
                              sum(hits) if hits or not counts else None, sum(c[2] for c in counts)))
    return out


def clear() -> None:
    """Empty every cache (what is loaded, such as the dictionaries, is loaded again on next use)."""
    for caches in _TABLE.values():
        for cache in list(caches):
            (cache.clear if isinstance(cache, Memo) else cache.cache_clear)()
