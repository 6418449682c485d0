"""The word forms ocr-fix proposes as corrections, with their frequencies, indexed for fast lookup.

The vocabulary is every Russian form in wordfreq's list (Zipf >= 1, about once per 100 million
words) that the morphological dictionary confirms is a real form: wordfreq alone also counts
web typos and fragments, the dictionary alone has no frequencies.

Candidates are found through a *skeleton*: each letter is replaced by the class of letters OCR
confuses it with (и/н/м/й/ц, л/п/д/я, к/х/ж, в/з/б, the round letters...). A misreading inside a
class leaves the skeleton unchanged, so a word with several such misreadings is found with one
lookup; one edit across classes, a lost letter or a speck costs one more lookup per position.

Building the vocabulary takes about half a minute, so it is done once and kept in a cache file
(`$OCR_FIX_CACHE`, else `$XDG_CACHE_HOME/ocr-fix`, else `~/.cache/ocr-fix`).

A long text looks up thousands of new words; for it the index also builds a compiled copy of itself
(`vocabulary_kernel.pyx`, where ocr-fix was installed with a C++ compiler) that answers the same
look-ups with the same results, faster (`WordIndex.compiled`).
"""

from __future__ import annotations

import math
import sys
from functools import lru_cache

from ocr_fix.errors import OcrFixError

INDEX_FORMAT = 4
MIN_ZIPF = 1.0

_CLASSES = ["аеоэсё0", "взб683", "инмйц", "лпдя", "кхж", "шщ", "ьъ", "ы", "т", "г", "р", "у", "ч", "ф", "ю"]
_SKELETON = str.maketrans({ch: chr(ord("A") + i) for i, cls in enumerate(_CLASSES) for ch in cls})
SKELETON_SYMBOLS = tuple(chr(ord("A") + i) for i in range(len(_CLASSES)))


_FLAT_AFTER = 300_000  # look-ups before the flat frequency dictionary pays for itself


def skeleton(folded: str) -> str:
    return folded.translate(_SKELETON)


def skeleton_neighbours(key: str) -> set[str]:
    """Skeletons one class-edit away: a letter lost, a speck added, a letter from another class."""
    out = {key}
    n = len(key)
    for i in range(n):
        shorter = key[:i] + key[i + 1 :]
        out.add(shorter)
        for j in range(i, n - 1):  # two specks: `войскак` for `войск`
            out.add(shorter[:j] + shorter[j + 1 :])
    for i in range(n + 1):
        head, tail = key[:i], key[i:]
        for sym in SKELETON_SYMBOLS:
            out.add(head + sym + tail)
    for i in range(n):
        head, tail = key[:i], key[i + 1 :]
        for sym in SKELETON_SYMBOLS:
            out.add(head + sym + tail)
    return out


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"f{INDEX_FORMAT}"]
    for dist in ("wordfreq", "pymorphy3-dicts-ru"):
        try:
            parts.append(version(dist))
        except PackageNotFoundError:
            parts.append("0")
    return "-".join(parts)


