"""The terminal review, driven key by key: decisions saved at once, resume, undo, quit and Ctrl-C."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import ocr_fix.api
import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.api import TextCorrection
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from tests.review_sample import PROPOSALS, TEXT
from ocr_fix.review import interactive
from ocr_fix.review import reviewfile as rf
from ocr_fix.review.interactive import Terminal

runner = CliRunner()



@pytest.fixture
def corrector(monkeypatch):
    def correct_text(text, lexicons=(), translation=None):
        assert text == TEXT
        return TextCorrection(text, text, list(PROPOSALS))

    monkeypatch.setattr(ocr_fix.api, "correct_text", correct_text)


@pytest.fixture
def files(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(TEXT.encode("utf-8"))
    return doc, tmp_path / "doc.review.tsv"


def fake_terminal(keys: list, lines: list | None = None, out: list | None = None) -> Terminal:
    keys = list(keys)
    lines = list(lines or [])
    out = out if out is not None else []

    def getchar():
        key = keys.pop(0) if keys else ""
        if isinstance(key, BaseException):
            raise key
        return key

    return Terminal(getchar, out.append, lambda label, start: lines.pop(0) if lines else None,
                    lambda text, **style: text)


def new_review():
    return rf.from_proposals("doc.txt", "", "utf-8", TEXT, PROPOSALS)


def test_every_key_is_saved_at_once():
    saved = []
    session = interactive.run(TEXT, new_review(), saved.append, fake_terminal(["r", "2", "e", "s"], ["Сн\tятие"]),
                              everything=True)
    assert session.finished and session.decided == 3
    assert len(saved) == 4
    assert (saved[0].row(1).decision, saved[0].next) == ("reject", 2)
    assert (saved[1].row(2).decision, saved[1].next) == ("alt2", 3)
    assert (saved[2].row(3).decision, saved[2].row(3).edit, saved[2].next) == ("edit", "Сн\tятие", 4)
    assert (saved[3].row(4).decision, saved[3].next) == ("", 5)  # skipped: left undecided


def test_undo_restores_the_decision_and_goes_back():
    saved = []
    out = []
    interactive.run(TEXT, new_review(), saved.append, fake_terminal(["r", "r", "u", "u", "1", "q"], out=out),
                    everything=True)
    assert [s.row(1).decision for s in saved] == ["reject", "reject", "reject", "", "alt1"]
    assert [s.row(2).decision for s in saved] == ["accept", "reject", "accept", "accept", "accept"]
    assert [s.next for s in saved] == [2, 3, 2, 1, 2]
    assert "undo: back to row 1, decision undecided" in out


def test_keys_that_cannot_apply_change_nothing():
    saved = []
    out = []
    review = new_review()
    start = rf.ReviewFile(review.source, review.sha256, review.encoding, review.rows, next=4)
    interactive.run(TEXT, start, saved.append, fake_terminal(["a", "2", "z", "e", "q"], [""], out),
                    everything=True)
    assert saved == []  # nothing was decided, so nothing was written
    assert "nothing to accept: no replacement was proposed (e to type one, r to dismiss)" in out
    assert "there is no alternative 2" in out
    assert "unknown key 'z'; press ? for help" in out
    assert "edit cancelled" in out


def test_the_context_marks_the_span_and_the_replacement():
    out = []
    interactive.run(TEXT, new_review(), lambda r: None, fake_terminal(["q"], out=out), everything=True)
    assert out[1] == "[1/4] line 1, col 12 · name-near-miss · reading 60% likely · review"
    assert out[2] == "  Вчера тов. [МАС ЦЗЭ-ДУИ → МАО ЦЗЭ-ДУН] просил передать, что японских войскак нет."
    assert out[4] == "  alternatives: 1 МАО ЦЗЕ-ДУН"
    assert out[5] == "  decision: undecided"


# --- through the command line -----------------------------------------------------------------------


def test_review_command_makes_the_file_and_resumes_where_it_stopped(corrector, files):
    doc, review_path = files
    first = runner.invoke(app, ["review", str(doc), str(review_path), "--all"], input="r2")
    assert first.exit_code == 0, first.output
    assert f"wrote {review_path}: 4 proposal(s): 2 automatic (pre-accepted), 1 for review, 1 flag(s)" in first.stderr
    assert "[1/4]" in first.stdout and "[3/4]" in first.stdout  # the end of the input quits at row 3
    assert "stopped; run the same command to go on (1 accept, 1 reject, 1 alt2, 1 undecided)" in first.stdout
    saved = rf.load(review_path)
    assert [r.decision for r in saved.rows] == ["reject", "alt2", "accept", ""] and saved.next == 3
    second = runner.invoke(app, ["review", str(doc), str(review_path), "--all"], input="eСнятие!\nr")
    assert second.exit_code == 0, second.output
    assert "[1/4]" not in second.stdout and "[3/4]" in second.stdout
    saved = rf.load(review_path)
    assert [(r.decision, r.edit) for r in saved.rows] == [("reject", ""), ("alt2", ""), ("edit", "Снятие!"),
                                                         ("reject", "")]
    assert "done: 2 reject, 1 edit, 1 alt2" in second.stdout
    third = runner.invoke(app, ["review", str(doc), str(review_path), "--all"], input="")
    assert "every row of" in third.stdout and "--restart goes over them again" in third.stdout
    again = runner.invoke(app, ["review", str(doc), str(review_path), "--restart", "--all"], input="a")
    assert "[1/4]" in again.stdout
    assert rf.load(review_path).row(1).decision == "accept"


def test_ctrl_c_loses_no_decision(corrector, files, monkeypatch):
    doc, review_path = files
    monkeypatch.setattr(interactive, "typer_terminal", lambda: fake_terminal(["r", "r", KeyboardInterrupt()]))
    result = runner.invoke(app, ["review", str(doc), str(review_path), "--all"])
    assert result.exit_code == 130
    assert f"interrupted; every decision so far is saved in {review_path}" in result.stderr
    saved = rf.load(review_path)
    assert [r.decision for r in saved.rows] == ["reject", "reject", "accept", ""] and saved.next == 3


def test_a_stale_review_is_refused(corrector, files):
    doc, review_path = files
    rf.save(new_review(), review_path)
    doc.write_bytes(TEXT.replace("МАС", "МАО").encode("utf-8"))
    result = runner.invoke(app, ["review", str(doc), str(review_path), "--all"], input="a")
    assert isinstance(result.exception, OcrFixError)
    assert str(result.exception) == (f"{review_path}: 1 row(s) no longer match the text (the text changed since "
                                     "the review was made, or these cells were edited; put them back, or reject "
                                     "these rows, and apply again): row 1 (text line 1) expects 'МАС ЦЗЭ-ДУИ' but "
                                     "finds 'МАО ЦЗЭ-ДУИ'")
    assert rf.load(review_path) == new_review()


def test_help_key_and_no_terminal(corrector, files, monkeypatch):
    out = []
    interactive.run(TEXT, new_review(), lambda r: None, fake_terminal(["?", "q"], out=out), everything=True)
    assert interactive.HELP in out
    doc, review_path = files

    def no_tty():
        raise OSError(6, "No such device or address")

    import typer

    monkeypatch.setattr(typer, "getchar", no_tty)
    result = runner.invoke(app, ["review", str(doc), str(review_path), "--all"])
    assert str(result.exception) == ("the interactive review needs a terminal; decide in the review file itself "
                                     "(a spreadsheet or a text editor) and run `ocr-fix apply`")
