"""`propose`, `apply`, `diff` and `fix` from the command line.

The properties run the real corrector on a small text: rejecting everything gives back the input byte
for byte, accepting the review file as proposed gives exactly `fix`'s output, `fix` on its own output
changes nothing more, and line endings, BOM and encoding come through. The file-handling tests use a
stand-in corrector, since they are about files, not corrections.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import replace

import pytest
from typer.testing import CliRunner

import ocr_fix.api
import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.api import TextCorrection
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from ocr_fix.proposal import Proposal
from ocr_fix.review import reviewfile as rf

runner = CliRunner()

# Real OCR errors from the seed document: automatic fixes (войскак, Скопие, letter-spaced ФИЛИППОВУ),
# a name proposed for review (МАС ЦЗЭ-ДУИ) and garbled names only flagged (ЧУ ЦО, МАС ЦИ).
REAL = ("Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войскак нет.\n"
        "Скопие копий воспрещается.\n\n"
        "Товарищу Ф И Л И П П О В У\n"
        "обиспываться телеграфными агенствами  \n"
        "ЧУ ЦО, МАС ЦИ и другие.\n")


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def ok(result):
    assert result.exit_code == 0, (result.output, result.exception)
    return result


# --- properties, with the real corrector -----------------------------------------------------------

ENCODINGS = {"utf-8": b"", "utf-8-sig": b"\xef\xbb\xbf", "cp1251": b""}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_review_and_fix_properties(tmp_path, encoding):
    raw = ENCODINGS[encoding] + REAL.replace("\n", "\r\n").encode("cp1251" if encoding == "cp1251" else "utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_bytes(raw)
    review_path = tmp_path / "doc.review.tsv"
    ok(run("propose", doc, "-o", review_path))
    proposed = rf.load(review_path)
    assert {r.bin for r in proposed.rows} == {"auto", "review", "flag"}
    fixed = tmp_path / "fixed.txt"
    ok(run("fix", doc, "-o", fixed))
    assert doc.read_bytes() == raw  # fix never changes its input
    # accepting the review file as proposed gives exactly what fix gives
    applied = tmp_path / "applied.txt"
    ok(run("apply", doc, review_path, "-o", applied))
    assert applied.read_bytes() == fixed.read_bytes() != raw
    # fix on its own output changes nothing more
    twice = tmp_path / "twice.txt"
    ok(run("fix", fixed, "-o", twice))
    assert twice.read_bytes() == fixed.read_bytes()
    # encoding, BOM, CRLF and trailing spaces come through
    out = fixed.read_bytes()
    assert out.startswith(ENCODINGS[encoding]) and out.count(b"\r\n") == raw.count(b"\r\n")
    assert re.search(rb"(?<!\r)\n", out) is None and "агентствами  \r\n".encode("utf-8" if encoding != "cp1251"
                                                                              else "cp1251") in out
    # rejecting everything gives back the input byte for byte
    rejected = replace(proposed, rows=tuple(replace(r, decision="reject", edit="") for r in proposed.rows))
    rf.save(rejected, review_path)
    back = tmp_path / "back.txt"
    result = ok(run("apply", doc, review_path, "-o", back))
    assert back.read_bytes() == raw
    assert "0 change(s) applied" in result.stderr


def test_the_review_file_names_the_text_and_its_hash(tmp_path):
    import hashlib

    doc = tmp_path / "doc.txt"
    doc.write_text(REAL, encoding="utf-8")
    out = ok(run("propose", doc, "-f", "json")).stdout
    data = json.loads(out)
    assert data["file"] == str(doc) and data["sha256"] == hashlib.sha256(doc.read_bytes()).hexdigest()
    auto = [r for r in data["rows"] if r["bin"] == "auto"]
    assert auto and all(r["decision"] == "accept" for r in auto)
    assert all(r["decision"] == "" for r in data["rows"] if r["bin"] != "auto")
    assert [r["id"] for r in data["rows"]] == list(range(1, len(data["rows"]) + 1))
    assert all(REAL[r["start"]:r["end"]] == r["original"] for r in data["rows"])


# --- file handling, with a stand-in corrector -----------------------------------------------------

TEXT = "японских войскак нет\r\nСкопие копий\r\n"


def fake_correct(text, lexicons=(), translation=None, jobs=1):
    proposals = []
    for word, new, bin_ in (("войскак", "войск", "auto"), ("Скопие", "Снятие", "review")):
        for m in re.finditer(word, text):
            proposals.append(Proposal(m.start(), m.end(), word, new, 0.9, "unknown-word", "test", bin_, ("x",)))
    proposals.sort(key=lambda p: p.start)
    return TextCorrection(text, text.replace("войскак", "войск"), proposals)


@pytest.fixture
def doc(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_fix.api, "correct_text", fake_correct)
    path = tmp_path / "doc.txt"
    path.write_bytes(TEXT.encode("cp1251"))
    return path


FIXED = "японских войск нет\r\nСкопие копий\r\n".encode("cp1251")


def test_fix_writes_to_standard_output_in_the_input_encoding(doc):
    result = ok(run("fix", doc))
    assert result.stdout_bytes == FIXED
    assert f"ocr-fix: {doc}: read as cp1251 (detected; give --encoding if that is wrong)" in result.stderr
    assert "1 correction(s) applied, 1 proposal(s) left for review, 0 flag(s)" in result.stderr
    assert ok(run("fix", doc, "-o", "-")).stdout_bytes == FIXED
    assert ok(run("fix", doc, "--output-encoding", "utf-8")).stdout_bytes == FIXED.decode("cp1251").encode("utf-8")
    assert doc.read_bytes() == TEXT.encode("cp1251")


def test_existing_outputs_and_the_input_are_not_overwritten(doc, tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    refused = run("fix", doc, "-o", out)
    assert isinstance(refused.exception, OcrFixError)
    assert str(refused.exception) == f"{out}: already exists; use --force to overwrite it"
    assert out.read_text(encoding="utf-8") == "keep me"
    ok(run("fix", doc, "-o", out, "--force"))
    assert out.read_bytes() == FIXED
    same = run("fix", doc, "-o", doc, "--force")
    assert str(same.exception) == f"{doc}: is the input file; use --in-place to change it"
    assert doc.read_bytes() == TEXT.encode("cp1251")


def test_in_place_writes_atomically_and_keeps_the_original(doc):
    doc.chmod(0o640)
    result = ok(run("fix", doc, "--in-place"))
    assert f"wrote {doc}; the text it replaced is kept as {doc}.orig" in result.stderr
    assert doc.read_bytes() == FIXED and (doc.parent / "doc.txt.orig").read_bytes() == TEXT.encode("cp1251")
    assert stat.S_IMODE(doc.stat().st_mode) == 0o640
    again = ok(run("fix", doc, "--in-place"))
    assert f"no changes; {doc} left as it is" in again.stderr
    assert (doc.parent / "doc.txt.orig").read_bytes() == TEXT.encode("cp1251")
    assert sorted(p.name for p in doc.parent.iterdir()) == ["doc.txt", "doc.txt.orig"]


def test_a_new_output_file_gets_the_usual_permissions(doc, tmp_path):
    old = os.umask(0o022)
    try:
        ok(run("fix", doc, "-o", tmp_path / "new.txt"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_fix_diff_prints_the_changes_instead_of_the_text(doc, tmp_path):
    result = ok(run("fix", doc, "--diff", "--color", "never"))
    assert result.stdout.replace("\r", "") == (f"--- {doc}\n+++ {doc}\t(fixed)\n@@ -1,2 +1,2 @@\n"
                                               "-японских войскак нет\n+японских войск нет\n Скопие копий\n")
    colored = ok(run("fix", doc, "--diff", "--color", "always", "-o", tmp_path / "o.txt"))
    assert "\x1b[" in colored.stdout and (tmp_path / "o.txt").read_bytes() == FIXED
    bad = run("fix", doc, "--diff", "--color", "sometimes")
    assert bad.exit_code == 2 and "unknown --color 'sometimes'" in bad.stderr


def test_propose_apply_and_diff_with_a_review_file(doc, tmp_path):
    review = tmp_path / "r.tsv"
    result = ok(run("propose", doc, "-o", review))
    assert f"wrote {review}: 2 proposal(s): 1 automatic (pre-accepted), 1 for review, 0 flag(s)" in result.stderr
    again = run("propose", doc, "-o", review)
    assert str(again.exception) == f"{review}: already exists (and may hold decisions); use --force to overwrite it"
    ok(run("propose", doc, "-o", review, "--force"))
    current = rf.load(review)
    rf.save(current.with_row(replace(current.row(2), decision="alt1")), review)
    diff = ok(run("diff", doc, review, "--color", "never")).stdout.replace("\r", "")
    assert diff.splitlines()[2:] == ["@@ -1,2 +1,2 @@", "-японских войскак нет", "-Скопие копий",
                                     "+японских войск нет", "+x копий"]
    out = tmp_path / "out.txt"
    applied = ok(run("apply", doc, review, "-o", out))
    assert "2 change(s) applied (1 accept, 1 alt1); wrote" in applied.stderr
    assert out.read_bytes() == "японских войск нет\r\nx копий\r\n".encode("cp1251")
    # diff against a corrected text file
    text_diff = ok(run("diff", doc, out, "--color", "never")).stdout
    assert text_diff.replace("\r", "").splitlines()[3:] == diff.splitlines()[3:]
    same = run("diff", doc, doc)
    assert same.exit_code == 0 and same.stdout == "" and "no differences" in same.stderr


def test_apply_refuses_a_stale_review_and_writes_nothing(doc, tmp_path):
    review = tmp_path / "r.json"
    ok(run("propose", doc, "-o", review))
    doc.write_bytes("японских войска нет\r\nСкопие копий\r\n".encode("cp1251"))
    out = tmp_path / "out.txt"
    result = run("apply", doc, review, "-o", out)
    assert isinstance(result.exception, OcrFixError)
    assert str(result.exception) == (f"{review}: 1 accepted row(s) no longer match the text (the text changed "
                                     "since the review was made, or these cells were edited; put them back, or "
                                     "reject these rows, and apply again): row 1 (text line 1) expects 'войскак' "
                                     "but finds 'войска '")
    assert not out.exists()


def test_apply_refuses_overlapping_rows(doc, tmp_path):
    review = tmp_path / "r.tsv"
    ok(run("propose", doc, "-o", review))
    current = rf.load(review)
    wide = replace(current.row(2), start=9, end=26, original=TEXT[9:26], decision="edit", edit="войск нет\r\nСнятие")
    rf.save(current.with_row(wide), review)
    result = run("apply", doc, review)
    assert str(result.exception).startswith(f"{review}: accepted rows overlap, so only one of each pair can be "
                                            "applied; reject one of: rows 1 and 2")


def test_bad_input_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_fix.api, "correct_text", fake_correct)
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run("fix", scan)
    assert str(result.exception) == f"{scan}: looks like a binary file, not text (save it as plain text first)"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert ok(run("fix", empty)).stdout_bytes == b""
    bad_ext = run("propose", empty, "-o", tmp_path / "r.csv")
    assert str(bad_ext.exception) == f"{tmp_path / 'r.csv'}: unknown review file type '.csv'; name it .tsv or .json"


def test_lexicons_and_translation_reach_the_corrector(tmp_path, monkeypatch):
    seen = []

    def correct_text(text, lexicons=(), translation=None, jobs=1):
        seen.append((lexicons, translation))
        return TextCorrection(text, text, [])

    monkeypatch.setattr(ocr_fix.api, "correct_text", correct_text)
    doc = tmp_path / "doc.txt"
    doc.write_text("текст\n", encoding="utf-8")
    english = tmp_path / "en.txt"
    english.write_text("Mao Zedong asked me", encoding="utf-8")
    options = ["--lexicon", "a.tsv", "-l", "b.txt", "--translation", english]
    ok(run("fix", doc, *options))
    ok(run("propose", doc, *options))
    ok(run("fix", doc, "--out-dir", tmp_path / "out", *options))
    assert seen == [(("a.tsv", "b.txt"), "Mao Zedong asked me")] * 3


def test_apply_does_not_overwrite_an_existing_output_or_its_input(doc, tmp_path):
    review = tmp_path / "r.tsv"
    ok(run("propose", doc, "-o", review))
    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    refused = run("apply", doc, review, "-o", out)
    assert str(refused.exception) == f"{out}: already exists; use --force to overwrite it"
    assert out.read_text(encoding="utf-8") == "keep me"
    same = run("apply", doc, review, "-o", doc, "--force")
    assert str(same.exception) == f"{doc}: is the input file; use --in-place to change it"
    ok(run("apply", doc, review, "--in-place"))
    assert doc.read_bytes() == FIXED and (tmp_path / "doc.txt.orig").read_bytes() == TEXT.encode("cp1251")


# --- review over folders -------------------------------------------------------------------------


def test_propose_and_apply_over_a_folder(doc, tmp_path):
    scans = tmp_path / "scans"
    (scans / "box 1").mkdir(parents=True)
    (scans / "a.txt").write_bytes(TEXT.encode("cp1251"))
    (scans / "box 1" / "b.txt").write_bytes(TEXT.encode("cp1251"))
    (scans / "box 1" / "c.txt").write_bytes("Скопие копий\r\n".encode("cp1251"))
    reviews = tmp_path / "reviews"
    made = ok(run("propose", scans, "--out-dir", reviews))
    assert sorted(str(p.relative_to(reviews)) for p in reviews.rglob("*.review.tsv")) == [
        "a.txt.review.tsv", "box 1/b.txt.review.tsv", "box 1/c.txt.review.tsv"]
    assert "3 file(s): 3 made" in made.stdout
    # a decision made in one review is kept when propose runs again (resumed, not redone)
    decided = reviews / "a.txt.review.tsv"
    current = rf.load(decided)
    rf.save(replace(current, rows=tuple(replace(r, decision="accept") for r in current.rows)), decided)
    again = ok(run("propose", scans, "--out-dir", reviews))
    assert "3 kept" in again.stdout and rf.load(decided).rows[1].decision == "accept"
    (reviews / "box 1" / "c.txt.review.tsv").unlink()
    out = tmp_path / "out"
    applied = ok(run("apply", scans, reviews, "--out-dir", out))
    assert (out / "a.txt").read_bytes() == "японских войск нет\r\nСнятие копий\r\n".encode("cp1251")
    assert (out / "box 1" / "b.txt").read_bytes() == FIXED
    assert not (out / "box 1" / "c.txt").exists() and "no review" in applied.stdout
    assert scans.joinpath("a.txt").read_bytes() == TEXT.encode("cp1251")  # inputs untouched
    refused = run("apply", scans, reviews, "--out-dir", out)  # outputs there: each refused, the batch goes on
    assert refused.exit_code == 1 and "already exists; use --force" in refused.stdout
    assert run("propose", scans, "-o", tmp_path / "x.tsv").exit_code == 2


def test_review_over_a_folder_resumes_where_the_user_stopped(doc, tmp_path):
    scans = tmp_path / "scans"
    scans.mkdir()
    for name in ("a.txt", "b.txt"):
        (scans / name).write_bytes(TEXT.encode("cp1251"))
    reviews = tmp_path / "reviews"
    ok(run("propose", scans, "--out-dir", reviews))
    first = ok(run("review", scans, reviews, input="r"))  # a.txt's one row needing a decision; then Ctrl-D
    assert f"== {scans / 'a.txt'} (1 of 2) ==" in first.stdout and f"stopped at {scans / 'b.txt'}" in first.stdout
    assert [r.decision for r in rf.load(reviews / "a.txt.review.tsv").rows] == ["accept", "reject"]
    second = ok(run("review", scans, reviews, input="a"))
    assert "(1 of 2)" not in second.stdout and f"== {scans / 'b.txt'} (2 of 2) ==" in second.stdout
    assert "every text of" in second.stdout
    assert [r.decision for r in rf.load(reviews / "b.txt.review.tsv").rows] == ["accept", "accept"]
