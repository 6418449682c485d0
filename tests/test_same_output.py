"""benchmarks/same_output.py, the byte-for-byte comparison of two runs' outputs, keeps working."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load():
    spec = importlib.util.spec_from_file_location("same_output", ROOT / "benchmarks" / "same_output.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compare_finds_every_difference(tmp_path, capsys):
    same_output = load()
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        (folder / "runs").mkdir(parents=True)
        (folder / "runs" / "a.out").write_bytes(b"\xef\xbb\xbfsame\r\n")
    assert same_output.compare(old, new) == 0
    (new / "runs" / "a.out").write_bytes(b"same\r\n")  # only the BOM lost
    (old / "runs" / "b.err").write_bytes(b"")
    assert same_output.compare(old, new) == 1
    printed = capsys.readouterr().out
    assert "runs/a.out: differs" in printed and f"runs/b.err: only in {old}" in printed
    assert printed.rstrip().endswith("2 file(s) compared, 2 different")


def test_the_invocation_is_the_command_lines(tmp_path):
    out, err, code = load()._invoke(["fix", str(tmp_path / "missing.txt")])
    assert (out, code) == (b"", 2) and err.startswith(f"ocr-fix: {tmp_path / 'missing.txt'}: ".encode())
    assert err.endswith(b"\n") and err.count(b"\n") == 1 and b"no such file" in err
