"""Shared fixtures: the sample document and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "1949-05-18_kovalev_telegram_mao_kim_il.txt"
DEV_SET = ROOT / "benchmarks" / "data" / "dev-set" / "pairs"  # the project's copy of ../shared/dev-set/pairs


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def russian_part(sample_text) -> str:
    return sample_text[sample_text.index("№ 94"):]


@pytest.fixture(scope="session")
def english_part(sample_text) -> str:
    return sample_text[: sample_text.index("№ 94")]


@pytest.fixture(autouse=True)
def no_user_lexicons(monkeypatch):
    """The tests read the shipped lexicons only, whatever lists the person running them keeps in
    ~/.config/ocr-fix (a test of the user's lists sets its own folder)."""
    monkeypatch.setenv("OCR_FIX_USER_LEXICONS", "")
