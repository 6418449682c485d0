"""Hostile review files for `apply`.

Whatever a review file holds (any shape, types, nesting, numbers of any size, wrong encodings, BOMs,
comment lines, missing, extra or repeated columns and keys), `apply` either applies exactly the rows
decided in it or stops with the tool's own one-line error naming the review file: never a traceback,
never another exception, never a number read from a JSON text, never a word deleted by an empty cell.

The files are a valid review file with random damage, so that most of them get past the first check
and reach the rows; the JSON ones are also checked against a plain reading with the standard library.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from ocr_fix.review import reviewfile as rf
from ocr_fix.review.decisions import chosen, effective
from tests.review_sample import PROPOSALS, TEXT

runner = CliRunner()
# OCR_FIX_FUZZ_EXAMPLES=5000 for a longer hunt; --hypothesis-show-statistics tells what the examples met
FUZZ = settings(max_examples=int(os.environ.get("OCR_FIX_FUZZ_EXAMPLES", 250)), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def base_review() -> rf.ReviewFile:
    """A valid review file with every kind of decision in it: alt1, accept, edit and undecided."""
    review = rf.from_proposals("doc.txt", "", "utf-8", TEXT, PROPOSALS)
    rows = list(review.rows)
    rows[0] = replace(rows[0], decision="alt1")
    rows[2] = replace(rows[2], decision="edit", edit="Снятие")
    return replace(review, rows=tuple(rows))


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "doc.txt").write_bytes(TEXT.encode("utf-8"))
    return folder


# --- values a hand, a spreadsheet or a script might put in a review file ----------------------------

HUGE = "\x00huge:"  # stands for a number of that many digits, which Python itself cannot write out
DEEP = "\x00deep:"  # stands for that many [ nested inside one another

WORDS = ["accept", "Accept ", "reject", "edit", "EDIT", "delete", "alt1", "alt2", "alt3", "alt0", "", " ", "auto",
         "review", "flag", "войск", "Снятие", "копий", "=1+1", "'", "\\", "\\q", "\\ud800", "\ud800", "\ufeff",
         "\u0665\u0663", "53", "-1", "0", "1e999", "NaN", "nan", "0,5", "\t", "\n", '"', "\r\n", "#", "# next: 9"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-2, 100), st.floats(),
    st.text(max_size=6), st.sampled_from(WORDS), st.from_regex(r"\A-?[0-9]{1,4}\Z"),
    st.integers(13, 6000).map(lambda n: f"{HUGE}{n}"),
    st.sampled_from([3, 20, 900, 100_000]).map(lambda n: f"{DEEP}{n}"),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.sampled_from(["a", "id", ""]), inner,
                                                                       max_size=3)), max_leaves=6)
KEYS = list(rf.COLUMNS) + ["notes", "", "Start", "decision "]
META = ["file", "sha256", "encoding", "next", "version", "format", "rows", "decision_values"]


def expand(data: str) -> str:
    """Put the huge numbers and deep nestings in place of their markers (json.dumps wrote them as text)."""
    data = re.sub(r'"\\u0000huge:(\d+)"', lambda m: "7" * int(m.group(1)), data)
    return re.sub(r'"\\u0000deep:(\d+)"', lambda m: "[" * int(m.group(1)) + "]" * int(m.group(1)), data)


def as_bytes(draw, data: str) -> bytes:
    boms = draw(st.sampled_from([0] * 6 + [1, 1, 2]))
    encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-16", "cp1251", "latin-1"]))
    raw = ("\ufeff" * boms + data).encode(encoding, "replace" if encoding != "utf-8" else "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.binary(max_size=4)) + raw[cut:]
    return raw


@st.composite
def json_files(draw) -> bytes:
    doc = json.loads(rf.render_json(base_review()))
    if draw(st.integers(0, 19)) == 0:
        doc = draw(values)  # not even an object
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["set", "set", "set", "drop", "meta", "row"]))
        rows = doc.get("rows") if isinstance(doc, dict) else None
        if kind == "meta" and isinstance(doc, dict):
            doc[draw(st.sampled_from(META))] = draw(values)
        elif isinstance(rows, list) and rows:
            index = draw(st.integers(0, len(rows) - 1))
            if kind == "row":
                rows[index] = draw(values)
            elif isinstance(rows[index], dict) and kind == "drop":
                rows[index].pop(draw(st.sampled_from(KEYS)), None)
            elif isinstance(rows[index], dict):
                rows[index][draw(st.sampled_from(KEYS))] = draw(values)
    data = expand(json.dumps(doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1]))))
    if draw(st.integers(0, 5)) == 0:  # a key written twice in one object
        data = re.sub(r'\{"id"', lambda m: '{"' + draw(st.sampled_from(KEYS)) + '": 0, "id"', data, count=1)
    return as_bytes(draw, data)


IMPORTANT = ["id", "start", "end", "decision", "edit", "replacement", "alternatives", "original", "score"]
CELLS = WORDS + ["9" * 5000, "12", "0" * 40 + "1", "'=SUM(A1)", "a | b", "\\e", '"x"', '"unclosed', "x\ty"]


@st.composite
def tsv_files(draw) -> bytes:
    lines = [line.split("\t") for line in rf.render_tsv(base_review()).split("\n")[:-1]]
    header = 6  # the comment lines come first
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "drop column", "add column", "comment", "blank",
                                     "drop line", "header cell"]))
        if kind == "cell" and len(lines) > header + 1:
            cells = lines[draw(st.integers(header + 1, len(lines) - 1))]
            # mostly the cells that decide what is applied, and where
            column = draw(st.one_of(st.sampled_from(IMPORTANT).map(rf.COLUMNS.index), st.integers(0, 20)))
            if column < len(cells):
                cells[column] = draw(st.one_of(st.sampled_from(CELLS), st.text(max_size=8)))
        elif kind == "drop column":
            column = draw(st.integers(0, len(rf.COLUMNS) - 1))
            for cells in lines[header:]:
                if column < len(cells) and (cells is lines[header] or draw(st.booleans())):
                    del cells[column]
        elif kind == "add column":
            for cells in lines[header:]:
                cells.append(draw(st.sampled_from(["notes", "id", "", "x"])))
        elif kind == "header cell" and len(lines) > header and lines[header]:
            cells = lines[header]
            cells[draw(st.integers(0, len(cells) - 1))] = draw(st.sampled_from(KEYS + ["ID", "#id"]))
        elif kind in ("comment", "blank"):
            line = draw(st.sampled_from(["# a note", "# next: x", "#", "# file: \\q"])) if kind == "comment" else ""
            lines.insert(draw(st.integers(0, len(lines))), [line])
        elif kind == "drop line" and lines:
            del lines[draw(st.integers(0, len(lines) - 1))]
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return as_bytes(draw, "".join("\t".join(cells) + end for cells in lines))


# --- what must hold --------------------------------------------------------------------------------


def refused_in_one_line(result, review: Path) -> str:
    exc = result.exception
    assert type(exc) is OcrFixError, (type(exc).__name__, str(exc)[:300])
    message = str(exc)
    assert message.startswith(f"{review}:"), message[:300]
    assert "\n" not in message and "\r" not in message and len(message) < 1500, message[:300]
    assert "set_int_max_str_digits" not in message
    reason = message[len(str(review)) + 1:].lstrip("0123456789: ")
    event("refused: " + re.sub(r"[0-9]+|'.*", "N", " ".join(reason.split()[:4])))
    return message


def spliced(changes: list[tuple[int, int, str]]) -> str:
    out, position = [], 0
    for start, end, new in sorted(changes):
        out.append(TEXT[position:start] + new)
        position = end
    return "".join(out) + TEXT[position:]


def no_repeated_keys(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), f"a repeated key was accepted: {keys}"
    return dict(pairs)


# The short forms a reviewer may type (issue 18: the review keys in both layouts, the numbers, yes/no)
SHORT_DECISIONS = {"a": "accept", "y": "accept", "yes": "accept", "ф": "accept", "да": "accept",
                   "r": "reject", "n": "reject", "no": "reject", "к": "reject", "нет": "reject",
                   "e": "edit", "у": "edit", "1": "alt1", "2": "alt2", "3": "alt3"}


def expected_from_plain_json(raw: bytes) -> str:
    """The text as the file's rows, read with the standard library alone, say it should be."""
    data = raw.decode("utf-8")
    doc = json.loads(data[1:] if data.startswith("\ufeff") else data, object_pairs_hook=no_repeated_keys)
    changes = []
    for row in doc["rows"]:
        for column in ("id", "start", "end"):  # whole numbers in the file, not texts or true
            assert type(row[column]) is int, (column, row[column])
        decision, edit = row["decision"].strip().lower(), row.get("edit", "")
        decision = SHORT_DECISIONS.get(decision, decision)
        if decision == "" and edit:
            decision = "edit"
        new = {"accept": row["replacement"], "edit": edit, "delete": ""}.get(decision)
        if decision.startswith("alt"):
            new = row["alternatives"][int(decision[3:]) - 1]
        if new is None:
            continue
        assert new or decision == "delete", f"an empty {decision} was taken as a deletion"
        assert TEXT[row["start"]:row["end"]] == row["original"]
        changes.append((row["start"], row["end"], new))
    return spliced(changes)


