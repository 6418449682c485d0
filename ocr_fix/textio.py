"""Reading the user's files exactly, and encoding results for writing (`ocr_fix.writing` writes them).

Input is decoded exactly (UTF-8, with or without BOM; cp1251 and koi8-r when detected or named);
binary or undecodable input is refused with a one-line error naming the file. The text is never
normalised: line endings, stray NUL bytes and very long lines come back out as they went in.
"""

from __future__ import annotations

import codecs
import hashlib
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ocr_fix.errors import OcrFixError

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")

# The legacy encodings tried when a file is not UTF-8, in the order a tie is broken.
LEGACY = ("cp1251", "koi8-r")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # what was used: utf-8, utf-8-sig (a BOM was there), cp1251, koi8-r, or what the user named
    detected: bool  # True when ocr-fix chose the encoding itself rather than reading plain UTF-8
    sha256: str = ""  # of the bytes read, so a review file can tell whether its text has changed

    @property
    def has_bom(self) -> bool:
        return self.encoding == "utf-8-sig"

    def describe(self) -> str:
        """The encoding as reported to users: `cp1251 (detected)`, `utf-8 with BOM`."""
        name = "utf-8 with BOM" if self.has_bom else self.encoding
        return f"{name} (detected)" if self.detected else name


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def canonical_encoding(name: str, path: str) -> str:
    """Python's own name for an encoding (`CP1251` -> `cp1251`, `utf8` -> `utf-8`), or a clear error."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise OcrFixError(f"unknown encoding {name!r}", path) from None


# Relative frequencies (per mille) of Russian letters in running text. A correctly decoded Russian
# file is made of frequent letters (о, е, а, и, н); the same bytes read in the other legacy encoding
# scramble them into rare ones. Case is folded first: cp1251 capitals are koi8-r small letters and
# the reverse, so "mostly small letters" would pick the wrong encoding for a telegram in capitals.
_RUSSIAN_LETTERS = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73, "в": 4.54,
    "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74,
    "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64,
    "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}
_TOTAL = sum(_RUSSIAN_LETTERS.values())
_LOG_FREQ = {ch: math.log(f / _TOTAL) for ch, f in _RUSSIAN_LETTERS.items()}
_RARE = math.log(0.02 / _TOTAL)  # other Cyrillic letters (і, ў, ђ ...): rare in a Russian text
# Measured on the seed document: about -3.1 read right, -3.7 to -3.8 read in the other encoding.
# Short texts vary more, so the bar only keeps out text that is not Russian at all.
_MIN_MEAN_LOG_FREQ = -4.0
_MIN_CYRILLIC_SHARE = 0.7  # of the non-ASCII characters; the rest may be quotes, dashes, №
_MAX_MIXED_WORDS = 0.3  # share of Cyrillic words with Latin letters in them (OCR makes a few: CCCP)


_WORD = re.compile(r"[^\W\d_]+")


def _russian_likelihood(text: str) -> float | None:
    """Mean log frequency of the Cyrillic letters, or None when the decoding is not Cyrillic text."""
    non_ascii = 0
    total = 0.0
    letters = 0
    for ch in text:
        if ord(ch) < 128:
            continue
        non_ascii += 1
        if "\u0400" <= ch <= "\u04ff" and ch.isalpha():
            letters += 1
            total += _LOG_FREQ.get(ch.lower(), _RARE)
    if not letters or letters < _MIN_CYRILLIC_SHARE * non_ascii:
        return None
    # Western text read as cp1251 or koi8-r turns its accented letters into Cyrillic ones inside
    # Latin words (`cafИ`); Russian text has Cyrillic words, with a mixed one only now and then
    cyrillic_words = mixed = 0
    for word in _WORD.findall(text):
        if any("\u0400" <= ch <= "\u04ff" for ch in word):
            cyrillic_words += 1
            mixed += any("a" <= ch.lower() <= "z" for ch in word)
    if mixed > _MAX_MIXED_WORDS * cyrillic_words:
        return None
    return total / letters


def _line_of(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _refuse_binary(raw: bytes, path: str) -> None:
    """Refuse input that is not text: UTF-16/32 without --encoding, or a file full of control bytes."""
    if raw.startswith(_UTF32_BOMS):
        raise OcrFixError("looks like UTF-32 text (it starts with a UTF-32 byte-order mark); "
                          "give --encoding utf-32", path)
    if raw.startswith(_UTF16_BOMS):
        raise OcrFixError("looks like UTF-16 text (it starts with a UTF-16 byte-order mark); "
                          "give --encoding utf-16", path)
    sample = raw[:65536]
    nul = sample.count(b"\x00")
    if nul and nul > 0.3 * len(sample):
        # every other byte NUL: UTF-16 saved without a byte-order mark
        odd = sample[1::2].count(b"\x00")
        even = sample[0::2].count(b"\x00")
        if max(odd, even) > 0.9 * nul:
            hint = "utf-16-le" if odd > even else "utf-16-be"
            raise OcrFixError(f"looks like UTF-16 text without a byte-order mark; give --encoding {hint}", path)
    _refuse_control_bytes(raw, path)


def _refuse_control_bytes(raw: bytes, path: str) -> None:
    # A few stray NUL bytes happen in damaged text files and are kept; many of them, or many other
    # control bytes, mean an image, a PDF or a word-processor file.
    sample = raw[:65536]
    controls = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27))
    if sample and controls > 0.01 * len(sample) and controls > 4:
        raise OcrFixError("looks like a binary file, not text (save it as plain text first)", path)


# A transcript ocr-fix reads is Russian, with Latin words and numbers beside it. Read in the wrong
# encoding (UTF-8 bytes as UTF-16), the same bytes become letters of some other script (CJK, Hangul);
# below this share of Cyrillic and Latin letters the decoding is refused rather than "checked" as text
# with no errors in it.
_MIN_OWN_LETTER_SHARE = 0.5


def _refuse_foreign_letters(text: str, encoding: str, path: str) -> None:
    letters = own = 0
    for ch in text[:65536]:
        if ch.isalpha():
            letters += 1
            own += ch < "\u0250" or "\u0400" <= ch <= "\u052f"  # Latin (with its accented letters), Cyrillic
    if letters and own < _MIN_OWN_LETTER_SHARE * letters:
        raise OcrFixError(f"read as {encoding}, this has almost no Cyrillic or Latin letters "
                          f"({own} of {letters}); it is probably in another encoding (try without --encoding)", path)


def decode(raw: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode `raw` exactly, or raise an OcrFixError naming `path` (and the line where it applies)."""
    sha = digest(raw)
    if encoding:
        name = canonical_encoding(encoding, path)
        if name == "utf-8" and raw.startswith(_BOM):
            name = "utf-8-sig"  # keep the BOM out of the text and put it back on writing
        elif name == "utf-8-sig" and not raw.startswith(_BOM):
            name = "utf-8"  # and add none that was not there
        if not name.startswith(("utf-16", "utf-32")):
            _refuse_control_bytes(raw, path)  # any byte is some cp1251 character: a named encoding is no test
        try:
            text = raw.decode(name)
        except UnicodeDecodeError as exc:
            raise OcrFixError(f"not valid {encoding} (byte {exc.start})", path, _line_of(raw, exc.start)) from None
        _refuse_foreign_letters(text, encoding, path)
        return Decoded(text, name, False, sha)
    if not raw:
        return Decoded("", "utf-8", False, sha)
    if raw.startswith(_BOM):
        try:
            return Decoded(raw[3:].decode("utf-8"), "utf-8-sig", False, sha)
        except UnicodeDecodeError as exc:
            raise OcrFixError("not valid UTF-8 (after a UTF-8 byte-order mark)", path,
                              _line_of(raw, exc.start + 3)) from None
    _refuse_binary(raw, path)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", False, sha)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Russian files older than UTF-8 are cp1251 (Windows) or koi8-r (Unix); the right one reads as
    # frequent Russian letters, the wrong one as a scramble of rare ones (see _RUSSIAN_LETTERS).
    best: tuple[float, str, str] | None = None
    for candidate in LEGACY:
        try:
            text = raw.decode(candidate)
        except UnicodeDecodeError:
            continue
        score = _russian_likelihood(text)
        if score is not None and (best is None or score > best[0]):
            best = (score, candidate, text)
    if best is not None and best[0] >= _MIN_MEAN_LOG_FREQ:
        return Decoded(best[2], best[1], True, sha)
    raise OcrFixError("not valid UTF-8 and not recognisable as cp1251 or koi8-r text (give --encoding)",
                      path, _line_of(raw, utf8_error.start))


def read_bytes(path: str | Path) -> bytes:
    name = str(path)
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise OcrFixError("no such file", name) from None
    except IsADirectoryError:
        raise OcrFixError("is a directory, not a file", name) from None
    except PermissionError:
        raise OcrFixError("permission denied", name) from None
    except OSError as exc:
        raise OcrFixError(f"cannot read: {exc.strerror}", name) from None


def read_text(path: str | Path, encoding: str | None = None) -> Decoded:
    name = str(path)
    return decode(read_bytes(path), "<stdin>" if name == "-" else name, encoding)


def encode(text: str, encoding: str, path: str | Path) -> bytes:
    """`text` in `encoding`, or an error naming the line with the first character it cannot hold."""
    try:
        return text.encode(encoding)
    except LookupError:
        raise OcrFixError(f"unknown encoding {encoding!r}", str(path)) from None
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        bad = text[exc.start]
        raise OcrFixError(f"the result cannot be written in {encoding}: {bad!r} has no code there "
                          "(write it as UTF-8 instead)", str(path), line) from None
