"""The lexicons are found from a source checkout and travel inside the wheel."""

import subprocess
import sys
import zipfile

import pytest

from ocr_fix.lexicon.location import lexicon_dir
from tests.conftest import ROOT


def test_source_checkout_finds_the_top_level_lexicons():
    assert lexicon_dir().resolve() in ((ROOT / "lexicons").resolve(), (ROOT / "ocr_fix" / "_lexicons").resolve())


def test_environment_variable_overrides(tmp_path, monkeypatch):
    (tmp_path / "people.tsv").write_text("name\tlatin\tgroup\tnote\n", encoding="utf-8")
    monkeypatch.setenv("OCR_FIX_LEXICONS", str(tmp_path))
    assert lexicon_dir() == tmp_path


def test_wheel_carries_the_lexicons(tmp_path):
    pytest.importorskip("hatchling")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("ocr_fix-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for lexicon in ("people.tsv", "places.tsv", "abbreviations.tsv", "palladius.tsv", "terms.txt"):
        assert f"ocr_fix/_lexicons/{lexicon}" in names