def plain_tsv_rows(raw: bytes) -> list[dict[str, str]]:
    """The rows of a TSV review file as cells by column name, read with the csv module alone."""
    data = raw.decode("utf-8")
    table = [cells for cells in csv.reader(io.StringIO(data[1:] if data.startswith("\ufeff") else data,
                                                       newline=""), delimiter="\t")
             if any(c.strip() for c in cells)]
    while table and table[0][0].lstrip().startswith("#"):
        del table[0]
    header = [c.strip().lower() for c in table[0]]
    return [dict(zip(header, cells)) for cells in table[1:]]


@FUZZ
@given(json_files())
def test_apply_takes_any_json_review_file_or_refuses_it_in_one_line(place, raw):
    review = place / "r.json"
    review.write_bytes(raw)
    result = runner.invoke(app, ["apply", str(place / "doc.txt"), str(review), "-o", "-"])
    if result.exception is None and result.exit_code == 0:
        event("applied")
        assert result.stdout_bytes == expected_from_plain_json(raw).encode("utf-8")
    else:
        refused_in_one_line(result, review)


@FUZZ
@given(tsv_files())
def test_apply_takes_any_tsv_review_file_or_refuses_it_in_one_line(place, raw):
    review = place / "r.tsv"
    review.write_bytes(raw)
    result = runner.invoke(app, ["apply", str(place / "doc.txt"), str(review), "-o", "-"])
    if result.exception is None and result.exit_code == 0:
        event("applied")
        loaded = rf.load(review)
        changes = []
        for row, cells in zip(loaded.rows, plain_tsv_rows(raw), strict=True):
            for column in ("id", "start", "end"):  # as written: plain digits, the same number
                assert re.fullmatch(r"\s*[0-9]+\s*", cells[column]), (column, cells[column])
                assert int(cells[column]) == getattr(row, column)
            new = chosen(row)
            if new is not None:
                assert new or effective(row) == "delete", f"row {row.id}: an empty {effective(row)} deleted the text"
                changes.append((row.start, row.end, new))
        assert result.stdout_bytes == spliced(changes).encode("utf-8")
    else:
        refused_in_one_line(result, review)


