"""benchmarks/data: the benchmarks read the project's own copies of their data by default, the copies are
the shared sets' files, and the speed corpus is the one its README names."""

from __future__ import annotations

import filecmp
import hashlib
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
SHARED = ROOT.parent / "shared"


def load(script: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_data_{script}", ROOT / "benchmarks" / f"{script}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script", ["correction", "detection", "quality_estimate", "formats"])
def test_a_benchmark_with_no_folder_reads_pairs_in_the_project(script):
    defaults = load(script).DEFAULT_PAIRS
    for folder in defaults if isinstance(defaults, list) else [defaults]:
        folder = Path(folder).resolve()
        assert folder.is_relative_to(ROOT / "benchmarks"), folder
        assert folder.name == "pairs" and sorted(folder.glob("*.ocr.txt")), folder


@pytest.mark.parametrize("copy, files", [("dev-set/pairs", "*.txt"), ("dev-set/src", "*.txt"),
                                         ("dev-set-real/pairs", "*.txt"), ("dev-set-formats/pairs", "*")])
def test_the_copies_are_the_shared_files(copy, files):
    shared = SHARED / copy
    if not shared.is_dir():
        pytest.skip("../shared is not here")
    names = sorted(p.name for p in shared.glob(files))
    assert names == sorted(p.name for p in (DATA / copy).glob(files))
    assert filecmp.cmpfiles(shared, DATA / copy, names, shallow=False)[0] == names


def test_the_speed_corpus_is_the_one_its_readme_names(tmp_path):
    speed = load("speed")
    named = re.search(r"sha256\s+`([0-9a-f]{64})`", (DATA / "README.md").read_text(encoding="utf-8")).group(1)
    whole = speed.corpus_file(speed.PERF_CORPUS_WORDS, tmp_path)
    assert hashlib.sha256(whole.read_bytes()).hexdigest() == named
    assert speed.corpus_file(speed.PERF_CORPUS_WORDS, tmp_path) == whole  # decompressed once, then reused
    part = speed.corpus_file(1000, tmp_path)
    assert 1000 <= speed.count_words(part) < 1100
    assert whole.read_text(encoding="utf-8").startswith(part.read_text(encoding="utf-8"))
