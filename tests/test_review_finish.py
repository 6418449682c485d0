"""A review an archivist can finish (issue 18), driven key by key through the injected terminal:
the review starts at the rows that need a decision, whole groups are decided with one key, the edit
prompt starts empty with the proposal as its default, and the keys work in the Russian layout."""

from __future__ import annotations

from dataclasses import replace

import pytest
from typer.testing import CliRunner

import ocr_fix.api
import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.api import TextCorrection
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from ocr_fix.proposal import Proposal
from ocr_fix.review import interactive, journal
from ocr_fix.review import reviewfile as rf
from tests.review_sample import PROPOSALS, TEXT
from tests.test_interactive import fake_terminal

runner = CliRunner()

# (original, replacement, rule, bin): rows 2, 4 and 7 are the same fix, row 3 is automatic
WORDS = [
    ("МАС", "МАО", "name-near-miss", "review"),
    ("войскак", "войск", "unknown-word", "review"),
    ("Скопие", "Снятие", "unknown-word", "auto"),
    ("войскак", "войск", "unknown-word", "review"),
    ("копий", "", "real-word", "flag"),
    ("ЦЗЭ", "ЦЗЕ", "name-near-miss", "review"),
    ("войскак", "войск", "unknown-word", "auto"),
    ("танкав", "танков", "unknown-word", "review"),
]


def many():
    text = " ".join(w[0] for w in WORDS)
    proposals = []
    position = 0
    for original, replacement, rule, bin_ in WORDS:
        proposals.append(Proposal(position, position + len(original), original, replacement, 0.5, rule, "why", bin_))
        position += len(original) + 1
    return text, rf.from_proposals("doc.txt", "", "utf-8", text, proposals)


@pytest.fixture
def corrector_files(monkeypatch, tmp_path):
    """The sample text on disk, its review file made, and the corrector standing in for the real one."""
    def correct_text(text, lexicons=(), translation=None):
        return TextCorrection(text, text, list(PROPOSALS))

    monkeypatch.setattr(ocr_fix.api, "correct_text", correct_text)
    doc = tmp_path / "doc.txt"
    doc.write_bytes(TEXT.encode("utf-8"))
    path = tmp_path / "doc.review.tsv"
    rf.save(rf.from_proposals(str(doc), "", "utf-8", TEXT, PROPOSALS), path)
    return doc, path


def decisions_of(review):
    return [r.decision for r in review.rows]


def shown_rows(out):
    return [line.split("]")[0] + "]" for line in out if line.startswith("[")]


# --- 1. the review goes where the decisions are ------------------------------------------------------


def test_automatic_rows_are_skipped_unless_all_is_asked_for():
    out = []
    saved = []
    review = rf.from_proposals("doc.txt", "", "utf-8", TEXT, PROPOSALS)  # rows 2 and 3 are automatic
    session = interactive.run(TEXT, review, saved.append, fake_terminal(["r", "r"], out=out))
    assert session.finished
    assert shown_rows(out) == ["[1/2]", "[2/2]"]
    assert out[1].startswith("[1/2] line 1, col 12 · name-near-miss")
    assert decisions_of(saved[-1]) == ["reject", "accept", "accept", "reject"]
    out = []
    interactive.run(TEXT, review, saved.append, fake_terminal(["r", "r"], out=out), everything=True)
    assert shown_rows(out) == ["[1/4]", "[2/4]", "[3/4]"]


def test_accept_the_rest_of_the_rule():
    text, review = many()
    out = []
    saved = []
    session = interactive.run(text, review, saved.append, fake_terminal(["s", "t", "r", "r"], out=out))
    # t on row 2 (unknown-word) accepts it and the later undecided rows of its rule, 4 and 8
    assert decisions_of(saved[1]) == ["", "accept", "accept", "accept", "", "", "accept", "accept"]
    assert any("accept on 3 row(s) of unknown-word" in line for line in out)
    # then the review goes on with the rows left: 5 (real-word) and 6 (name-near-miss)
    assert shown_rows(out) == ["[1/6]", "[2/6]", "[4/6]", "[5/6]"]
    assert session.finished
    assert decisions_of(session.review) == ["", "accept", "accept", "accept", "reject", "reject", "accept", "accept"]


