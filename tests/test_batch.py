"""`fix` over folders: outputs mirror the inputs in their own encodings, a bad file does not stop the
batch, a second run skips what is done, and Ctrl-C never leaves a half-written file."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

import ocr_fix.api
import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix import batch, pool
from ocr_fix.api import TextCorrection
from ocr_fix.batch import Job, Settings
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from ocr_fix.options import PassOptions
from ocr_fix.proposal import Proposal

runner = CliRunner()
GOOD = "японских войскак нет\r\n"


def fake_correct(text, lexicons=(), translation=None, jobs=1):
    """Fixes every `войскак`; a text saying BOOM makes it fail the way a bug would."""
    if "BOOM" in text:
        raise RuntimeError("the corrector broke")
    proposals = [Proposal(m.start(), m.end(), "войскак", "войск", 0.9, "unknown-word", "test", "auto")
                 for m in re.finditer("войскак", text)]
    proposals += [Proposal(m.start(), m.end(), "нет", "", 0.0, "real-word", "test", "flag")
                  for m in re.finditer("нет", text)]
    return TextCorrection(text, text.replace("войскак", "войск"), sorted(proposals, key=lambda p: p.start))


@pytest.fixture(autouse=True)
def corrector(monkeypatch):
    monkeypatch.setattr(ocr_fix.api, "correct_text", fake_correct)


@pytest.fixture
def tree(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / ".hidden").mkdir()
    (src / "a.txt").write_bytes(GOOD.encode("utf-8"))
    (src / "sub" / "b.txt").write_bytes(GOOD.encode("cp1251"))
    (src / "c.txt").write_bytes(b"\xef\xbb\xbf" + "чистый текст\n".encode("utf-8"))
    (src / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (src / ".hidden" / "x.txt").write_text("skip me", encoding="utf-8")
    (src / "notes.md").write_text("not a .txt", encoding="utf-8")
    return src


def test_plan_mirrors_the_tree_and_skips_hidden_files(tree, tmp_path):
    out = tmp_path / "out"
    jobs = batch.plan([tree], out, in_place=False)
    assert [(j.source.relative_to(tree).as_posix(), j.target.relative_to(out).as_posix()) for j in jobs] == [
        ("a.txt", "a.txt"), ("c.txt", "c.txt"), ("scan.txt", "scan.txt"), ("sub/b.txt", "sub/b.txt")]


def test_plan_refuses_to_overwrite_inputs_or_merge_outputs(tree, tmp_path):
    with pytest.raises(OcrFixError) as same:
        batch.plan([tree / "a.txt"], tree, in_place=False)
    assert str(same.value) == (f"{tree / 'a.txt'}: the output would overwrite the input {tree / 'a.txt'}; choose "
                               "another --out-dir (or --in-place to change the files themselves)")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OcrFixError) as merged:
        batch.plan([tree / "a.txt", tmp_path / "other" / "a.txt"], tmp_path / "out", in_place=False)
    assert "two inputs would be written to one output" in str(merged.value)
    # an output folder inside the input folder is not read back as input
    inner = tree / "fixed"
    inner.mkdir()
    (inner / "a.txt").write_text("old output", encoding="utf-8")
    assert all(inner not in j.source.parents for j in batch.plan([tree], inner, in_place=False))


def test_outputs_keep_the_input_encoding_and_a_bad_file_does_not_stop_the_batch(tree, tmp_path):
    out = tmp_path / "out"
    heard = []
    outcomes = batch.run(batch.plan([tree], out, False), Settings(), 1, heard.append)
    assert [(o.source.split("/in/")[1], o.status, o.applied, o.flags, o.encoding) for o in outcomes] == [
        ("a.txt", "fixed", 1, 1, "utf-8"), ("c.txt", "unchanged", 0, 0, "utf-8 with BOM"),
        ("scan.txt", "failed", 0, 0, ""), ("sub/b.txt", "fixed", 1, 1, "cp1251 (detected)")]
    assert outcomes[2].message == "looks like a binary file, not text (save it as plain text first)"
    assert len(heard) == 4
    assert (out / "a.txt").read_bytes() == "японских войск нет\r\n".encode("utf-8")
    assert (out / "sub" / "b.txt").read_bytes() == "японских войск нет\r\n".encode("cp1251")
    assert (out / "c.txt").read_bytes() == (tree / "c.txt").read_bytes()
    assert not (out / "scan.txt").exists()
    assert (tree / "a.txt").read_bytes() == GOOD.encode("utf-8")  # the input is never touched


def test_a_second_run_skips_what_is_done_unless_forced(tree, tmp_path):
    out = tmp_path / "out"
    jobs = batch.plan([tree / "a.txt", tree / "sub"], out, False)
    batch.run(jobs, Settings())
    (out / "a.txt").write_text("edited by hand", encoding="utf-8")
    again = batch.run(jobs, Settings())
    assert [o.status for o in again] == ["skipped", "skipped"]
    assert (out / "a.txt").read_text(encoding="utf-8") == "edited by hand"
    forced = batch.run(jobs, Settings(force=True))
    assert [o.status for o in forced] == ["fixed", "fixed"]
    assert (out / "a.txt").read_bytes() == "японских войск нет\r\n".encode("utf-8")


def test_in_place_keeps_a_backup_and_counts_as_done(tree):
    jobs = batch.plan([tree / "a.txt", tree / "c.txt"], None, in_place=True)
    outcomes = batch.run(jobs, Settings(in_place=True))
    assert [o.status for o in outcomes] == ["fixed", "unchanged"]
    assert (tree / "a.txt").read_bytes() == "японских войск нет\r\n".encode("utf-8")
    assert (tree / "a.txt.orig").read_bytes() == GOOD.encode("utf-8")
    assert not (tree / "c.txt.orig").exists()  # nothing changed, nothing written
    assert [o.status for o in batch.run(jobs, Settings(in_place=True))] == ["skipped", "unchanged"]


def test_worker_processes_give_the_same_result(tree, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    first = batch.run(batch.plan([tree], one, False), Settings(), 1)
    second = batch.run(batch.plan([tree], two, False), Settings(), 2)
    assert [(o.status, o.applied, o.encoding, o.message) for o in first] == \
        [(o.status, o.applied, o.encoding, o.message) for o in second]
    for path in one.rglob("*.txt"):
        assert (two / path.relative_to(one)).read_bytes() == path.read_bytes()


def test_a_failing_corrector_is_reported_not_raised(tree, tmp_path):
    (tree / "a.txt").write_text("BOOM войскак", encoding="utf-8")
    outcome = batch.run([Job(tree / "a.txt", tmp_path / "a.txt")], Settings())[0]
    assert (outcome.status, outcome.message) == ("failed", "internal error: RuntimeError: the corrector broke")


def test_ctrl_c_stops_between_whole_files(tree, tmp_path, monkeypatch):
    out = tmp_path / "out"
    jobs = batch.plan([tree / "a.txt", tree / "sub"], out, False)
    real = batch.correct_file
    calls = []

    def interrupted(job, settings):
        calls.append(job)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(job, settings)

    monkeypatch.setattr(batch, "correct_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.run(jobs, Settings())
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["a.txt"]
    assert (out / "a.txt").read_bytes() == "японских войск нет\r\n".encode("utf-8")
    monkeypatch.setattr(batch, "correct_file", real)
    assert [o.status for o in batch.run(jobs, Settings())] == ["skipped", "fixed"]


# --- through the command line -----------------------------------------------------------------------


def test_cli_batch_reports_every_file_and_fails_when_one_did(tree, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["fix", str(tree), "--out-dir", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert f"ocr-fix: {tree / 'scan.txt'}: looks like a binary file" in result.stderr
    assert f"ocr-fix: {tree / 'sub' / 'b.txt'}: read as cp1251 (detected)" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["file", "output", "status", "fixed", "to", "review", "flags", "encoding", "note"]
    assert len(lines) == 2 + 4 + 1
    assert lines[-1] == "4 file(s): 2 fixed, 1 unchanged, 0 skipped, 1 failed; 2 correction(s) applied, " \
                        "0 proposal(s) left for review"
    again = runner.invoke(app, ["fix", str(tree), "--out-dir", str(out)])
    assert again.stdout.splitlines()[-1].startswith("4 file(s): 0 fixed, 0 unchanged, 3 skipped, 1 failed")


@pytest.mark.parametrize("args,words", [  # the options the message must name, and what to do
    (["-o", "x.txt"], ("-o", "--out-dir", "--in-place")),
    ([], ("several files", "--out-dir", "--in-place")),
    (["--out-dir", "o", "--in-place"], ("--out-dir", "--in-place", "not both")),
    (["--out-dir", "o", "--diff"], ("--diff", "one file")),
])
def test_cli_batch_usage_errors(tree, args, words):
    result = runner.invoke(app, ["fix", str(tree)] + args)
    [line] = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and line.startswith("ocr-fix: ") and all(word in line for word in words), line


def test_an_output_the_encoding_cannot_hold_fails_that_file_only(tree, tmp_path):
    (tree / "a.txt").write_text("войскак\n№ 94 войскак\n", encoding="utf-8")
    jobs = batch.plan([tree / "a.txt", tree / "c.txt"], tmp_path / "out", False)
    outcomes = batch.run(jobs, Settings(PassOptions(output_encoding="koi8-r")))
    assert [(o.status, o.message) for o in outcomes] == [
        ("failed", "line 2: the result cannot be written in koi8-r: '№' has no code there (write it as UTF-8 instead)"),
        ("unchanged", "")]
    assert not (tmp_path / "out" / "a.txt").exists()
    assert (tmp_path / "out" / "c.txt").read_bytes() == "чистый текст\n".encode("koi8-r")


def test_workers_default_to_one_per_core_up_to_a_few(monkeypatch):
    monkeypatch.setattr(pool, "_usable_cores", lambda: 16)
    assert pool.worker_count(None) == pool.DEFAULT_WORKERS < 16
    assert pool.worker_count(0) == 16 and pool.worker_count(3) == 3
    assert pool.worker_count(64) == 16  # more workers than cores only wait, holding memory
    monkeypatch.setattr(pool, "_usable_cores", lambda: 1)
    assert pool.worker_count(None) == 1
