"""An archive's profile: what recurs across its files, as evidence for correcting any one of them.

`ocr-fix profile DIR... -o archive.profile` reads every file (`ocr_fix.learning.profile_file`: a pure
function of a file's bytes, its name and the settings, so any engine can run it), and the main process
merges the per-file records (`Profile.add`). Profiles merge the same way (`ocr-fix profile A.profile B.profile
-o all.profile`): a file recorded in both (same name and text) counts once.

The file is JSON lines, UTF-8, one record a line, each with a `kind`:

    {"kind": "profile", "format": 1, "files": 312}        the header, first
    {"kind": "file", "id": 0, "name": "box1/a.txt", "sha256": "..."}
    {"kind": "word", "text": "сталин", "files": [[0, 2], [7, 1]]}
    {"kind": "name", "text": "Сталин", "files": [[0, 1]]}
    {"kind": "misreading", "original": "сталипа", "correction": "сталина", "files": [[3, 1]]}
    {"kind": "phrase", "words": ["народной", "республики"], "files": [[0, 1], [7, 2]]}

- file: a file profiled; `sha256` is of its text as read (decoded, UTF-8), `id` numbers it in this
  profile only (the other records name files by it);
- word: a word of the file's Russian text (lower case, ё as е, three letters or more), known or not;
- name: a lexicon name written correctly in the file (as `Name.text`; a one-part name only where it
  is written with a capital: `или` is no river Или);
- misreading: a confident correction `fix` made in the file, one word for one word, both folded and
  of three letters or more;
- phrase: two known words written side by side in it;
- `files`: [file id, occurrences in that file] for every file the record occurs in.

Using it (`--profile FILE`; `ArchiveView` for one document): a file of the profile whose text is the
document's own is left out, so a word written only in this file is no archive evidence for itself.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ocr_fix.errors import OcrFixError
from ocr_fix.resources import cached

FORMAT = 1
MIN_LETTERS = 3  # shorter words are not recorded: they are everywhere and misread into each other

# How the evidence counts (see `ArchiveView`): a word or name written in this many other files
# supports it; a word the archive writes in KEEP_FILES other files and never corrected is no error.
SUPPORT_FILES = 2
KEEP_FILES = 3
NAME_FILES = 2  # a lexicon name written correctly in so many other files supports it as a candidate
FULL_FILES = 10  # from this many files on, the evidence counts in full
OUTWEIGH = 2  # a word the archive supports for a string it writes in this many times as many files


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class FileRecord:
    """What one file contributes to a profile."""

    name: str
    sha256: str
    words: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    misreadings: Counter = field(default_factory=Counter)  # (original, correction) -> times
    phrases: Counter = field(default_factory=Counter)  # (word, word) -> times


class Profile:
    """Records of an archive's files, merged: for each word, name, misreading and phrase, the files
    it occurs in and how often."""

    def __init__(self):
        self.files: list[tuple[str, str]] = []  # (name, sha256), by id
        self._ids: dict[tuple[str, str], int] = {}
        self.words: dict[str, dict[int, int]] = {}
        self.names: dict[str, dict[int, int]] = {}
        self.misreadings: dict[tuple[str, str], dict[int, int]] = {}
        self.phrases: dict[tuple[str, str], dict[int, int]] = {}

    def _file_id(self, name: str, sha256: str) -> tuple[int, bool]:
        key = (name, sha256)
        if key in self._ids:
            return self._ids[key], False
        self._ids[key] = len(self.files)
        self.files.append(key)
        return self._ids[key], True

    def add(self, record: FileRecord) -> None:
        """One file's record; a file the profile has already (same name, same text) is not counted twice."""
        file_id, new = self._file_id(record.name, record.sha256)
        if not new:
            return
        for table, counts in ((self.words, record.words), (self.names, record.names),
                              (self.misreadings, record.misreadings), (self.phrases, record.phrases)):
            for key, n in counts.items():
                table.setdefault(key, {})[file_id] = n

    def merge(self, other: Profile) -> None:
        """Another profile's files added to this one (a file both hold counts once)."""
        remap, fresh = {}, set()
        for old_id, (name, sha) in enumerate(other.files):
            new_id, new = self._file_id(name, sha)
            remap[old_id] = new_id
            if new:
                fresh.add(old_id)
        for mine, theirs in ((self.words, other.words), (self.names, other.names),
                             (self.misreadings, other.misreadings), (self.phrases, other.phrases)):
            for key, files in theirs.items():
                for old_id, n in files.items():
                    if old_id in fresh:
                        mine.setdefault(key, {})[remap[old_id]] = n

    # --- the file ----------------------------------------------------------------------------------

    def lines(self):
        yield _dump({"kind": "profile", "format": FORMAT, "files": len(self.files)})
        for file_id, (name, sha) in enumerate(self.files):
            yield _dump({"kind": "file", "id": file_id, "name": name, "sha256": sha})
        for text, files in sorted(self.words.items()):
            yield _dump({"kind": "word", "text": text, "files": _pairs(files)})
        for text, files in sorted(self.names.items()):
            yield _dump({"kind": "name", "text": text, "files": _pairs(files)})
        for (original, correction), files in sorted(self.misreadings.items()):
            yield _dump({"kind": "misreading", "original": original, "correction": correction,
                         "files": _pairs(files)})
        for words, files in sorted(self.phrases.items()):
            yield _dump({"kind": "phrase", "words": list(words), "files": _pairs(files)})

    def save(self, path: str | Path) -> None:
        Path(path).write_text("".join(line + "\n" for line in self.lines()), encoding="utf-8")

    @classmethod
    def read(cls, path: str | Path) -> Profile:
        profile = cls()
        where = str(path)
        try:
            handle = open(path, encoding="utf-8")
        except OSError as exc:
            raise OcrFixError(f"cannot read the profile: {exc.strerror}", where) from None
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    kind = item["kind"]
                    if number == 1 and (kind != "profile" or item.get("format") != FORMAT):
                        raise ValueError(f"not an ocr-fix profile of format {FORMAT}")
                    if kind == "file":
                        if item["id"] != len(profile.files):
                            raise ValueError("file ids must run 0, 1, 2... in order")
                        profile._file_id(str(item["name"]), str(item["sha256"]))
                    elif kind in ("word", "name", "misreading", "phrase"):
                        files = {int(f): int(n) for f, n in item["files"]}
                        if any(f < 0 or f >= len(profile.files) for f in files):
                            raise ValueError("a file id the profile does not list")
                        if kind == "word":
                            profile.words[str(item["text"])] = files
                        elif kind == "name":
                            profile.names[str(item["text"])] = files
                        elif kind == "misreading":
                            profile.misreadings[(str(item["original"]), str(item["correction"]))] = files
                        else:
                            first, second = item["words"]
                            profile.phrases[(str(first), str(second))] = files
                    elif kind != "profile":
                        raise ValueError(f"unknown record kind {kind!r}")
                except (ValueError, KeyError, TypeError) as exc:
                    raise OcrFixError(f"not a profile record: {exc}", where, number) from None
        return profile