def test_reject_the_rest_of_the_rule_keeps_rows_already_decided_and_undo_restores_all():
    text, review = many()
    saved = []
    out = []
    interactive.run(text, review, saved.append, fake_terminal(["s", "a", "x", "u", "q"], out=out))
    # x on row 4 rejects it and row 8; row 2 (before it) keeps its accept, automatic row 7 its accept
    assert decisions_of(saved[2]) == ["", "accept", "accept", "reject", "", "", "accept", "reject"]
    assert decisions_of(saved[3]) == ["", "accept", "accept", "", "", "", "accept", ""]
    assert saved[3].next == 4
    assert any("undo: back to row 3" in line for line in out)


def test_flags_without_a_replacement_are_not_accepted_by_the_group_key():
    text, review = many()
    saved = []
    out = []
    interactive.run(text, review, saved.append, fake_terminal(["s", "s", "s", "t", "q"], out=out))
    assert "nothing to accept: no replacement was proposed (e to type one, r to dismiss)" in out
    assert saved[-1].row(5).decision == ""


def test_the_same_decision_on_every_identical_row():
    text, review = many()
    saved = []
    out = []
    session = interactive.run(text, review, saved.append, fake_terminal(["s", "i", "r", "q"], out=out))
    # every войскак -> войск in the file, automatic ones too, is rejected; row 4 is not shown again
    assert decisions_of(saved[-1]) == ["", "reject", "accept", "reject", "", "", "reject", ""]
    assert any("reject on 3 identical row(s)" in line for line in out)
    assert shown_rows(out) == ["[1/6]", "[2/6]", "[4/6]"]
    assert session.review.next == 5


def test_the_same_edit_on_every_identical_row():
    text, review = many()
    saved = []
    interactive.run(text, review, saved.append, fake_terminal(["s", "i", "e", "q"], ["войска"]))
    assert [(r.decision, r.edit) for r in saved[-1].rows if r.original == "войскак"] == [("edit", "войска")] * 3


def test_identical_then_a_key_that_is_not_a_decision_cancels():
    text, review = many()
    saved = []
    out = []
    interactive.run(text, review, saved.append, fake_terminal(["i", "s", "q"], out=out))
    assert saved == []
    assert any("cancelled" in line for line in out)


def test_the_help_and_the_keys_line_show_the_group_keys():
    assert "t/x take/reject rule" in interactive.KEYS_LINE and "i identical" in interactive.KEYS_LINE
    assert all(len("  " + line) <= 80 for line in interactive.KEYS_LINE.splitlines())
    for key in ("t ", "x ", "i "):
        assert "\n  " + key in "\n" + interactive.HELP


def test_the_review_command_takes_all(monkeypatch, tmp_path):
    def correct_text(text, lexicons=(), translation=None):
        return TextCorrection(text, text, list(PROPOSALS))

    monkeypatch.setattr(ocr_fix.api, "correct_text", correct_text)
    doc = tmp_path / "doc.txt"
    doc.write_bytes(TEXT.encode("utf-8"))
    review_path = tmp_path / "doc.review.tsv"
    result = runner.invoke(app, ["review", str(doc), str(review_path)], input="rr")
    assert result.exit_code == 0, result.output
    assert "[1/2]" in result.stdout and "[2/2]" in result.stdout and "[3/" not in result.stdout
    again = runner.invoke(app, ["review", str(doc), str(review_path), "--all", "--restart"], input="q")
    assert again.exit_code == 0, again.output
    assert "[1/4]" in again.stdout


# --- 2. the edit prompt and the Russian layout --------------------------------------------------------


def test_edit_offers_the_proposal_as_a_default_that_enter_takes():
    prompts = []

    def prompt(label, default):
        prompts.append((label, default))
        return ""

    term = fake_terminal(["e", "q"])
    term = interactive.Terminal(term.getchar, term.echo, prompt, term.style)
    saved = []
    interactive.run(TEXT, rf.from_proposals("doc.txt", "", "utf-8", TEXT, PROPOSALS), saved.append, term)
    assert prompts == [("  replacement", "МАО ЦЗЭ-ДУН")]
    assert (saved[0].row(1).decision, saved[0].row(1).edit) == ("accept", "")


