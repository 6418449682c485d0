"""A run of letters far longer than any word costs no more to correct than a word does (issue 19).

The look-ups of a word's misreadings try a string for every edit of it (its skeleton neighbours, its
one-misreading variants): some n² strings of n letters for an n-letter token, which took 5 GB for a
2,100-letter run. No word is that long, so such a run is flagged as it stands and never looked up.
"""

from __future__ import annotations

import resource
import tracemalloc
from contextlib import contextmanager

from ocr_fix.api import check_text, correct_text
from ocr_fix.detect.layout import segment_letters


def _garbled(n: int, letters: str) -> str:
    return (letters * (n // len(letters) + 1))[:n]


def _text(n: int) -> str:
    """A garbled run of `n` letters in each of the places the rules and proposals read a word from:
    after an adjective (its likely reading is looked up), capitalised inside a sentence (names), in
    capitals, and before a dot (abbreviations); and a compound of known words as long."""
    return (f"Сообщаю, что японских {_garbled(n, 'войскак')} нет.\n"
            f"Вчера в Пекин прибыл {_garbled(n, 'сторонаи').capitalize()} с делегацией.\n"
            f"СОВЕРШЕННО {_garbled(n, 'секретио').upper()} ДОКЛАД.\n"
            f"Подписал посол {_garbled(n, 'рощиик')}.\n"
            f"В {'-'.join(['военно', 'морского'] * (n // 15 + 1))} районе спокойно.\n")


@contextmanager
def _address_space(extra_bytes: int):
    """No more than `extra_bytes` of address space beyond what the process holds now: a correction
    whose memory grows with the square or cube of a word's length fails with MemoryError instead of
    taking the machine's memory."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            now = int(handle.read().split()[0]) * resource.getpagesize()
    except OSError:  # no /proc: no bound
        yield
        return
    limit = now + extra_bytes if hard == resource.RLIM_INFINITY else min(now + extra_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _peak_bytes(text: str):
    tracemalloc.start()
    try:
        with _address_space(1_500_000_000):
            result = correct_text(text)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_correcting_a_text_takes_no_more_memory_as_a_garbled_run_grows():
    correct_text(_text(12))  # the dictionaries and indexes loaded before anything is measured
    short, short_peak = _peak_bytes(_text(200))
    long, long_peak = _peak_bytes(_text(20_000))
    # Memory grows with the text: its tokens, its folded words, the proposals' originals, and (without
    # the compiled tokenizer) a string for each letter as the lines' scripts are counted, some 70 bytes
    # a character in all. A structure growing with the square of a run would take 20,000 times that.
    added = len(_text(20_000)) - len(_text(200))
    assert long_peak - short_peak < 200 * added, (short_peak, long_peak)
    assert long.text == _text(20_000)  # nothing is changed in such a run
    assert short.text == _text(200)


def test_a_run_longer_than_any_word_is_flagged_as_such():
    text = _text(5_000)
    flagged = [p for p in correct_text(text).proposals if len(p.original) == 5_000]
    assert len(flagged) == 4
    assert all(p.bin == "flag" and p.replacement == "" for p in flagged)
    lower_case = next(p for p in flagged if p.original.startswith("войскак"))
    assert "longer than any Russian word" in lower_case.explanation
    findings = [f for f in check_text(text).findings if len(f.text) == 5_000]
    assert {f.text[:4] for f in findings} == {"войс", "Стор", "СЕКР", "рощи"}
    assert all("longer than any Russian word" in f.message for f in findings)


def test_a_letter_spaced_run_is_split_into_words_no_longer_than_any_word():
    looked_up: list[int] = []

    def known(folded: str) -> bool:
        looked_up.append(len(folded))
        return folded in ("войск", "как", "нет")

    assert segment_letters("ВОЙСККАКНЕТ", known) == ["ВОЙСК", "КАК", "НЕТ"]
    work = {}
    for n in (200, 2_000):
        looked_up.clear()
        assert segment_letters(_garbled(n, "ВОЙСКАК"), known) is None
        assert max(looked_up) <= 64  # no word is longer: longer pieces are not looked up
        work[n] = len(looked_up)
    assert work[2_000] <= 11 * work[200]  # the work grows with the run's length, not its square


def test_a_long_compound_of_known_words_has_no_misreadings_looked_up():
    from ocr_fix.session import resources

    lookup = resources(()).lookup
    compound = "-".join(["военно", "морского"] * 1_000)  # 15,000 characters, each part a word
    assert lookup.is_known(compound)
    with _address_space(1_500_000_000):
        assert lookup.neighbours(compound) == ()
        assert lookup.one_misreading_words(compound, 0.8) == []