# --- the command itself: exit code 2, one line on stderr, nothing written -------------------------


def _tsv_with(column: str, value: str, row: int = 1) -> str:
    lines = rf.render_tsv(base_review()).split("\n")
    header = lines[6].split("\t")
    cells = lines[6 + row].split("\t")
    cells[header.index(column)] = value
    lines[6 + row] = "\t".join(cells)
    return "\n".join(lines)


# each: the review file, where in it the message points (after the file's name), and the words of the
# reason (the message's wording is tested with the readers, tests/test_reviewfile.py)
CASES = {
    "r.json": (lambda: rf.render_json(base_review()).replace('"start": 53', '"start": ' + "5" * 5000),
               ":11:", ("row 2", "start", "5000-digit", "too large")),
    "deep.json": (lambda: '{"rows": ' + "[" * 100_000 + "]" * 100_000 + "}",
                  ":", ("nested too deeply",)),
    "r.tsv": (lambda: _tsv_with("start", "5" * 5000, row=2),
              ":9:", ("start", "5000-digit", "too large")),
    "edit.tsv": (lambda: _tsv_with("edit", "", row=3),
                 ":10:", ("decision edit", "edit column is empty")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_command_refuses_in_one_line_on_stderr(tmp_path, name):
    make, where, words = CASES[name]
    doc = tmp_path / "doc.txt"
    doc.write_bytes(TEXT.encode("utf-8"))
    review = tmp_path / name
    review.write_text(make(), encoding="utf-8")
    out = tmp_path / "out.txt"
    done = subprocess.run([sys.executable, "-m", "ocr_fix", "apply", str(doc), str(review), "-o", str(out)],
                          capture_output=True, timeout=120)
    assert done.returncode == 2
    [line] = done.stderr.decode("utf-8").splitlines()
    assert line.startswith(f"ocr-fix: {review}{where}") and all(word in line for word in words), line
    assert done.stdout == b"" and not out.exists()