def test_the_typed_text_replaces_the_proposal_rather_than_joining_it(monkeypatch):
    import builtins

    asked = []
    hooks = []
    monkeypatch.setattr(builtins, "input", lambda text="": asked.append(text) or "Филиппову")
    try:
        import readline

        monkeypatch.setattr(readline, "set_startup_hook", lambda hook=None: hooks.append(hook))
    except ImportError:  # pragma: no cover
        pass
    typed = interactive.typer_terminal().prompt("  replacement", "ФИЛИППОВУ")
    assert typed == "Филиппову"
    assert all(hook is None for hook in hooks)  # nothing is typed into the field before the user
    # the whole prompt goes to input(), so that readline redraws it after Ctrl-U or Ctrl-L
    assert asked == ["  replacement [ФИЛИППОВУ; Enter keeps it, Ctrl-D cancels]: "]


def test_the_edit_prompt_at_the_end_of_input_cancels(monkeypatch):
    import builtins

    def eof(text=""):
        raise EOFError

    monkeypatch.setattr(builtins, "input", eof)
    assert interactive.typer_terminal().prompt("  replacement", "x") is None


def test_the_edit_through_the_command(monkeypatch, tmp_path):
    def correct_text(text, lexicons=(), translation=None):
        return TextCorrection(text, text, list(PROPOSALS))

    monkeypatch.setattr(ocr_fix.api, "correct_text", correct_text)
    doc = tmp_path / "doc.txt"
    doc.write_bytes(TEXT.encode("utf-8"))
    review_path = tmp_path / "doc.review.tsv"
    result = runner.invoke(app, ["review", str(doc), str(review_path)], input="e\nуФилиппову\n")
    assert result.exit_code == 0, result.output
    assert "replacement [МАО ЦЗЭ-ДУН; Enter keeps it, Ctrl-D cancels]: " in result.stdout
    saved = rf.load(review_path)
    assert (saved.row(1).decision, saved.row(1).edit) == ("accept", "")
    assert (saved.row(4).decision, saved.row(4).edit) == ("edit", "Филиппову")


def test_keys_work_in_the_russian_layout():
    text, review = many()
    saved = []
    out = []
    # ы skip, ф accept, к reject, г undo, у edit, ш к identical reject, е take the rest of the rule,
    # and , is the Russian layout's ? key
    keys = ["ы", "ф", "к", "г", "у", "Ш", "к", "ы", "е", ",", "й"]
    interactive.run(text, review, saved.append, fake_terminal(keys, ["МАО"], out=out), everything=True)
    assert not any(line.startswith("unknown key") for line in out)
    assert decisions_of(saved[1]) == ["", "accept", "accept", "", "", "", "accept", ""]
    assert decisions_of(saved[2]) == ["", "accept", "reject", "", "", "", "accept", ""]
    assert decisions_of(saved[3]) == ["", "accept", "accept", "", "", "", "accept", ""]
    assert (saved[4].row(3).decision, saved[4].row(3).edit) == ("edit", "МАО")
    assert decisions_of(saved[5]) == ["", "reject", "edit", "reject", "", "", "reject", ""]
    assert decisions_of(saved[7]) == ["", "reject", "edit", "reject", "", "accept", "reject", ""]
    assert interactive.HELP in out
    assert "quit: every decision is saved" in out


# --- 3. every key saved at once, without rewriting the file -------------------------------------------




def on_disk(tmp_path, review=None):
    path = tmp_path / "doc.review.tsv"
    rf.save(review or rf.from_proposals("doc.txt", "", "utf-8", TEXT, PROPOSALS), path)
    return path


