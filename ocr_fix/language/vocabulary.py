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
look-ups with the same results, faster (`WordIndex.lookups`, see `index_lookups`).
"""

from __future__ import annotations

import math
import sys
from array import array
from pathlib import Path
from zlib import crc32

from ocr_fix.errors import OcrFixError
from ocr_fix.language.index_lookups import IndexLookups, PythonLookups
from ocr_fix.native import compiled
from ocr_fix.resources import cached

INDEX_FORMAT = 8
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


class Buckets:
    """The index's buckets, skeleton -> "Zword Zword ...", kept as two strings with the offsets where
    each entry ends, and an open-addressing table from a stable hash of the skeleton to its entry. A
    page looks up a few thousand skeletons: reading the cache as five flat objects and finding each
    skeleton through the table is quicker than making the 400,000 keys and values of a dictionary
    (0.2 s) on every start."""

    __slots__ = ("_keys", "_values", "_key_ends", "_value_ends", "_table", "_mask")

    def __init__(self, keys: str, values: bytes | memoryview, key_ends: array | memoryview,
                 value_ends: array | memoryview, table: array | memoryview):
        self._keys, self._values = keys, values
        self._key_ends, self._value_ends = key_ends, value_ends
        self._table, self._mask = table, len(table) - 1

    @classmethod
    def of(cls, buckets: dict[str, str]) -> Buckets:
        keys = list(buckets)
        key_ends, value_ends, k, v = array("L"), array("L"), 0, 0
        for key in keys:
            k += len(key)
            key_ends.append(k)
            v += len(buckets[key])
            value_ends.append(v)
        size = 1 << max(4, (2 * len(keys)).bit_length())  # at most half full: short probe runs
        table, mask = array("L", bytes(array("L").itemsize * size)), size - 1
        for i, key in enumerate(keys):
            slot = _stable_hash(key) & mask
            while table[slot]:
                slot = (slot + 1) & mask
            table[slot] = i + 1  # 0 marks an empty slot
        # the words in one byte a letter (cp1251): the cache reads without decoding twelve megabytes
        values = "".join(buckets[key] for key in keys).encode(_WORD_BYTES)
        if len(values) != v:
            raise ValueError("a bucket holds a character of more than one byte")
        return cls("".join(keys), values, key_ends, value_ends, table)

    def sections(self) -> list:
        """What the cache keeps (`cache.store_sections`): the keys (UTF-8), the values (one byte a
        letter), and the three arrays of offsets and slots."""
        return [self._keys.encode("utf-8"), self._values, self._key_ends, self._value_ends, self._table]

    @classmethod
    def from_sections(cls, sections: list) -> Buckets | None:
        """The buckets `sections` kept, read in place (the values and arrays stay views of the mapped
        cache file: a page reads a few thousand of its half a million entries); None where they do not
        fit together (a damaged or foreign file: the index is built again)."""
        if len(sections) != 5:
            return None
        raw_keys, values, *raw = sections
        itemsize = array("L").itemsize
        if any(len(r) % itemsize for r in raw):
            return None
        key_ends, value_ends, table = (memoryview(r).cast("B").cast("L") for r in raw)
        try:
            keys = str(raw_keys, "utf-8")
        except UnicodeDecodeError:
            return None
        size = len(table)
        if len(key_ends) != len(value_ends) or size & (size - 1) or size <= len(key_ends) or \
                (len(key_ends) and (key_ends[-1] != len(keys) or value_ends[-1] != len(values))):
            return None
        return cls(keys, values, key_ends, value_ends, table)

    def get(self, key: str) -> str | None:
        table, mask, keys, ends = self._table, self._mask, self._keys, self._key_ends
        slot = _stable_hash(key) & mask
        while (entry := table[slot]):
            i = entry - 1
            if keys[ends[i - 1] if i else 0:ends[i]] == key:
                return str(self._values[self._value_ends[i - 1] if i else 0:self._value_ends[i]], _WORD_BYTES)
            slot = (slot + 1) & mask
        return None

    def values(self):
        values, start = str(self._values, _WORD_BYTES), 0
        for end in self._value_ends:
            yield values[start:end]
            start = end

    def encoded_values(self):
        """The buckets' values one after the other, as kept: each entry a code byte and the word's
        letters (`_WORD_BYTES`), a space between the entries of a bucket, nothing between buckets."""
        return self._values

    def frequencies(self) -> dict[str, float]:
        """Every word with its Zipf frequency, in the buckets' order: read from the bytes with two
        translations and a split (slicing each of half a million entries took twice as long)."""
        raw = bytes(self._values)  # (the same object where the values are bytes; a copy of a mapped file's)
        spaced = raw.translate(_CODES_TO_SPACE, b" ").decode(_WORD_BYTES)  # " word word ..."
        words = spaced.split(" ")
        del words[0]
        return dict(zip(words, map(_ZIPF_OF_CODE.__getitem__, raw.translate(None, _ALL_BUT_CODES))))

    def __len__(self) -> int:
        return len(self._key_ends)


_WORD_BYTES = "cp1251"  # Russian letters, `-` and the Zipf codes: one byte each
# An entry's Zipf code is chr(48 + Zipf x 10), below 128 (an ASCII byte); its word's letters are
# Russian (cp1251's upper half) or `-` (45): each byte of the values is one or the other, or a space.
_LETTER_OF_BYTE = bytes(range(256)).decode(_WORD_BYTES, errors="replace")  # (the compiled copy's decoding)
_CODE_BYTES = bytes(range(48, 128))
_CODES_TO_SPACE = bytes.maketrans(_CODE_BYTES, b" " * len(_CODE_BYTES))
_ALL_BUT_CODES = bytes(b for b in range(256) if not 48 <= b < 128)
_ZIPF_OF_CODE = [(b - 48) / 10 for b in range(256)]


def _stable_hash(key: str) -> int:
    """The same number for the same skeleton in every process (Python's own hash of a string is
    salted per process, and the table is kept in the cache)."""
    return crc32(key.encode())


class WordIndex:
    """Vocabulary forms (lower case, ё folded) with Zipf frequencies, found by skeleton."""

    def __init__(self, buckets: dict[str, str] | Buckets):
        # skeleton -> "Zword Zword ...", Z a character coding Zipf x 10: one string a bucket keeps the
        # cache file small and quick to load
        self._buckets = buckets if isinstance(buckets, Buckets) else Buckets.of(buckets)
        self._flat: dict[str, float] | None = None
        self._lookups = 0
        # a new word's look-ups: in Python, until the flat dictionary is made for a long text
        self.lookups: IndexLookups = PythonLookups(self)
        self._by_length: dict[int, list[tuple[str, float]]] | None = None
        self._filtered: dict[tuple[int, float], list[str]] = {}
        # the buckets candidate look-ups land in are those of common words, read again and again
        self._read_bucket = cached("vocabulary.buckets")(self._bucket_words)
        # a word's misreadings mostly keep its skeleton: their frequencies are found in a few buckets
        self._bucket_map = cached("vocabulary.bucket_maps")(self._bucket_frequencies)

    def _bucket_words(self, key: str) -> tuple[tuple[str, float], ...]:
        bucket = self._buckets.get(key)
        return tuple(self._entries(bucket)) if bucket else ()

    def _bucket_frequencies(self, key: str) -> dict[str, float]:
        return dict(self._read_bucket(key))

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
        return self._bucket_map(folded.translate(_SKELETON)).get(folded)

    def frequencies(self, words) -> dict[str, float]:
        """The Zipf frequencies of those of `words` (a set or dict of folded strings) in the vocabulary."""
        if self._flat is None:
            return {word: zipf for word in words if (zipf := self.zipf(word)) is not None}
        flat = self._flat
        return {word: flat[word] for word in flat.keys() & words}

    def flatten(self) -> None:
        """Build the flat frequency dictionary now (before worker processes fork, so they share it),
        and the look-ups of a compiled copy of the index where it is built."""
        if self._flat is not None:
            return
        kernel = compiled("language.vocabulary_kernel")
        if kernel is None:
            self._flat = self._buckets.frequencies()
            return
        # The compiled copy is built on a thread of its own, mostly without the GIL, while the flat
        # dictionary is built here: a long text's start, with the other core idle, took 0.42 s for the
        # two one after the other (the flat dictionary 0.19 s, the copy 0.23 s). The thread has ended
        # when the block does (before any worker forks); a failure on it is raised here. (Imported here:
        # a page, which never flattens the index, is spared the import.)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocr-fix compiled index") as builder:
            building = builder.submit(_compiled_copy, kernel, self._buckets)
            flat = self._buckets.frequencies()
            lookups = building.result()
        self._flat, self.lookups = flat, lookups

    def words_near(self, printed: str, wide: bool = True) -> dict[str, float]:
        """Vocabulary words whose skeleton equals the printed string's, or is one class-edit from it."""
        key = printed.translate(_SKELETON)
        keys = skeleton_neighbours(key) if wide else (key,)
        found: dict[str, float] = {}
        read = self._read_bucket
        for k in keys:  # most neighbouring skeletons hold no word: an empty bucket
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
        return sum(b.count(" ") + 1 for b in self._buckets.values() if b)

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

        path = cache.cache_dir() / f"word-index-{_versions()}.sections"
        sections = cache.map_sections(path, 5)
        buckets = None if sections is None else Buckets.from_sections(sections)
        if buckets is not None:
            return cls(buckets)
        if not quiet:
            print("ocr-fix: building the word index (once; a few seconds)...", file=sys.stderr)
        index = cls.build()
        problem = cache.store_sections(path, index._buckets.sections())
        if problem is not None and not quiet:
            print(f"ocr-fix: cannot cache the word index in {path.parent} ({problem}); "
                  "set OCR_FIX_CACHE to a folder of your own", file=sys.stderr)
        if problem is None:
            cache.remove_own(_older_formats(path.parent))
        return index


def _older_formats(folder: Path) -> list[Path]:
    """The word indexes of earlier formats (some 25 MB each) in the cache folder: no run of this
    version reads them."""
    older = []
    for path in folder.glob("word-index-f*"):
        number = path.name[len("word-index-f"):].partition("-")[0]
        if number.isdigit() and int(number) < INDEX_FORMAT:
            older.append(path)
    return older


def _compiled_copy(kernel, buckets: Buckets) -> IndexLookups:
    """The index compiled for fast look-ups (`vocabulary_kernel.pyx`), read from its buckets' bytes."""
    from ocr_fix.confusion import TABLES, confusion_cost

    skeleton_of = {chr(code): symbol for code, symbol in _SKELETON.items()}
    return kernel.CompiledVocabulary(buckets.encoded_values(), _LETTER_OF_BYTE, skeleton_of, SKELETON_SYMBOLS,
                                     TABLES, confusion_cost)


@cached("vocabulary.word_index")
def word_index() -> WordIndex:
    try:
        return WordIndex.load()
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise OcrFixError(f"missing dependency for the word index: {exc}") from None
