"""Reading the user's files and writing results without ever losing the user's text.

Input is decoded exactly (UTF-8, with or without BOM; cp1251 and koi8-r when detected or named);
binary or undecodable input is refused with a one-line error naming the file. Output files are
written through a temporary file in the same folder and renamed into place, so an interrupted run
never leaves a half-written file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ocr_fix.errors import OcrFixError

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # what was used: utf-8, utf-8-sig, cp1251, koi8-r
    detected: bool  # True when ocr-fix chose the encoding itself rather than reading plain UTF-8


def _cyrillic_score(text: str) -> float:
    """Share of letters that are lower-case Cyrillic, the mark of a correctly decoded Russian text."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "а" <= ch <= "я" or ch == "ё") / len(letters)


def decode(raw: bytes, path: str, encoding: str | None = None) -> Decoded:
    if encoding:
        try:
            return Decoded(raw.decode(encoding), encoding, False)
        except LookupError:
            raise OcrFixError(f"unknown encoding {encoding!r}", path) from None
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise OcrFixError(f"not valid {encoding}", path, line) from None
    if b"\x00" in raw[:8192] and not raw.startswith(_BOM):
        nul_share = raw.count(b"\x00") / max(1, len(raw))
        if nul_share > 0.01:
            raise OcrFixError("looks like a binary file, not text", path)
    if raw.startswith(_BOM):
        try:
            return Decoded(raw[3:].decode("utf-8"), "utf-8-sig", False)
        except UnicodeDecodeError as exc:
            line = raw[: exc.start + 3].count(b"\n") + 1
            raise OcrFixError("not valid UTF-8 (after a UTF-8 byte-order mark)", path, line) from None
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Russian files older than UTF-8 are cp1251 (Windows) or koi8-r (Unix); the right one yields
    # mostly lower-case Cyrillic letters, the wrong one mostly capitals and box-drawing signs.
    best = None
    for candidate in ("cp1251", "koi8-r"):
        try:
            text = raw.decode(candidate)
        except UnicodeDecodeError:
            continue
        if any(0x80 <= ord(ch) < 0xA0 for ch in text) and candidate == "cp1251":
            continue
        score = _cyrillic_score(text)
        if best is None or score > best[0]:
            best = (score, candidate, text)
    if best is not None and best[0] >= 0.5:
        return Decoded(best[2], best[1], True)
    line = raw[: utf8_error.start].count(b"\n") + 1
    raise OcrFixError("not valid UTF-8 and not recognisable as cp1251 or koi8-r text (use --encoding)",
                      path, line)


def read_text(path: str | Path, encoding: str | None = None) -> Decoded:
    name = str(path)
    if name == "-":
        import sys

        raw = sys.stdin.buffer.read()
        return decode(raw, "<stdin>", encoding)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise OcrFixError("no such file", name) from None
    except IsADirectoryError:
        raise OcrFixError("is a directory, not a file", name) from None
    except PermissionError:
        raise OcrFixError("permission denied", name) from None
    except OSError as exc:
        raise OcrFixError(f"cannot read: {exc.strerror}", name) from None
    return decode(raw, name, encoding)


def write_atomic(path: str | Path, data: str, encoding: str = "utf-8", backup: bool = False) -> None:
    """Write `data` to `path` through a temporary file and a rename; keep `path.orig` if asked."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        payload = data.encode(encoding)
    except UnicodeEncodeError as exc:
        raise OcrFixError(f"the result cannot be written in {encoding}: {exc.reason}", str(path)) from None
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, tmp)
            if backup:
                shutil.copy2(target, str(target) + ".orig")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
