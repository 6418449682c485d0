"""Word frequencies from wordfreq's Russian list (about 700,000 forms, offline).

Frequencies are Zipf values: 7 is a word like `и`, 3 appears about once per million words,
0 means the list does not have the word.
"""

from __future__ import annotations

_frequencies: dict[str, float] | None = None


def zipf_table() -> dict[str, float]:
    """All Cyrillic words of the list with their Zipf frequency, ё folded to е."""
    global _frequencies
    if _frequencies is None:
        import math

        import regex
        import wordfreq

        cyrillic = regex.compile(r"[\p{Script=Cyrillic}\-]+")
        table: dict[str, float] = {}
        for word, freq in wordfreq.get_frequency_dict("ru", "large").items():
            if not cyrillic.fullmatch(word):
                continue
            key = word.replace("ё", "е")
            zipf = round(math.log10(freq * 1e9), 2) if freq > 0 else 0.0
            if zipf > table.get(key, -1.0):
                table[key] = zipf
        _frequencies = table
    return _frequencies


def zipf(folded: str) -> float:
    return zipf_table().get(folded, 0.0)
