"""Evidence in plain words, for explanations a reader of the review understands: a misreading cost
says how likely the misreading is, a Zipf frequency how common the word is, a grammeme its case's
name. The numbers stay in the ranking; what a person reads says what they mean."""

from __future__ import annotations

# (upper bound of the misreading cost, words); the costs are those of ocr_fix.confusion, where 0.6 is
# about one letter pair OCR confuses all the time and 2.5 the most a candidate may cost
_MISREADINGS = ((0.6, "a misreading OCR makes all the time"), (1.2, "a likely misreading"),
                (2.0, "a possible misreading"))
# (lowest Zipf, words): Zipf 4 is once in ten thousand words of running text, 3 once in a hundred thousand
_FREQUENCIES = ((5.0, "a very common word"), (4.0, "a common word"), (3.0, "an ordinary word"),
                (2.0, "a rare word"))
CASES = {"nomn": "nominative", "gent": "genitive", "gen2": "genitive", "datv": "dative",
         "accs": "accusative", "acc2": "accusative", "ablt": "instrumental", "loct": "prepositional",
         "loc2": "prepositional", "voct": "vocative"}


def misreading(cost: float) -> str:
    for bound, words in _MISREADINGS:
        if cost <= bound:
            return words
    return "an unlikely misreading"


def frequency(zipf: float) -> str:
    for lowest, words in _FREQUENCIES:
        if zipf >= lowest:
            return words
    return "a very rare word"


def times_more_frequent(zipf_gap: float) -> str:
    """A difference of Zipf frequencies as a factor: 1.5 -> `about 30 times`."""
    factor = 10 ** zipf_gap
    if factor < 10:
        return f"about {factor:.0f} times"
    magnitude = 10 ** (len(str(int(factor))) - 2)  # two significant digits: 31,623 -> 32,000
    return f"about {round(factor / magnitude) * magnitude:,} times"


def case_name(grammeme: str) -> str:
    return CASES.get(grammeme, grammeme)
