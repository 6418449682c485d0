"""Parse and validate one lexicon file (`.txt`: one entry a line; `.tsv`: a header, then rows).

A malformed line is an error that names the file and line: an archivist who mistypes an entry
must hear about it, not have it silently ignored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ocr_fix.errors import OcrFixError

# Letters (with combining marks), inner spaces, hyphens, apostrophes, dots and brackets; digits are
# allowed too because abbreviations such as `ВКП(б)` and `Ту-2` carry them.
_ENTRY = regex.compile(r"[\p{L}\p{M}\p{Nd}(][\p{L}\p{M}\p{Nd} .()'\u2019\-/]*[\p{L}\p{M}\p{Nd}.)]|[\p{L}\p{M}]")
_HAS_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class Entry:
    text: str  # the entry as written in the file (NFC)
    line: int
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LexiconFile:
    path: str
    entries: tuple[Entry, ...]
    header: tuple[str, ...] = ()


def _check_entry(text: str, path: str, line: int) -> str:
    if text != text.strip():
        raise OcrFixError("entry has leading or trailing spaces", path, line)
    if "  " in text:
        raise OcrFixError("entry has a double space", path, line)
    if not _ENTRY.fullmatch(text) or not _HAS_LETTER.search(text):
        raise OcrFixError(
            f"entry {text!r} must be letters, spaces, hyphens, apostrophes, dots or brackets", path, line
        )
    for word in regex.split(r"[\s\-/]+", text):
        if regex.search(r"\p{Script=Cyrillic}", word) and regex.search(r"\p{Script=Latin}", word):
            raise OcrFixError(f"entry {text!r} mixes Cyrillic and Latin letters in one word", path, line)
    return text


def parse_lexicon(path: str | Path) -> LexiconFile:
    path_str = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise OcrFixError("lexicon file not found", path_str) from None
    except OSError as exc:
        raise OcrFixError(f"cannot read lexicon: {exc.strerror}", path_str) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise OcrFixError("lexicon is not valid UTF-8", path_str, line) from None
    is_tsv = path_str.lower().endswith(".tsv")
    header: tuple[str, ...] = ()
    entries: list[Entry] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        line = unicodedata.normalize("NFC", line.rstrip("\r"))
        if "\x00" in line:
            raise OcrFixError("lexicon line contains a NUL byte", path_str, number)
        if not is_tsv:
            entries.append(Entry(_check_entry(line, path_str, number), number))
            continue
        cells = line.split("\t")
        if not header:
            header = tuple(cell.strip() for cell in cells)
            if not all(header):
                raise OcrFixError("header has an empty column name", path_str, number)
            continue
        if len(cells) != len(header):
            raise OcrFixError(
                f"expected {len(header)} tab-separated cells ({', '.join(header)}), found {len(cells)}",
                path_str,
                number,
            )
        entry = _check_entry(cells[0], path_str, number)
        entries.append(Entry(entry, number, dict(zip(header[1:], (c.strip() for c in cells[1:])))))
    if is_tsv and not header:
        raise OcrFixError("TSV lexicon has no header line", path_str)
    return LexiconFile(path_str, tuple(entries), header)
