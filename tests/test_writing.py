"""Writing results by what the target is: regular files atomically with numbered backups, devices,
FIFOs, sockets and descriptors in place; every failure one line, no temporary file left behind."""

from __future__ import annotations

import errno
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

import ocr_fix.writing as writing
from ocr_fix.errors import OcrFixError
from tests.test_cli_hostile import read_in_background
from ocr_fix.writing import backups, kind_of, refuse_to_overwrite, remove_stale_temporaries, write_output


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_a_new_file_gets_the_umask_permissions(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_output(tmp_path / "new.txt", "текст")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.txt") == 0o666 & ~umask


def test_every_run_keeps_the_text_it_replaces_under_a_new_backup(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("первая", encoding="utf-8")
    path.chmod(0o640)
    first = write_output(path, "вторая", backup=True)
    assert first.backup == tmp_path / "doc.txt.orig" and first.path == path
    assert path.read_text(encoding="utf-8") == "вторая" and _mode(path) == 0o640
    second = write_output(path, "третья", backup=True)
    assert second.backup == tmp_path / "doc.txt.orig.1"
    assert second.backup.read_text(encoding="utf-8") == "вторая"
    assert first.backup.read_text(encoding="utf-8") == "первая"  # never refreshed, never lost
    (tmp_path / "doc.txt.orig.7").write_text("старая", encoding="utf-8")  # a gap: the next is after the last
    assert write_output(path, "четвёртая", backup=True).backup == tmp_path / "doc.txt.orig.8"
    assert backups(path) == [tmp_path / n for n in ("doc.txt.orig", "doc.txt.orig.1", "doc.txt.orig.7",
                                                    "doc.txt.orig.8")]


def test_a_symlink_is_written_through_with_the_backup_beside_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "real.txt"
    real.write_text("старое", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    written = write_output(link, "новое", backup=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "новое"
    assert written.path == real and written.backup == tmp_path / "real" / "real.txt.orig"
    assert written.backup.read_text(encoding="utf-8") == "старое"
    assert not (tmp_path / "link.txt.orig").exists()


def test_a_link_to_a_file_not_made_yet_makes_it_and_a_loop_is_refused(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "new.txt")
    write_output(link, "текст")
    assert link.is_symlink() and (tmp_path / "new.txt").read_text(encoding="utf-8") == "текст"
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(OcrFixError, match="loop.txt: is a symbolic link that leads nowhere"):
        write_output(loop, "текст")
    assert loop.is_symlink()


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_text("целый текст", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(writing.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output(path, "новый текст")
    assert path.read_text(encoding="utf-8") == "целый текст"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


@pytest.mark.parametrize("backup", [False, True])
def test_a_full_disk_is_one_line_and_leaves_nothing_behind(tmp_path, monkeypatch, backup):
    path = tmp_path / "doc.txt"
    path.write_text("целый текст", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writing.os, "fsync", full)
    with pytest.raises(OcrFixError) as exc:
        write_output(path, "новый текст", backup=backup)
    assert str(exc.value) == f"{path}: cannot write: no space left on device"
    assert path.read_text(encoding="utf-8") == "целый текст"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_a_temporary_file_of_a_killed_run_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "doc.txt"
    dead = tmp_path / ".doc.txt.999999999-0123abcd.tmp"  # no process has that id
    dead_other = tmp_path / ".other.txt.999999998-0123abcd.tmp"
    alive = tmp_path / f".doc.txt.{os.getpid()}-0123abcd.tmp"  # a run still writing keeps its own
    users = tmp_path / ".notes.tmp"  # not a name ocr-fix gives: never touched
    for leftover in (dead, dead_other, alive, users):
        leftover.write_text("полу", encoding="utf-8")
    write_output(path, "текст")
    assert not dead.exists() and not dead_other.exists() and alive.exists() and users.exists()
    dead.write_text("полу", encoding="utf-8")
    assert remove_stale_temporaries(tmp_path) == [dead]


def test_text_the_encoding_cannot_hold_is_refused_with_its_line(tmp_path):
    with pytest.raises(OcrFixError) as exc:
        write_output(tmp_path / "out.txt", "строка\nМао Цзэ-дун 毛泽东\n", "cp1251")
    assert str(exc.value) == (f"{tmp_path / 'out.txt'}:2: the result cannot be written in cp1251: '毛' has no code "
                              "there (write it as UTF-8 instead)")
    assert not (tmp_path / "out.txt").exists()


def test_bytes_are_written_as_they_are(tmp_path):
    write_output(tmp_path / "b.txt", b"\xef\xbb\xbfa\r\n")
    assert (tmp_path / "b.txt").read_bytes() == b"\xef\xbb\xbfa\r\n"


# --- what is not a regular file is written into, never replaced ---------------------------------------


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = read_in_background(fifo)
    written = write_output(fifo, "японских войск нет\n")
    assert received() == "японских войск нет\n".encode("utf-8")
    assert written.stream and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_socket_is_written_into_and_stays_a_socket(tmp_path):
    address = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(address))
    server.listen(1)
    got = []

    def serve():
        conn, _ = server.accept()
        with conn:
            got.append(b"".join(iter(lambda: conn.recv(4096), b"")))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    write_output(address, "текст")
    thread.join(10)
    server.close()
    assert got == ["текст".encode("utf-8")] and stat.S_ISSOCK(os.lstat(address).st_mode)


def test_a_character_device_is_written_into_and_stays_a_device(tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    written = write_output(device, "текст")
    assert written.stream and stat.S_ISCHR(os.lstat(device).st_mode)
    assert kind_of(device) == "character device"
    refuse_to_overwrite(device, force=False)  # nothing of the user's is in a device to protect


def test_a_full_device_is_one_line():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with pytest.raises(OcrFixError) as exc:
        write_output("/dev/full", "текст")
    assert str(exc.value) == "/dev/full: cannot write: no space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_descriptor_path_writes_into_the_descriptor(tmp_path):
    read_end, write_end = os.pipe()
    try:
        written = write_output(f"/dev/fd/{write_end}", "текст")
        os.close(write_end)
        assert os.read(read_end, 100) == "текст".encode("utf-8") and written.stream
    finally:
        os.close(read_end)
    assert kind_of("/dev/stdout") == "descriptor" and kind_of(f"/proc/{os.getpid()}/fd/1") == "descriptor"


def test_refusals_without_force(tmp_path):
    path = tmp_path / "out.txt"
    refuse_to_overwrite(path, force=False)  # nothing there yet
    path.write_text("мой текст", encoding="utf-8")
    with pytest.raises(OcrFixError, match="out.txt: already exists; use --force to overwrite it"):
        refuse_to_overwrite(path, force=False)
    refuse_to_overwrite(path, force=True)
    with pytest.raises(OcrFixError, match="is a directory, not a file"):
        refuse_to_overwrite(tmp_path, force=True)
    with pytest.raises(OcrFixError, match="is a directory, not a file"):
        write_output(tmp_path, "текст")


def test_a_stopping_signal_waits_for_a_write_to_finish(tmp_path):
    # SIGTERM in the middle of an atomic write is delivered once the file is whole: no temporary is left
    import os
    import signal

    from ocr_fix.signals import Terminated, held_signals, raise_on_termination

    import threading

    previous = signal.getsignal(signal.SIGTERM)
    raise_on_termination()
    # another thread running, as a Dask client's does: the system may hand the signal to it
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        with pytest.raises(Terminated):
            with held_signals():
                os.kill(os.getpid(), signal.SIGTERM)
                write_output(tmp_path / "out.txt", "целый текст\n")  # the signal has come, and waits
                assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "целый текст\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    finally:
        stop.set()
        signal.signal(signal.SIGTERM, previous)
