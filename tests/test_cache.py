"""The cache folder is never trusted blindly: a cache file is unpickled only when it is whole and can
only have come from this user; anything else is built afresh."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest

from ocr_fix import cache


class _Planted:
    """A pickle that runs code when loaded: here it only makes a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _with_header(payload: bytes) -> bytes:
    return cache._MAGIC + hashlib.sha256(payload).digest() + payload


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "cache"
    path.mkdir(mode=0o700)
    return path


def test_a_stored_value_comes_back_and_only_its_owner_can_read_it(folder):
    path = folder / "x.cache"
    assert cache.store(path, {"ключ": "значение"}) is None
    assert cache.load(path, dict) == {"ключ": "значение"}
    assert os.stat(path).st_mode & 0o077 == 0
    assert cache.load(path, list) is None  # of another kind than expected: not used
    assert cache.load(folder / "none.cache", dict) is None


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "no header", "garbage"])
def test_a_damaged_file_is_not_unpickled(folder, damage):
    path = folder / "x.cache"
    cache.store(path, {"a": "b" * 1000})
    raw = path.read_bytes()
    damaged = {"truncated": raw[:-100], "flipped": raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:], "empty": b"",
               "no header": pickle.dumps({"a": "b"}), "garbage": os.urandom(500)}[damage]
    path.write_bytes(damaged)
    assert cache.load(path, dict) is None


def _plant(path: Path, marker: Path) -> None:
    path.write_bytes(_with_header(pickle.dumps(_Planted(marker))))
    path.chmod(0o600)


def test_a_whole_file_of_this_users_is_unpickled(folder, tmp_path):
    # the control for the cases below: the same file, trusted, does run its code
    marker = tmp_path / "ran"
    _plant(folder / "x.cache", marker)
    cache.load(folder / "x.cache", object)
    assert marker.exists()


def test_a_file_others_can_write_is_never_unpickled(folder, tmp_path):
    marker = tmp_path / "ran"
    path = folder / "x.cache"
    _plant(path, marker)
    path.chmod(0o666)
    assert cache.why_untrusted(path) == "writable by other users"
    assert cache.load(path, object) is None and not marker.exists()


def test_a_file_in_a_folder_others_can_write_is_never_unpickled(folder, tmp_path):
    marker = tmp_path / "ran"
    path = folder / "x.cache"
    _plant(path, marker)
    folder.chmod(0o777)
    try:
        assert cache.why_untrusted(path) == "in a folder other users can write into"
        assert cache.load(path, object) is None and not marker.exists()
        assert cache.store(folder / "y.cache", {}) == f"{folder} is writable by other users"
        folder.chmod(0o1777)  # sticky, like /tmp: others cannot replace this user's files
        assert cache.why_untrusted(path) is None
    finally:
        folder.chmod(0o700)


def test_a_link_or_another_users_file_is_never_unpickled(folder, tmp_path):
    marker = tmp_path / "ran"
    elsewhere = tmp_path / "planted.cache"
    _plant(elsewhere, marker)
    link = folder / "x.cache"
    link.symlink_to(elsewhere)
    assert cache.why_untrusted(link) == "not a regular file"
    assert cache.load(link, object) is None and not marker.exists()
    if os.geteuid() != 0:
        return  # only root can give a file away to test the owner check
    other = folder / "y.cache"
    _plant(other, marker)
    os.chown(other, 65534, 65534)
    assert cache.why_untrusted(other) == "owned by another user"
    assert cache.load(other, object) is None and not marker.exists()


def test_damaged_lexicon_caches_are_rebuilt(tmp_path, monkeypatch):
    from ocr_fix.lexicon.location import lexicon_dir
    from ocr_fix.lexicon.store import _cached_load

    monkeypatch.setenv("OCR_FIX_CACHE", str(tmp_path))
    extra = tmp_path / "names.txt"
    extra.write_text("# source: a test\nЧЖАН\n", encoding="utf-8")
    first = _cached_load(str(lexicon_dir()), (str(extra),))
    _cached_load.cache_clear()
    [kept] = tmp_path.glob("lexicons-*.cache")
    kept.write_bytes(kept.read_bytes()[:1000])  # cut short, as by a full disk
    again = _cached_load(str(lexicon_dir()), (str(extra),))
    _cached_load.cache_clear()
    assert "чжан" in again.known and again.known == first.known
    assert cache.load(kept, type(first)) is not None  # and written whole again


def test_what_is_not_a_regular_file_in_the_cache_is_never_replaced(folder):
    fifo = folder / "x.cache"
    os.mkfifo(fifo)
    assert cache.load(fifo, dict) is None  # not opened either: that would wait for a writer
    assert cache.store(fifo, {"a": "b"}) == f"{fifo} is not a regular file"
    assert os.path.exists(fifo) and not os.path.isfile(fifo)


def test_sections_are_read_in_place_only_from_a_whole_file_of_this_users(folder, tmp_path):
    from array import array

    path = folder / "x.sections"
    numbers = array("L", [1, 2, 3])
    assert cache.store_sections(path, [b"abc", "слово".encode("utf-8"), numbers, b""]) is None
    assert os.stat(path).st_mode & 0o077 == 0
    keys, word, kept_numbers, empty = cache.map_sections(path, 4)
    assert bytes(keys) == b"abc" and str(word, "utf-8") == "слово" and bytes(empty) == b""
    assert list(kept_numbers.cast("L")) == [1, 2, 3]  # each section aligned for 8-byte numbers
    path.chmod(0o666)
    assert cache.map_sections(path, 4) is None
    path.chmod(0o600)
    link = folder / "link.sections"
    link.symlink_to(path)
    assert cache.map_sections(link, 4) is None
    fifo = folder / "fifo.sections"
    os.mkfifo(fifo)
    assert cache.map_sections(fifo, 4) is None  # not opened either: that would wait for a writer
    assert cache.store_sections(fifo, [b"abc"]) == f"{fifo} is not a regular file"
