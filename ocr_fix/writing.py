"""Writing results without ever losing the user's text, and going by what the target is.

- A regular file (or a name where nothing is yet) is written through a temporary file in the same
  folder and renamed into place, so an interrupted run (Ctrl-C, a full disk) never leaves a
  half-written file. A new file gets the permissions the user's umask gives any new file; a replaced
  file keeps its own. A symbolic link is written through: its target changes, the link stays.
- Anything else (a character or block device such as /dev/null, a FIFO, a socket, a terminal,
  /dev/stdout) is opened and written in place. Renaming a file over it would replace the device or
  the pipe itself: `-o /dev/null` run as root would leave every program on the machine writing into a
  regular file, and the program reading a FIFO would wait forever.
- With a backup, each run keeps the text it replaces: `FILE.orig` the first time, then `FILE.orig.1`,
  `FILE.orig.2`..., beside the real file (the link's target), so no run overwrites what an earlier one
  kept.
- Every failure (a full disk, no permission, a missing folder) is one line naming the file; the
  temporary file is removed, and one left by a killed run is removed by the next write into the same
  folder.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import socket
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from ocr_fix.errors import OcrFixError
from ocr_fix.resources import cached
from ocr_fix.signals import held_signals
from ocr_fix.textio import encode

# Paths that name one of this process's open file descriptors; written through the descriptor itself,
# so `-o /dev/stdout` goes where standard output goes (a pipe, a terminal, a file opened for appending).
_DESCRIPTOR_PATH = re.compile(r"^/(?:dev/(?:std(?P<std>out|err)|fd/(?P<fd>\d+))|"
                              r"proc/(?:self|thread-self|(?P<pid>\d+))/fd/(?P<procfd>\d+))$")
_STANDARD = {"out": 1, "err": 2}


@dataclass(frozen=True)
class Written:
    """Where a write went: `path` is the file that holds the text now (a link's target for a link),
    `backup` the copy of what it replaced, `stream` whether it went into something that is not a regular
    file (a device, a FIFO, a socket, a descriptor)."""

    path: Path
    backup: Path | None = None
    stream: bool = False


def kind_of(path: str | Path) -> str:
    """What is at `path`: "missing", "file", "directory", "broken link", or for anything written in place,
    "descriptor", "character device", "block device", "FIFO", "socket"."""
    if _descriptor(path) is not None:
        return "descriptor"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        # a link to a file not made yet is written through, as long as the folder it points into exists
        if os.path.islink(path) and not Path(os.path.realpath(path)).parent.is_dir():
            return "broken link"
        return "missing"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "broken link"
        raise
    return _KINDS.get(stat.S_IFMT(info.st_mode), "special file")


_KINDS = {stat.S_IFREG: "file", stat.S_IFDIR: "directory", stat.S_IFCHR: "character device",
          stat.S_IFBLK: "block device", stat.S_IFIFO: "FIFO", stat.S_IFSOCK: "socket"}


def is_stream(path: str | Path) -> bool:
    """Whether `path` is written in place rather than replaced (not a regular file, a folder or nothing)."""
    return kind_of(path) not in ("missing", "file", "directory", "broken link")


def refuse_to_overwrite(path: str | Path, force: bool, why: str = "") -> None:
    """Refuse an existing regular file without `force`; a device, a FIFO or a descriptor never needs it
    (writing into /dev/null or a pipe overwrites nothing a user keeps)."""
    kind = kind_of(path)
    if kind == "directory":
        raise OcrFixError("is a directory, not a file", str(path))
    if kind == "file" and not force:
        raise OcrFixError(f"already exists{why}; use --force to overwrite it", str(path))


def _descriptor(path: str | Path) -> int | None:
    match = _DESCRIPTOR_PATH.match(str(path))
    if match is None:
        return None
    if match["std"]:
        return _STANDARD[match["std"]]
    if match["fd"]:
        return int(match["fd"])
    if match["pid"] and int(match["pid"]) != os.getpid():
        return None  # another process's descriptor: a path like any other
    return int(match["procfd"])


def _why(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


# --- in place: devices, FIFOs, sockets, descriptors -------------------------------------------------


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_stream(path: str | Path, payload: bytes) -> None:
    fd = _descriptor(path)
    if fd is not None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()  # what the command printed before comes first
            except (OSError, ValueError):
                pass
        _write_all(fd, payload)
        return
    if kind_of(path) == "socket":
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(str(path))
            sock.sendall(payload)
        return
    # no O_TRUNC and no O_CREAT: a device or a FIFO is written into, never made or cut
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    try:
        _write_all(fd, payload)
    finally:
        os.close(fd)


# --- regular files: a temporary file and a rename ----------------------------------------------------


def _temporary_name(folder: Path, name: str) -> str:
    # the process id in the name tells a later run whether the writer is still alive
    return str(folder / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file next to the target. Created with mode 0666 so the umask applies, as it does to any
    file a program creates (mkstemp's 0600 would hide a corrected transcript from the user's group)."""
    while True:
        tmp = _temporary_name(folder, name)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive, and not ours to judge
    return True


_TEMPORARY = re.compile(r"\..+\.(\d+)-[0-9a-f]{8}\.tmp")


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files killed runs of ocr-fix left in `folder` (named by `_temporary_name`;
    their writer's process is gone); returns what was removed. A run still writing keeps its own, and
    files of other names are never touched."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None or _alive(int(match[1])):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == os.geteuid():
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _sweep_once(folder: Path) -> None:
    # once a folder and process: a batch writing thousands of files into one folder reads it once
    _sweep(os.path.abspath(folder))


@cached("writing.swept_folders")
def _sweep(folder: str) -> None:
    remove_stale_temporaries(Path(folder))


def _sync_folder(folder: Path) -> None:
    """Make a rename durable; not every system lets a folder be opened, and that is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _written_temporary(folder: Path, name: str, payload: bytes, like: Path | None, times: bool) -> str:
    fd, tmp = _temporary(folder, name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if like is not None:
            (shutil.copystat if times else shutil.copymode)(like, tmp)
    except BaseException:  # Ctrl-C and a full disk included: no temporary file is left behind
        _unlink_quietly(tmp)
        raise
    return tmp


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _replace_with(target: Path, payload: bytes, like: Path | None) -> None:
    """Put `payload` at `target` atomically, with the mode of `like`. A stopping signal waits for the
    rename (see `signals.held_signals`): the target is the old file or the new one, and no temporary
    file is left, whenever the signal comes."""
    with held_signals():
        tmp = _written_temporary(target.parent, target.name, payload, like, times=False)
        try:
            os.replace(tmp, target)
        except BaseException:  # the target is either the old file or the new one
            _unlink_quietly(tmp)
            raise
    _sync_folder(target.parent)


def backup_path(path: str | Path, number: int = 0) -> Path:
    """`FILE.orig`, then `FILE.orig.1`, `FILE.orig.2`... for the runs after the first."""
    return Path(f"{path}.orig" + (f".{number}" if number else ""))


def backups(path: str | Path) -> list[Path]:
    """The backups of `path` that exist, oldest first."""
    found = []
    first = backup_path(path)
    if first.exists():
        found.append(first)
    folder = Path(path).parent
    numbered = re.compile(re.escape(Path(path).name) + r"\.orig\.([1-9]\d*)")
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    numbers = sorted(int(m[1]) for n in names if (m := numbered.fullmatch(n)))
    return found + [backup_path(path, n) for n in numbers]


def _keep_backup(target: Path) -> Path:
    """A copy of `target` (its mode and dates too) under the first free backup name; an existing backup
    is never replaced, since it holds the text from before an earlier run."""
    tmp = _written_temporary(target.parent, target.name, target.read_bytes(), target, times=True)
    try:
        existing = backups(target)
        number = 0
        if existing:
            last = existing[-1].name.rsplit(".", 1)[-1]
            number = int(last) + 1 if last.isdigit() else 1
        while True:
            kept = backup_path(target, number)
            try:
                os.link(tmp, kept)  # fails rather than replaces when the name was taken meanwhile
                return kept
            except FileExistsError:
                number += 1
            except OSError:  # a file system without hard links
                if not kept.exists():
                    os.replace(tmp, kept)
                    return kept
                number += 1
    finally:
        _unlink_quietly(tmp)


def _real_target(path: Path) -> Path:
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    return target if str(target.parent) else Path(".") / target


def write_output(path: str | Path, data: str | bytes, encoding: str = "utf-8", backup: bool = False) -> Written:
    """Write `data` (text in `encoding`, or bytes as they are) to `path` by what `path` is (see the
    module's notes). With `backup`, the regular file's previous content is kept first under a new
    backup name. Every failure is an OcrFixError naming the file."""
    name = str(path)
    payload = data if isinstance(data, bytes) else encode(data, encoding, name)
    kind = kind_of(path)
    try:
        if kind == "directory":
            raise OcrFixError("is a directory, not a file", name)
        if kind == "broken link":
            raise OcrFixError("is a symbolic link that leads nowhere (a loop, or its target's folder is missing)",
                              name)
        if kind not in ("missing", "file"):
            _write_stream(path, payload)
            return Written(Path(path), None, stream=True)
        target = _real_target(Path(path))
        _sweep_once(target.parent)
        with held_signals():  # the backup and the new file made whole, or neither begun
            kept = _keep_backup(target) if backup and kind == "file" else None
            _replace_with(target, payload, target if kind == "file" else None)
        return Written(target, kept)
    except OcrFixError:
        raise
    except PermissionError:
        raise OcrFixError("permission denied (cannot write here)", name) from None
    except FileNotFoundError:
        raise OcrFixError("no such folder", str(Path(path).parent)) from None
    except BrokenPipeError:
        raise OcrFixError("cannot write: the reading end was closed", name) from None
    except OSError as exc:
        raise OcrFixError(f"cannot write: {_why(exc)}", name) from None