def test_a_key_goes_to_the_journal_and_the_end_folds_it_in(tmp_path):
    path = on_disk(tmp_path)
    before = path.read_bytes()
    keeper = journal.Journal(path, rf.load(path))
    seen = []

    def save(review):
        keeper.save(review)
        seen.append((path.read_bytes(), journal.path_for(path).read_text(encoding="utf-8").count("\n")))

    interactive.run(TEXT, rf.load(path), save, fake_terminal(["r", "e", "q"], ["Копий"]))
    assert seen == [(before, 1), (before, 2)]  # the review file is not touched while keys come
    keeper.fold()
    assert not journal.path_for(path).exists()
    saved = rf.load(path)
    assert [(r.decision, r.edit) for r in saved.rows] == [("reject", ""), ("accept", ""), ("accept", ""),
                                                         ("edit", "Копий")]
    assert saved.next == 5


def test_a_journal_left_by_a_killed_run_is_replayed(corrector_files):
    doc, path = corrector_files
    keeper = journal.Journal(path, rf.load(path))
    interactive.run(TEXT, rf.load(path), keeper.save, fake_terminal(["r", "q"]))  # then killed: no fold
    assert rf.load(path).row(1).decision == ""
    applied = runner.invoke(app, ["apply", str(doc), str(path), "-o", str(doc.parent / "out.txt")])
    assert applied.exit_code == 0, applied.output
    assert f"1 decision(s) of an unfinished review taken from {journal.path_for(path)}" in applied.stderr
    assert "МАС ЦЗЭ-ДУИ" in (doc.parent / "out.txt").read_text(encoding="utf-8")  # row 1 rejected
    result = runner.invoke(app, ["review", str(doc), str(path)], input="q")
    assert result.exit_code == 0, result.output
    assert "[2/2]" in result.stdout and "[1/2]" not in result.stdout  # resumes after the journal's key
    assert not journal.path_for(path).exists()
    saved = rf.load(path)
    assert (saved.row(1).decision, saved.next) == ("reject", 4)


def test_a_torn_last_journal_line_is_ignored(tmp_path):
    path = on_disk(tmp_path)
    keeper = journal.Journal(path, rf.load(path))
    interactive.run(TEXT, rf.load(path), keeper.save, fake_terminal(["r", "r", "q"]))
    data = journal.path_for(path).read_bytes()
    assert data.count(b"\n") == 2
    journal.path_for(path).write_bytes(data[:-7])  # the second key was being written when the run died
    review, replayed = journal.replay(path, rf.load(path))
    assert replayed == 1
    assert [r.decision for r in review.rows] == ["reject", "accept", "accept", ""] and review.next == 4


def test_a_journal_that_does_not_match_the_review_file_is_refused(tmp_path):
    path = on_disk(tmp_path)
    journal.path_for(path).write_text('{"next": 2, "rows": [[1, "другое", "reject", ""]]}\n', encoding="utf-8")
    with pytest.raises(OcrFixError) as caught:
        journal.replay(path, rf.load(path))
    assert "row 1" in str(caught.value) and str(journal.path_for(path)) in str(caught.value)


def test_the_review_command_does_not_rewrite_the_file_per_key(corrector_files, monkeypatch):
    doc, path = corrector_files
    writes = []
    real = rf.save
    monkeypatch.setattr(rf, "save", lambda review, where: writes.append(where) or real(review, where))
    result = runner.invoke(app, ["review", str(doc), str(path), "--all"], input="rrrr")
    assert result.exit_code == 0, result.output
    assert writes == [path]  # once, when the review ended
    assert [r.decision for r in rf.load(path).rows] == ["reject"] * 4
    assert not journal.path_for(path).exists()


# --- in a real terminal ------------------------------------------------------------------------------


