"""The review file: exact round trips through TSV and JSON, cells a spreadsheet cannot run as formulas,
and errors that name the file and line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ocr_fix.errors import OcrFixError
from ocr_fix.proposal import Proposal
from ocr_fix.review import reviewfile as rf
from ocr_fix.review.reviewfile import COLUMNS, ReviewFile, ReviewRow

TEXT = "Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войскак нет.\r\nСкопие копий воспрещается.\r\n"


def proposals():
    return [
        Proposal(11, 22, "МАС ЦЗЭ-ДУИ", "МАО ЦЗЭ-ДУН", 0.6, "name-near-miss", "resembles МАО", "review",
                 ("МАО ЦЗЕ-ДУН",)),
        Proposal(53, 60, "войскак", "войск", 0.39, "unknown-word", "not a known word", "auto",
                 ("войска", "войсках", "войскам")),
        Proposal(67, 73, "Скопие", "", 0.0, "unknown-word", "no candidate", "flag"),
    ]


def review() -> ReviewFile:
    return rf.from_proposals("doc.txt", "ab" * 32, "utf-8", TEXT, proposals())


TRICKY = ["=SUM(A1:A9)", "+7 495", "-12", "@cmd", "'quoted", "''", "a\tb", "line\nbreak", "cr\rlf\r\n",
          "back\\slash", "\\t literal", 'say "hi"', '"', "pipe | inside", "nul\x00byte", "sep\u2028line", "",
          " lead and trail ", "ёлка", "\u05e9\u05dc\u05d5\u05dd", "e\u0301", "\U0001f600"]


def tricky_review() -> ReviewFile:
    rows = []
    for i, value in enumerate(TRICKY, start=1):
        rows.append(ReviewRow(i, i * 10, i * 10 + len(value), i, 1, value, value[::-1] or "x",
                              (value or "y", "=1", "a|b"), 0.5, "rule-" + str(i), "review", value, value, "edit" if value else "", value))
    return ReviewFile("path\twith tab.txt", "cd" * 32, "cp1251", tuple(rows), next=3)


def test_rows_from_proposals():
    r = review()
    assert [row.id for row in r.rows] == [1, 2, 3]
    second = r.rows[1]
    assert (second.line, second.col, second.original, second.replacement) == (1, 54, "войскак", "войск")
    assert second.decision == "accept" and r.rows[0].decision == "" and r.rows[2].decision == ""
    assert second.context == "…С ЦЗЭ-ДУИ просил передать, что японских ⟦войскак⟧ нет.⏎Скопие копий воспрещается.⏎"
    assert r.rows[2].line == 2 and r.rows[2].col == 1


@pytest.mark.parametrize("fmt", ["tsv", "json"])
def test_round_trip_is_exact(fmt):
    for original in (review(), tricky_review()):
        data = rf.render(original, fmt)
        assert rf.parse(data, fmt, f"r.{fmt}") == original


def test_tsv_cells_never_split_rows_or_run_as_formulas():
    data = rf.render_tsv(tricky_review())
    lines = data.split("\n")
    assert lines[-1] == "" and all("\r" not in line for line in lines)
    table = list(csv.reader(io.StringIO(data), delimiter="\t"))
    header_at = next(i for i, row in enumerate(table) if row and row[0] == "id")
    assert len(table) - header_at - 1 == len(TRICKY)  # one physical line per row
    for row in table[header_at + 1:]:
        assert len(row) == len(COLUMNS)
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    formula = table[header_at + 1]
    assert formula[COLUMNS.index("original")] == "'=SUM(A1:A9)"
    assert formula[COLUMNS.index("alternatives")] == "'=SUM(A1:A9) | =1 | a\\|b"


def test_tsv_header_names_the_file_and_its_hash():
    data = rf.render_tsv(review())
    assert data.splitlines()[:6] == [
        "# ocr-fix review file, format 1",
        "# decision: accept, reject, edit (uses the edit column), delete (removes the original), alt1, alt2 or alt3 "
        "(an alternative), or empty (undecided)",
        "# file: doc.txt", f"# sha256: {'ab' * 32}", "# encoding: utf-8", "# next: 1"]
    assert data.splitlines()[6].split("\t") == list(COLUMNS) + ["evidence"]  # the evidence pairs last


def test_saved_tsv_starts_with_a_bom_for_excel(tmp_path):
    path = tmp_path / "r.tsv"
    rf.save(review(), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# ocr-fix review file")
    assert rf.load(path) == review()
    json_path = tmp_path / "r.json"
    rf.save(review(), json_path)
    assert json.loads(json_path.read_text(encoding="utf-8"))["rows"][1]["alternatives"] == ["войска", "войсках",
                                                                                              "войскам"]
    assert rf.load(json_path) == review()


def test_what_a_spreadsheet_does_to_the_file_is_tolerated():
    data = rf.render_tsv(review())
    lines = data.split("\n")
    header = lines[6].split("\t")
    # columns reordered, a notes column added, trailing empty cells dropped, "Accept" capitalised,
    # the score written with a decimal comma, padding tabs after the comment lines
    order = list(reversed(header)) + ["notes"]
    out = [line + "\t\t" for line in lines[:6]] + ["\t".join(order)]
    for line in lines[7:-1]:
        cells = dict(zip(header, line.split("\t")))
        cells["notes"] = "check the scan"
        cells["score"] = cells["score"].replace(".", ",")
        cells["decision"] = cells["decision"].capitalize()
        out.append("\t".join(cells[c] for c in order).rstrip("\t"))
    back = rf.parse_tsv("\n".join(out) + "\n", "r.tsv")
    assert [r.decision for r in back.rows] == ["", "accept", ""]
    # the evidence column ocr-fix writes (empty for these stand-in proposals) and the reader's notes are kept
    assert back.rows[1].score == 0.39 and back.extra_columns == ("evidence", "notes")
    assert back.rows[0].extra == (("evidence", ""), ("notes", "check the scan"))
    # and saving it again keeps the notes
    again = rf.parse_tsv(rf.render_tsv(back), "r.tsv")
    assert again == back


def _with_cell(column: str, value: str, row: int = 1) -> str:
    lines = rf.render_tsv(review()).split("\n")
    header = lines[6].split("\t")
    cells = lines[6 + row].split("\t")
    cells[header.index(column)] = value
    lines[6 + row] = "\t".join(cells)
    return "\n".join(lines)


@pytest.mark.parametrize("column,value,message", [
    ("decision", "maybe", "r.tsv:8: unknown decision 'maybe' (use accept, reject, edit (uses the edit column), "
                          "delete (removes the original), alt1, alt2 or alt3 (an alternative), or empty (undecided); "
                          "a, r, e, 1-3, yes and no stand for them too)"),
    ("decision", "alt2", "r.tsv:8: decision alt2 but the row has only 1 alternative(s)"),
    ("start", "x", "r.tsv:8: start: expected a whole number, found 'x'"),
    ("end", "3", "r.tsv:8: end (3) is before start (11)"),
    ("bin", "maybe", "r.tsv:8: bin: unknown 'maybe' (use auto, review, flag)"),
    ("original", "a\\qb", "r.tsv:8: bad escape '\\\\q' (write a backslash as \\\\)"),
    ("id", "2", "r.tsv:9: row id 2 appears twice (also on line 8)"),
    ("score", "high", "r.tsv:8: score: expected a number, found 'high'"),
])
def test_bad_cells_are_named_by_file_and_line(column, value, message):
    with pytest.raises(OcrFixError) as exc:
        rf.parse_tsv(_with_cell(column, value), "r.tsv")
    assert str(exc.value) == message


def test_decisions_that_cannot_be_carried_out_are_refused():
    with pytest.raises(OcrFixError) as nothing:
        rf.parse_tsv(_with_cell("decision", "accept", row=3), "r.tsv")
    assert str(nothing.value) == ("r.tsv:10: nothing to accept, no replacement was proposed; write edit and fill the "
                                  "edit column")
    with pytest.raises(OcrFixError) as both:
        rf.parse_tsv(_with_cell("edit", "войска", row=2), "r.tsv")
    assert str(both.value) == ("r.tsv:9: the edit column is filled but the decision is accept; write edit to use "
                               "the edit, or clear the edit column")


def test_missing_columns_and_headers():
    text = rf.render_tsv(review()).replace("\tdecision\t", "\tverdict\t")
    with pytest.raises(OcrFixError) as exc:
        rf.parse_tsv(text, "r.tsv")
    assert str(exc.value).startswith("r.tsv:7: the column header lacks decision (found: id, line, col,")
    with pytest.raises(OcrFixError) as empty:
        rf.parse_tsv("# just a comment\n", "r.tsv")
    assert str(empty.value) == "r.tsv: no column header found (is this an ocr-fix review file?)"
    with pytest.raises(OcrFixError) as wide:
        rf.parse_tsv(rf.render_tsv(review()).replace("\tunknown-word\t", "\tunknown-word\t\t", 1).replace(
            "\tnot a known word\n", "\tnot a known word\textra\n", 1), "r.tsv")
    assert "r.tsv:9:" in str(wide.value)


def test_json_errors_name_the_line():
    data = rf.render_json(review())
    with pytest.raises(OcrFixError) as syntax:
        rf.parse_json(data.replace('"rule": "unknown-word"', '"rule" "unknown-word"', 1), "r.json")
    assert str(syntax.value).startswith("r.json:11: not valid JSON (Expecting ':' delimiter")
    with pytest.raises(OcrFixError) as decision:
        rf.parse_json(data.replace('"decision": "accept"', '"decision": "maybe"'), "r.json")
    assert str(decision.value).startswith("r.json:11: row 2: unknown decision 'maybe'")
    with pytest.raises(OcrFixError) as typed:
        rf.parse_json(data.replace('"start": 53', '"start": true'), "r.json")
    assert str(typed.value) == "r.json:11: row 2: start: expected a whole number, found true"
    with pytest.raises(OcrFixError) as shape:
        rf.parse_json("[]", "r.json")
    assert str(shape.value) == 'r.json: not an ocr-fix review file (expected an object with a "rows" list)'


def test_review_files_need_a_known_extension():
    with pytest.raises(OcrFixError) as exc:
        rf.format_of("decisions.csv")
    assert str(exc.value) == "decisions.csv: unknown review file type '.csv'; name it .tsv or .json"


def test_a_review_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "r.tsv"
    data = rf.render_tsv(review()).encode("utf-8")
    path.write_bytes(data.replace("войскак".encode("utf-8"), "войскак".encode("cp1251")))
    with pytest.raises(OcrFixError) as exc:
        rf.load(path)
    assert str(exc.value) == f"{path}:8: not UTF-8 (save the review file as UTF-8)"


# --- hostile values: refused in one line that names the file, the line and the row ----------------

TOO_LONG = "5" * 5000
IN_JSON = "(in JSON, write numbers without quotes)"


@pytest.mark.parametrize("old,new,message", [
    ('"start": 53', '"start": ' + TOO_LONG, "r.json:11: row 2: start: a 5000-digit number is too large (at most 12 digits)"),
    ('"start": 53', '"start": "53"', f"r.json:11: row 2: start: expected a whole number, found the text '53' {IN_JSON}"),
    ('"id": 1,', '"id": "1",',
     f"r.json:10: row at position 1: id: expected a whole number, found the text '1' {IN_JSON}"),
    ('"id": 2,', '"id": "2\\n3",',
     f"r.json:11: row at position 2: id: expected a whole number, found the text '2\\n3' {IN_JSON}"),
    ('"id": 2,', '"id": 10000000000000,', "r.json:11: row at position 2: id: a 14-digit number is too large (at most "
                                         "12 digits)"),
    ('"start": 53', '"start": true', "r.json:11: row 2: start: expected a whole number, found true"),
    ('"start": 53', '"start": null', "r.json:11: row 2: start: expected a whole number, found null"),
    ('"start": 53', '"start": 53.0', "r.json:11: row 2: start: expected a whole number, found 53.0"),
    ('"start": 53', '"start": 1e400', "r.json:11: row 2: start: expected a whole number, found Infinity"),
    ('"end": 60', '"end": [60]', "r.json:11: row 2: end: expected a whole number, found a list [...]"),
    ('"score": 0.39', '"score": NaN', "r.json:11: row 2: score: expected a number, found NaN"),
    ('"score": 0.39', '"score": "0.39"', f"r.json:11: row 2: score: expected a number, found the text '0.39' {IN_JSON}"),
    ('"decision": "accept"', '"decision": {"a": 1}', "r.json:11: row 2: decision: expected text, found an object {...}"),
    ('"rule": "unknown-word"', '"rule": "\\ud800"',
     "r.json:11: row 2: rule: '\\ud800' is half of a surrogate pair, not a character"),
    ('"decision": "accept"', '"decision": "reject", "decision": "accept"',
     "r.json:11: row 2: the key 'decision' appears twice"),
    ('"id": 2,', '"id": 2, "notes": ' + "[" * 100 + "]" * 100 + ",",
     "r.json:11: row 2: notes: [ ] and { } nested more than 16 levels deep"),
    ('"id": 2,', '"id": 2, "notes": {"n": ' + TOO_LONG + "},",
     "r.json:11: row 2: notes: a 5000-digit number is too large (at most 12 digits)"),
    ('"next": 1,', '"next": "1",', f"r.json: header next: expected a whole number, found the text '1' {IN_JSON}"),
    ('"file": "doc.txt",', '"file": ["doc.txt"],', "r.json: header file: expected text, found a list [...]"),
])
def test_json_values_of_the_wrong_type_or_size_are_refused(old, new, message):
    data = rf.render_json(review())
    assert old in data
    with pytest.raises(OcrFixError) as exc:
        rf.parse_json(data.replace(old, new, 1), "r.json")
    assert str(exc.value) == message


@pytest.mark.parametrize("data", [
    "[" * 100_000 + "]" * 100_000,
    '{"rows": [' + "[" * 100_000 + "]" * 100_000 + "]}",
    '{"rows": [], "x": ' + "{\"a\": " * 100_000 + "1" + "}" * 100_000 + "}",
])
def test_deep_nesting_is_refused_cleanly(data):
    with pytest.raises(OcrFixError) as exc:
        rf.parse_json(data, "r.json")
    assert str(exc.value) == "r.json: [ ] and { } are nested too deeply for a review file"


def test_a_huge_top_level_number_is_refused_cleanly():
    with pytest.raises(OcrFixError) as exc:
        rf.parse_json(rf.render_json(review()).replace('"version": 1', '"version": ' + TOO_LONG), "r.json")
    assert str(exc.value) == "r.json: header version: a 5000-digit number is too large (at most 12 digits)"


@pytest.mark.parametrize("column,value,message", [
    ("start", TOO_LONG, "r.tsv:8: start: a 5000-digit number is too large (at most 12 digits)"),
    ("id", "0" * 30 + "7", None),  # leading zeros are not digits of size: row 1 becomes row 7
    ("end", "\u0666\u0660", "r.tsv:8: end: expected a whole number, found '٦٠'"),
    ("score", "nan", "r.tsv:8: score: expected a number, found 'nan'"),
    ("score", "1e999", "r.tsv:8: score: expected a number, found '1e999'"),
    ("rule", "\\ud800", "r.tsv:8: rule: '\\ud800' is half of a surrogate pair, not a character"),
    ("decision", TOO_LONG, "r.tsv:8: unknown decision '" + "5" * 39 + "…' (use accept, reject, edit (uses the edit "
                           "column), delete (removes the original), alt1, alt2 or alt3 (an alternative), or empty "
                           "(undecided); a, r, e, 1-3, yes and no stand for them too)"),
])
def test_tsv_numbers_and_texts_out_of_range_are_refused(column, value, message):
    data = _with_cell(column, value)
    if message is None:
        assert [r.id for r in rf.parse_tsv(data, "r.tsv").rows] == [7, 2, 3]
        return
    with pytest.raises(OcrFixError) as exc:
        rf.parse_tsv(data, "r.tsv")
    assert str(exc.value) == message
    assert "set_int_max_str_digits" not in str(exc.value)


def test_tsv_header_values_are_checked_too():
    data = rf.render_tsv(review()).replace("# next: 1", "# next: " + TOO_LONG)
    with pytest.raises(OcrFixError) as exc:
        rf.parse_tsv(data, "r.tsv")
    assert str(exc.value) == "r.tsv: header next: a 5000-digit number is too large (at most 12 digits)"
    quoted = rf.render_tsv(review()).replace("id\tline\t", '"i\nd"\tline\t', 1)
    with pytest.raises(OcrFixError) as header:
        rf.parse_tsv(quoted, "r.tsv")
    assert "\n" not in str(header.value) and "(found: i\\nd, line, col," in str(header.value)


def test_json_rows_are_named_by_their_line_however_the_file_is_laid_out():
    data = rf.render_json(review())
    squeezed = json.dumps(json.loads(data), indent=2, ensure_ascii=False)
    row_two = squeezed.index('"id": 2')
    line = squeezed.count("\n", 0, squeezed.rindex("{", 0, row_two)) + 1
    with pytest.raises(OcrFixError) as exc:
        rf.parse_json(squeezed.replace('"decision": "accept"', '"decision": "maybe"'), "r.json")
    assert str(exc.value).startswith(f"r.json:{line}: row 2: unknown decision 'maybe'")
    twice = data.replace('"id": 3,', '"id": 1,')
    with pytest.raises(OcrFixError) as dup:
        rf.parse_json(twice, "r.json")
    assert str(dup.value) == "r.json:12: row id 1 appears twice (also on line 10)"


def test_a_long_json_review_file_looks_for_row_lines_only_for_an_error(monkeypatch):
    # finding each row's line by searching the text made loading quadratic (24 s for 10,000 rows)
    from dataclasses import replace

    searches = []
    from ocr_fix.review import json_form

    row_starts = json_form.row_starts
    monkeypatch.setattr(json_form, "row_starts", lambda data: searches.append(1) or row_starts(data))
    base = review()
    rows = tuple(replace(base.rows[1], id=i) for i in range(1, 10_001))
    data = rf.render_json(replace(base, rows=rows))
    assert len(rf.parse_json(data, "r.json").rows) == 10_000
    assert searches == []
    bad = data.replace('"id": 9999,', '"id": "9999",')
    with pytest.raises(OcrFixError) as exc:
        rf.parse_json(bad, "r.json")
    assert searches == [1]
    assert exc.value.line == bad[:bad.index('"id": "9999"')].count("\n") + 1


def test_an_empty_edit_in_a_review_file_is_refused_and_delete_is_read():
    with pytest.raises(OcrFixError) as exc:
        rf.parse_tsv(_with_cell("decision", "edit", row=3), "r.tsv")
    assert str(exc.value) == ("r.tsv:10: decision edit but the edit column is empty; write the new text there, or "
                              "write delete as the decision to remove the text")
    from_tsv = rf.parse_tsv(_with_cell("decision", "Delete", row=3), "r.tsv")
    from_json = rf.parse_json(rf.render_json(review()).replace('"decision": "", "edit": "", "bin": "flag"',
                                                               '"decision": "delete", "edit": "", "bin": "flag"'),
                              "r.json")
    assert from_tsv == from_json and from_tsv.rows[2].decision == "delete"
    for fmt in ("tsv", "json"):
        assert rf.parse(rf.render(from_tsv, fmt), fmt, f"r.{fmt}") == from_tsv


def test_the_readme_recipe_reads_a_review_file_with_the_csv_module(tmp_path):
    import csv

    path = tmp_path / "review.tsv"
    rf.save(review(), path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    assert [row["id"] for row in rows] == [str(r.id) for r in review().rows]
    assert list(rows[0])[:4] == ["id", "line", "col", "original"] and rows[0]["original"] == "МАС ЦЗЭ-ДУИ"


def test_a_key_written_twice_in_a_nested_header_object_is_refused():
    # found by the fuzz test: json keeps the last of two keys without a word, also inside a header field
    data = rf.render_json(review()).replace('"format": "ocr-fix review file"',
                                            '"format": {"id": 0, "id": null}', 1)
    with pytest.raises(OcrFixError) as exc:
        rf.parse_json(data, "r.json")
    assert "the key 'id' appears twice" in str(exc.value) and str(exc.value).startswith("r.json")
