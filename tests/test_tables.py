"""Every table the command line prints fits the terminal's width (COLUMNS), cutting long cells with an
ellipsis; piped elsewhere, a table keeps every character."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import ocr_fix.api
import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.commands.app import app
from ocr_fix.commands.tables import table
from tests.conftest import SAMPLE
from tests.test_cli_workflow import TEXT, fake_correct

runner = CliRunner()
LONG = "Вчера тов. МАО ЦЗЕ-ДУН просил передать, что японских войскак нет, " * 20 + "\n"


def test_cells_are_cut_with_an_ellipsis_and_headers_stay_whole():
    rows = [["a.txt", "1:2", "x" * 300, "unknown-word", "a long reason " * 10]]
    headers = ["file", "line:col", "text", "rule", "reason"]
    for width in (40, 80, 120):
        lines = table(rows, headers, width=width).splitlines()
        assert max(len(line) for line in lines) <= max(width, 44)  # 44: every header whole, nothing more
        assert lines[0].split() == headers and "…" in lines[2]
    assert "x" * 300 in table(rows, headers, width=None)  # not a terminal: nothing is cut
    assert "⏎" in table([["a\nb"]], ["cell"], width=None)


@pytest.fixture
def texts(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_fix.api, "correct_text", fake_correct)
    gold = tmp_path / "gold.txt"
    gold.write_text(LONG, encoding="utf-8")
    ocr = tmp_path / "ocr.txt"
    ocr.write_text(LONG.replace("МАО", "МАС").replace("нет", "иет"), encoding="utf-8")
    pairs = tmp_path / "pairs"
    pairs.mkdir()
    (pairs / "doc.gold.txt").write_text(LONG, encoding="utf-8")
    (pairs / "doc.ocr.txt").write_text(LONG.replace("нет", "иет"), encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(TEXT.encode("cp1251"))
    return tmp_path


COMMANDS = {
    "check": lambda d: ["check", str(SAMPLE), "--exit-zero"],
    "rules": lambda d: ["rules"],
    "score": lambda d: ["score", str(d / "gold.txt"), str(d / "ocr.txt")],
    "eval": lambda d: ["eval", str(d / "pairs")],
    "quality": lambda d: ["quality", str(SAMPLE), str(d / "ocr.txt")],
    "fix batch": lambda d: ["fix", str(d / "a.txt"), str(d / "b.txt"), "--out-dir", str(d / "out" / ("x" * 80))],
}


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_table_fits_the_terminal(texts, monkeypatch, command, width):
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, COMMANDS[command](texts))
    assert result.exit_code == 0, (result.output, result.exception)
    lines = result.stdout.splitlines()
    assert lines
    too_wide = [line for line in lines if len(line) > width]
    assert not too_wide, too_wide


def _dev_pair():
    from tests.conftest import DEV_SET

    pairs = sorted(DEV_SET.glob("*.L3.*.ocr.txt")) if DEV_SET.is_dir() else []
    if not pairs:
        pytest.skip("needs benchmarks/data/dev-set")
    ocr = pairs[0]
    return ocr, ocr.with_name(ocr.name.replace(".ocr.txt", ".gold.txt"))


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", ["check", "score", "eval", "quality"])
def test_every_table_fits_the_terminal_on_a_dev_set_pair(monkeypatch, command, width):
    ocr, gold = _dev_pair()
    monkeypatch.setenv("COLUMNS", str(width))
    args = {"check": ["check", str(ocr), "--exit-zero"], "score": ["score", str(gold), str(ocr)],
            "eval": ["eval", str(ocr), str(gold)], "quality": ["quality", str(ocr)]}[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, (result.output, result.exception)
    too_wide = [line for line in result.stdout.splitlines() if len(line) > width]
    assert result.stdout and not too_wide, too_wide