def _dump(item: dict) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(", ", ": "))


def _pairs(files: dict[int, int]) -> list[list[int]]:
    return [[f, n] for f, n in sorted(files.items())]


@cached("profile.loads")
def _load(path: str, mtime: float, size: int) -> Profile:
    return Profile.read(path)


def load_profile(path: str | Path) -> Profile:
    """The profile at `path`, read once per process (again if the file changed)."""
    try:
        stat = Path(path).stat()
    except OSError as exc:
        raise OcrFixError(f"cannot read the profile: {exc.strerror}", str(path)) from None
    return _load(str(path), stat.st_mtime, stat.st_size)


def archive_view(path: str | None, text: str) -> ArchiveView | None:
    """The profile at `path` as evidence for `text` (None without a profile)."""
    return None if path is None else ArchiveView(load_profile(path), text)


def strength(files: int) -> float:
    """How much evidence `files` other files give, 0..1: rising with their number, full at FULL_FILES."""
    return min(1.0, math.log1p(files) / math.log1p(FULL_FILES)) if files > 0 else 0.0


class ArchiveView:
    """The profile as evidence for one document: the files holding the document's own text left out."""

    def __init__(self, profile: Profile, text: str | None = None, digest: str | None = None):
        self.profile = profile
        digest = digest or text_digest(text or "")
        self._own = frozenset(i for i, (_name, sha) in enumerate(profile.files) if sha == digest)
        self._corrected: dict[str, list[tuple[str, dict[int, int]]]] = {}  # original -> (correction, files)
        for (original, correction), files in profile.misreadings.items():
            self._corrected.setdefault(original, []).append((correction, files))
        self._extra_cache: dict | None = None

    def _others(self, files: dict[int, int] | None) -> int:
        if not files:
            return 0
        return len(files) - sum(1 for f in self._own if f in files)

    def word_files(self, folded: str) -> int:
        """Other files writing the word."""
        return self._others(self.profile.words.get(folded))

    def name_files(self, name: str) -> int:
        """Other files writing the lexicon name correctly."""
        return self._others(self.profile.names.get(name))

    def pair_files(self, first: str | None, second: str | None) -> int:
        if first is None or second is None:
            return 0
        return self._others(self.profile.phrases.get((first, second)))

    def misread_as(self, folded: str) -> list[tuple[str, int]]:
        """The corrections `fix` made confidently of this very string in other files, most files first:
        those the archive bears out, writing the correction in at least as many other files as the
        string itself (`тах` -> `так`; not `фанза` -> `фаза` where the archive writes `фанза` throughout)."""
        corrections = self._corrected.get(folded)
        if not corrections:
            return []
        written = self.word_files(folded)
        out = [(correction, self._others(files)) for correction, files in corrections]
        return sorted([(c, n) for c, n in out if n > 0 and self.word_files(c) >= written], key=lambda x: (-x[1], x[0]))

    def corrected_elsewhere(self, folded: str) -> bool:
        return bool(self.misread_as(folded))

    def outweighs(self, word: str, folded: str) -> bool:
        """Whether the archive writes `word` clearly more often than the string `folded` as it stands:
        in OUTWEIGH times as many other files. A garbled string is written in one file or none; a
        misreading that recurs (the same page typed and read again) in a few, as often as its truth."""
        return self.word_files(word) >= OUTWEIGH * self.word_files(folded)

    def kept(self, folded: str) -> bool:
        """Whether the archive writes the word in KEEP_FILES other files, and no more often to a word it
        writes in as many (see `misread_as`): a word of the archive (a name, a term of its subject), not
        a misreading."""
        return self.word_files(folded) >= KEEP_FILES and not self.corrected_elsewhere(folded)

    def archive_words(self, lookup) -> dict[str, int]:
        """Words the frequency index lacks that the archive writes in KEEP_FILES other files or more,
        and does not correct (see `kept`): candidates of their own (names and terms of the archive), with
        their files. (A candidate for a string needs more: see `outweighs`.)"""
        if self._extra_cache is None:
            out = {}
            for word, files in self.profile.words.items():
                if len(files) >= KEEP_FILES and len(word) > MIN_LETTERS and word.isalpha() \
                        and lookup.index.zipf(word) is None:
                    others = self._others(files)
                    if others >= KEEP_FILES and not self.corrected_elsewhere(word):
                        out[word] = others
            self._extra_cache = out
        return self._extra_cache
