"""Evidence in plain words: what a cost, a frequency or a case means, not its number or tag."""

from __future__ import annotations

from ocr_fix.wording import case_name, frequency, misreading, times_more_frequent


def test_costs_frequencies_and_cases_in_words():
    assert misreading(0.3) == "a misreading OCR makes all the time"
    assert misreading(1.0) == "a likely misreading" and misreading(3.0) == "an unlikely misreading"
    assert frequency(5.6) == "a very common word" and frequency(3.8) == "an ordinary word"
    assert frequency(1.0) == "a very rare word"
    assert times_more_frequent(0.5) == "about 3 times" and times_more_frequent(1.5) == "about 32 times"
    assert times_more_frequent(4.0) == "about 10,000 times"
    assert case_name("ablt") == "instrumental" and case_name("datv") == "dative"
