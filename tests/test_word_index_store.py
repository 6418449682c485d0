"""The word index as the cache keeps it (`vocabulary.Buckets`) and the command's quick exit (`cli.run`)."""

import os
import subprocess
import sys
from pathlib import Path

from ocr_fix import cache
from ocr_fix.language.vocabulary import Buckets, WordIndex, _stable_hash, skeleton

BUCKETS = {"ABC": "Jмама Hнана", "AB": "Kда", "CCCA": "Eтётя-мотя", "Z": "Aя"}


def test_every_bucket_is_found_and_no_other():
    store = Buckets.of(BUCKETS)
    for key, value in BUCKETS.items():
        assert store.get(key) == value
    assert store.get("ABCD") is None and store.get("") is None
    assert len(store) == 4
    assert sorted(store.values()) == sorted(BUCKETS.values())


def test_the_kept_sections_read_back_the_same_from_the_mapped_file(tmp_path: Path):
    path = tmp_path / "index.sections"
    assert cache.store_sections(path, Buckets.of(BUCKETS).sections()) is None
    again = Buckets.from_sections(cache.map_sections(path, 5))
    assert {key: again.get(key) for key in BUCKETS} == BUCKETS
    assert again.get("ABCD") is None and len(again) == 4
    assert again.frequencies() == Buckets.of(BUCKETS).frequencies()
    assert bytes(again.encoded_values()) == bytes(Buckets.of(BUCKETS).encoded_values())


def test_a_file_cut_short_or_damaged_sections_are_refused_so_the_index_is_built_again(tmp_path: Path):
    path = tmp_path / "index.sections"
    cache.store_sections(path, Buckets.of(BUCKETS).sections())
    whole = path.read_bytes()
    for cut in (len(whole) - 1, len(whole) // 2, 10, 0):
        path.write_bytes(whole[:cut])
        assert cache.map_sections(path, 5) is None, cut
    path.write_bytes(whole)
    assert cache.map_sections(path, 4) is None  # another number of sections than kept
    keys, values, key_ends, value_ends, table = Buckets.of(BUCKETS).sections()
    assert Buckets.from_sections([keys, values, key_ends, value_ends]) is None
    assert Buckets.from_sections([keys, values[:-1], key_ends, value_ends, table]) is None
    assert Buckets.from_sections([keys, values, key_ends, value_ends, table[:-1]]) is None
    assert Buckets.from_sections([keys, values, key_ends, value_ends, table.tobytes()[:-4]]) is None
    assert Buckets.from_sections([b"\xff" + keys, values, key_ends, value_ends, table]) is None


def test_the_flat_dictionary_holds_every_entry_with_its_frequency_in_bucket_order():
    entries = [entry for value in BUCKETS.values() for entry in value.split(" ")]  # `Zword`, Z the Zipf code
    flat = Buckets.of(BUCKETS).frequencies()
    assert list(flat.items()) == [(entry[1:], (ord(entry[0]) - 48) / 10) for entry in entries]
    assert flat["тётя-мотя"] == 2.1 and Buckets.of({}).frequencies() == {}


def test_the_hash_is_the_same_in_every_process():
    # Python salts str hashes per process; the table kept in the cache must not depend on that
    code = "from ocr_fix.language.vocabulary import _stable_hash; print(_stable_hash('ABCJ'))"
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2")}
    assert outputs == {str(_stable_hash("ABCJ"))}


def test_the_index_finds_words_through_the_store():
    words = {"мама": "J", "нана": "H", "папа": "K"}
    buckets = {}
    for word, code in words.items():
        buckets.setdefault(skeleton(word), []).append(code + word)
    index = WordIndex({key: " ".join(entries) for key, entries in buckets.items()})
    assert index.zipf("мама") == (ord("J") - 48) / 10
    assert index.zipf("дядя") is None
    assert set(index.words_near("мама", wide=False)) == {"мама", "нана"}  # м/н: one skeleton
    index.flatten()  # the flat dictionary of a long text answers the same
    assert index.zipf("мама") == (ord("J") - 48) / 10 and index.zipf("папа") == (ord("K") - 48) / 10
    assert index.zipf("дядя") is None


def test_the_command_exits_with_its_code_and_writes_everything(tmp_path: Path):
    text = tmp_path / "t.txt"
    text.write_text("Сообщаю, что войскак отступают.\n", encoding="utf-8")
    command = [sys.executable, "-m", "ocr_fix"]
    fixed = subprocess.run(command + ["fix", str(text)], capture_output=True, text=True)
    assert fixed.returncode == 0 and fixed.stdout == "Сообщаю, что войска отступают.\n"
    found = subprocess.run(command + ["check", str(text)], capture_output=True, text=True)
    assert found.returncode == 1 and "войскак" in found.stdout
    missing = subprocess.run(command + ["fix", str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_running_out_of_memory_is_one_line(tmp_path: Path):
    # a stand-in reader that runs out of memory, as a very large OCR file can
    code = ("import sys, ocr_fix.inputs as i\n"
            "def reader(raw, path, options): raise MemoryError\n"
            "i.register('big', reader, sniff=lambda raw, path: True)\n"
            "from ocr_fix.cli import run\n"
            f"sys.argv = ['ocr-fix', 'fix', {str(tmp_path / 'x.txt')!r}]\n"
            "run()\n")
    (tmp_path / "x.txt").write_text("текст\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("ocr-fix: ") and "out of memory" in line and "smaller files" in line, line


def test_only_indexes_of_earlier_formats_are_given_up(tmp_path: Path):
    from ocr_fix.language.vocabulary import INDEX_FORMAT, _older_formats

    names = [f"word-index-f{INDEX_FORMAT - 1}-3.1.1-2.4.cache", f"word-index-f{INDEX_FORMAT}-3.1.1-2.4.sections",
             f"word-index-f{INDEX_FORMAT + 2}-3.1.1-2.4.sections", "word-index-fx-3.1.1.cache", "lexicons-ab.cache"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in _older_formats(tmp_path)] == [names[0]]
    cache.remove_own(_older_formats(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])