class Pty:
    """`ocr-fix review` run in a pseudo-terminal, read until what a user would wait for shows up."""

    def __init__(self, args, cwd):
        import os
        import pty
        import sys

        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            os.chdir(cwd)
            os.execv(sys.executable, [sys.executable, "-c", "from ocr_fix.cli import main; main()", *args])
        self.seen = b""

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        import os
        import select
        import time

        end = time.monotonic() + timeout
        while text.encode("utf-8") not in self.seen:
            shown = self.seen.decode("utf-8", "replace")
            assert time.monotonic() < end, f"{text!r} never came; the terminal showed {shown}"
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:  # the child has gone
                    break
        assert text.encode("utf-8") in self.seen

    def wait_for_a_key_read(self, timeout: float = 60.0) -> None:
        """Until the review waits for a key: the terminal in raw mode (switching to it drops whatever
        was typed before, as click's getchar does)."""
        import termios
        import time

        end = time.monotonic() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            assert time.monotonic() < end, "the review never asked for a key"
            time.sleep(0.02)

    def type(self, text: str) -> None:
        import os

        os.write(self.fd, text.encode("utf-8"))

    def end(self) -> int:
        import os

        try:
            while os.read(self.fd, 65536):
                pass
        except OSError:
            pass
        status = os.waitpid(self.pid, 0)[1]
        os.close(self.fd)
        return status


def test_in_a_terminal_ctrl_u_clears_the_edit_and_a_killed_run_loses_no_key(tmp_path):
    pytest.importorskip("pty")
    import os
    import signal

    doc = tmp_path / "doc.txt"
    doc.write_bytes(TEXT.encode("utf-8"))
    path = tmp_path / "doc.review.tsv"
    rf.save(rf.from_proposals("doc.txt", "", "utf-8", TEXT, PROPOSALS), path)
    term = Pty(["review", "doc.txt", "doc.review.tsv"], tmp_path)
    term.wait_for("[1/2]")
    term.wait_for("? help")
    term.wait_for_a_key_read()
    term.type("e")
    term.wait_for("Enter keeps it, Ctrl-D cancels]: ")
    term.type("abc\x15Филиппову\r")  # typed, cleared with Ctrl-U, typed again
    term.wait_for("[2/2]")
    term.wait_for("? help")
    term.wait_for_a_key_read()
    term.type("к")  # the Russian layout's r
    term.wait_for("→ reject")
    os.kill(term.pid, signal.SIGKILL)  # no chance to fold the journal in
    term.end()
    assert journal.path_for(path).exists()
    assert [r.decision for r in rf.load(path).rows] == ["", "accept", "accept", ""]
    review, replayed = journal.replay(path, rf.load(path))
    assert replayed == 2
    assert [(r.decision, r.edit) for r in review.rows] == [("edit", "Филиппову"), ("accept", ""), ("accept", ""),
                                                          ("reject", "")]


def test_propose_force_drops_the_journal_of_the_file_it_replaces(corrector_files):
    doc, path = corrector_files
    keeper = journal.Journal(path, rf.load(path))
    review = rf.load(path)
    keeper.save(review.with_row(replace(review.rows[0], decision="reject")))  # then the run was killed
    assert journal.path_for(path).exists()
    result = runner.invoke(app, ["propose", str(doc), "-o", str(path), "--force"])
    assert result.exit_code == 0, result.output
    assert not journal.path_for(path).exists()  # its decisions went with the file --force replaced
    assert rf.load(path).row(1).decision == ""


def test_k_keeps_the_word_in_the_users_own_list_and_rejects_the_row(tmp_path, monkeypatch):
    from ocr_fix.lexicon.location import user_lexicons

    monkeypatch.setenv("OCR_FIX_USER_LEXICONS", str(tmp_path / "mine"))
    text, review = many()
    out = []
    session = interactive.run(text, review, lambda r: None, fake_terminal(["л", "k", "q"], out=out))
    kept = tmp_path / "mine" / "my-words.txt"
    assert session.review.row(1).decision == "reject" and session.review.row(2).decision == "reject"
    assert [line for line in kept.read_text(encoding="utf-8").splitlines() if not line.startswith("#")] == [
        "МАС", "войскак"]
    assert user_lexicons() == (str(kept),)
    assert any("added to" in line for line in out)
    interactive.run(text, review, lambda r: None, fake_terminal(["k", "q"]))  # kept once, not twice
    assert kept.read_text(encoding="utf-8").count("МАС\n") == 1
    monkeypatch.setenv("OCR_FIX_USER_LEXICONS", "")
    out = []
    session = interactive.run(text, review, lambda r: None, fake_terminal(["k", "q"], out=out))
    assert any("cannot keep it" in line for line in out) and session.review.row(1).decision == ""