class WordIndex:
    """Vocabulary forms (lower case, ё folded) with Zipf frequencies, found by skeleton."""

    def __init__(self, buckets: dict[str, str]):
        # skeleton -> "Zword Zword ...", Z a character coding Zipf x 10: one string a bucket keeps the
        # cache file small and quick to load (about 0.3 s for half a million words)
        self._buckets = buckets
        self._flat: dict[str, float] | None = None
        self._lookups = 0
        # the compiled copy of the index, made with the flat dictionary, for a long text (None: none)
        self.compiled = None
        self._by_length: dict[int, list[tuple[str, float]]] | None = None
        self._filtered: dict[tuple[int, float], list[str]] = {}
        # the buckets candidate look-ups land in are those of common words, read again and again
        self._read_bucket = lru_cache(maxsize=50_000)(self._bucket_words)

    def _bucket_words(self, key: str) -> tuple[tuple[str, float], ...]:
        return tuple(self._entries(self._buckets[key]))

    @staticmethod
    def _entries(bucket: str):
        for entry in bucket.split(" "):
            yield entry[1:], (ord(entry[0]) - 48) / 10

    def zipf(self, folded: str) -> float | None:
        """The word's Zipf frequency if it is in the vocabulary, else None."""
        if self._flat is not None:
            return self._flat.get(folded)
        # A flat dictionary of the whole vocabulary takes a second to build: worth it for a long
        # text (millions of look-ups), not for a page. Until then each word is found in its bucket.
        self._lookups += 1
        if self._lookups > _FLAT_AFTER:
            self.flatten()
            return self._flat.get(folded)
        bucket = self._buckets.get(folded.translate(_SKELETON))
        if bucket:
            for word, zipf in self._entries(bucket):
                if word == folded:
                    return zipf
        return None

    def frequencies(self, words) -> dict[str, float]:
        """The Zipf frequencies of those of `words` (a set or dict of folded strings) in the vocabulary."""
        if self._flat is None:
            return {word: zipf for word in words if (zipf := self.zipf(word)) is not None}
        flat = self._flat
        return {word: flat[word] for word in flat.keys() & words}

    def flatten(self) -> None:
        """Build the flat frequency dictionary now (before worker processes fork, so they share it),
        and the compiled copy of the index where it can be built."""
        if self._flat is None:
            joined = " ".join(self._buckets.values())
            entries = joined.split(" ")  # each `Zword`, in bucket order
            self._flat = dict(zip([entry[1:] for entry in entries], [(ord(entry[0]) - 48) / 10 for entry in entries]))
            self.compiled = _compiled_copy(joined)

    def words_near(self, printed: str, wide: bool = True) -> dict[str, float]:
        """Vocabulary words whose skeleton equals the printed string's, or is one class-edit from it."""
        key = printed.translate(_SKELETON)
        keys = skeleton_neighbours(key) if wide else (key,)
        found: dict[str, float] = {}
        buckets = self._buckets
        read = self._read_bucket
        for k in buckets.keys() & keys:  # most neighbouring skeletons hold no word
            for word, zipf in read(k):
                found[word] = zipf
        return found

    def words_of_length(self, length: int, min_zipf: float) -> list[str]:
        """Vocabulary words of one length and at least a given frequency (for long garbled words)."""
        if self._by_length is None:
            by_length: dict[int, list[tuple[str, float]]] = {}
            for bucket in self._buckets.values():
                for word, zipf in self._entries(bucket):
                    by_length.setdefault(len(word), []).append((word, zipf))
            self._by_length = by_length
        key = (length, min_zipf)
        if key not in self._filtered:
            self._filtered[key] = [w for w, z in self._by_length.get(length, ()) if z >= min_zipf]
        return self._filtered[key]

    def __len__(self) -> int:
        return sum(b.count(" ") + 1 for b in self._buckets.values())

    # -- building and caching -------------------------------------------------------------------

    @classmethod
    def build(cls) -> "WordIndex":
        import regex
        import wordfreq

        from ocr_fix.language.morphology import analyzer

        known = analyzer().word_is_known
        russian = regex.compile(r"[а-яё]+(?:-[а-яё]+)*")
        best: dict[str, float] = {}
        for word, freq in wordfreq.get_frequency_dict("ru", "large").items():
            if freq <= 0 or not russian.fullmatch(word):
                continue
            zipf = round(math.log10(freq * 1e9), 2)
            if zipf < MIN_ZIPF:
                continue
            folded = word.replace("ё", "е")
            if zipf > best.get(folded, -1.0) and known(folded):
                best[folded] = zipf
        buckets: dict[str, list[str]] = {}
        for word, zipf in best.items():
            buckets.setdefault(word.translate(_SKELETON), []).append(chr(48 + round(zipf * 10)) + word)
        return cls({k: " ".join(v) for k, v in buckets.items()})

    @classmethod
    def load(cls, quiet: bool = False) -> "WordIndex":
        from ocr_fix import cache

        path = cache.cache_dir() / f"word-index-{_versions()}.cache"
        buckets = cache.load(path, dict)
        if buckets is not None:
            return cls(buckets)
        if not quiet:
            print("ocr-fix: building the word index (once; about half a minute)...", file=sys.stderr)
        index = cls.build()
        problem = cache.store(path, index._buckets)
        if problem is not None and not quiet:
            print(f"ocr-fix: cannot cache the word index in {path.parent} ({problem}); "
                  "set OCR_FIX_CACHE to a folder of your own", file=sys.stderr)
        return index


def _compiled_copy(entries: str):
    """The index compiled for fast look-ups (`vocabulary_kernel.pyx`), or None where it was not built;
    `entries` are the index's words as its buckets hold them, joined."""
    from ocr_fix.native import compiled

    kernel = compiled("language.vocabulary_kernel")
    if kernel is None:
        return None
    from ocr_fix.confusion import (
        DEFAULT_INDEL,
        DEFAULT_SUBSTITUTION,
        DROPPED_CHARS,
        MULTI_PRINTED,
        NOISE_CHARS,
        SUBSTITUTIONS,
    )

    skeleton_of = {chr(code): symbol for code, symbol in _SKELETON.items()}
    return kernel.CompiledVocabulary(entries, skeleton_of, SKELETON_SYMBOLS, SUBSTITUTIONS, NOISE_CHARS, DEFAULT_INDEL,
                              MULTI_PRINTED, DROPPED_CHARS, DEFAULT_SUBSTITUTION)


_index: WordIndex | None = None


def word_index() -> WordIndex:
    global _index
    if _index is None:
        try:
            _index = WordIndex.load()
        except ImportError as exc:  # pragma: no cover - a broken installation
            raise OcrFixError(f"missing dependency for the word index: {exc}") from None
    return _index
