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
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

_MAGIC = b"ocr-fix cache 1\n"
_DIGEST = hashlib.sha256().digest_size


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
    folder = path.parent
    try:
        if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
            return f"{path} is not a regular file"  # a FIFO or a device there is never renamed over
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted_folder(folder):
            return f"{folder} is writable by other users"
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + hashlib.sha256(payload).digest())
                handle.write(payload)
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
