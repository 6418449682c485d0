"""The cache folder (`$OCR_FIX_CACHE`, else `$XDG_CACHE_HOME/ocr-fix` or `~/.cache/ocr-fix`): what is
slow to build (the word index, the lexicons expanded to their case forms) is kept there between runs.

A cache file is a pickle, and loading a pickle runs whatever code it names, so a cache file is read
only when it cannot have come from anyone else, and only when it is whole:
- the file is a regular file (not a link) owned by this user and writable by nobody else, in a folder
  owned by this user (or root) that nobody else can write into, or whose sticky bit keeps others from
  replacing this user's files (as in /tmp);
- it starts with a header naming the format and the SHA-256 of the pickle behind it, so a truncated
  or damaged file (a full disk, a killed run, a copy cut short) is seen before a byte of it is unpickled.
Anything else is left unread and the data is built afresh (and written again where that is safe).

Large flat data (the word index) is kept instead as sections of bytes, no pickle, mapped into memory
as it is read (`store_sections`, `map_sections`): a run reads only the pages it looks at, forked
workers share them, and nothing is copied or checked byte by byte at every start. Such a file is read
under the same rules of ownership; its header gives every section's length, so a file cut short is
never read.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import stat
import struct
import tempfile
from pathlib import Path

_MAGIC = b"ocr-fix cache 1\n"
_DIGEST = hashlib.sha256().digest_size
_SECTIONS_MAGIC = b"ocr-fix sections 1\n"
_ALIGN = 8  # every section starts at a multiple of this, so it can be read as an array of 8-byte numbers


def cache_dir() -> Path:
    if os.environ.get("OCR_FIX_CACHE"):
        return Path(os.environ["OCR_FIX_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ocr-fix"


def _trusted_folder(folder: Path) -> bool:
    try:
        info = os.stat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid not in (os.geteuid(), 0):
        return False
    others_write = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return not others_write or bool(info.st_mode & stat.S_ISVTX)


def why_untrusted(path: Path) -> str | None:
    """Why the file at `path` may not be unpickled (None: it may); "missing" when there is none."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return exc.strerror or "unreadable"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_uid != os.geteuid():
        return "owned by another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "writable by other users"
    if not _trusted_folder(path.parent):
        return "in a folder other users can write into"
    return None


def load(path: Path, expected: type):
    """The object kept at `path`, or None where there is none, it is not trusted (see the module's
    notes), it is damaged, or it is not an `expected`."""
    if why_untrusted(path) is not None:
        return None
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    header = len(_MAGIC) + _DIGEST
    if len(raw) < header or not raw.startswith(_MAGIC):
        return None
    payload = memoryview(raw)[header:]
    if hashlib.sha256(payload).digest() != raw[len(_MAGIC):header]:
        return None
    try:
        value = pickle.loads(payload)
    except Exception:  # a class renamed since the file was written, and the like: build afresh
        return None
    return value if isinstance(value, expected) else None


def store(path: Path, value) -> str | None:
    """Keep `value` at `path` (readable by this user only); returns why it could not, or None."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _write(path, [_MAGIC + hashlib.sha256(payload).digest(), payload])


def store_sections(path: Path, sections: list) -> str | None:
    """Keep `sections` (bytes-like objects) at `path` for `map_sections`; returns why it could not, or
    None."""
    datas = [memoryview(section).cast("B") for section in sections]
    header = _SECTIONS_MAGIC + struct.pack(f"<Q{len(datas)}Q", len(datas), *map(len, datas))
    pieces = [header + bytes(_sections_header_size(len(datas)) - len(header))]
    for data in datas:
        pieces += [data, bytes(-len(data) % _ALIGN)]  # (the header's size is a multiple of _ALIGN too)
    return _write(path, pieces)


def map_sections(path: Path, count: int) -> list[memoryview] | None:
    """The `count` sections kept at `path` by `store_sections`, as read-only views of the file mapped
    into memory; None where there is no such file, it is not trusted, or it is not whole."""
    if why_untrusted(path) is not None:
        return None
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            header = _sections_header_size(count)
            if size < header:
                return None
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    view = memoryview(mapped)
    if view[:len(_SECTIONS_MAGIC)] != _SECTIONS_MAGIC:
        return None
    kept, *lengths = struct.unpack_from(f"<Q{count}Q", view, len(_SECTIONS_MAGIC))
    if kept != count:
        return None
    out, offset = [], header
    for length in lengths:
        if offset + length > size:
            return None
        out.append(view[offset:offset + length])
        offset += length + (-(offset + length) % _ALIGN)
    return out if offset == size else None


def _sections_header_size(count: int) -> int:
    size = len(_SECTIONS_MAGIC) + 8 * (1 + count)
    return size + (-size % _ALIGN)


def remove_own(paths) -> None:
    """Remove those of `paths` this user owns (cache files no run reads again); the others, and any
    that cannot be removed, are left."""
    for path in paths:
        try:
            if path.lstat().st_uid == os.geteuid():
                path.unlink()
        except OSError:
            pass


def _write(path: Path, pieces: list) -> str | None:
    """Write `pieces` to `path` atomically (a file of this user's only, renamed into place); returns why
    it could not, or None."""
    folder = path.parent
    try:
        if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
            return f"{path} is not a regular file"  # a FIFO or a device there is never renamed over
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted_folder(folder):
            return f"{folder} is writable by other users"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                for piece in pieces:
                    handle.write(piece)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
