"""Russian word forms from the OpenCorpora dictionary behind pymorphy3 (about 5 million forms).

Loaded once, on first use; parses are cached because the same words recur throughout a document.
"""

from __future__ import annotations

from functools import lru_cache

_analyzer = None


def analyzer():
    global _analyzer
    if _analyzer is None:
        import pymorphy3

        _analyzer = pymorphy3.MorphAnalyzer()
    return _analyzer


@lru_cache(maxsize=200_000)
def is_dictionary_word(folded: str) -> bool:
    """Whether the dictionary knows this exact (lower-case, ё-folded) form."""
    return analyzer().word_is_known(folded)


@lru_cache(maxsize=100_000)
def parses(folded: str) -> tuple:
    """Dictionary parses of a known form (guesses for unknown words are left out)."""
    result = []
    for parse in analyzer().parse(folded):
        if any(type(step[0]).__name__ in ("DictionaryAnalyzer", "AbbreviatedFirstNameAnalyzer",
                                          "AbbreviatedPatronymicAnalyzer", "HyphenSeparatedParticleAnalyzer")
               for step in parse.methods_stack):
            result.append(parse)
    return tuple(result)


@lru_cache(maxsize=100_000)
def guessed_tags(folded: str) -> frozenset[str]:
    """Grammemes pymorphy's guesser gives an unknown word (used to tell a likely surname apart)."""
    tags: set[str] = set()
    for parse in analyzer().parse(folded)[:2]:
        tags |= set(parse.tag.grammemes)
    return frozenset(tags)
