"""Properties over random Unicode: combining marks, mixed scripts, emoji sequences, right-to-left text,
control characters and every kind of line break.

- tokens rebuild the input, with exact contiguous offsets;
- diff lines rebuild the input;
- applying decisions: rejecting everything returns the input, and any set of accepted rows gives the
  text a plain splice gives;
- a review file survives TSV and JSON round trips exactly, and no TSV cell can split a row or run as a
  spreadsheet formula;
- decoding what was encoded gives the text back.
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocr_fix.diffing import split_lines
from ocr_fix.review import reviewfile as rf
from ocr_fix.review.decisions import DECISIONS, apply_review
from ocr_fix.review.reviewfile import ReviewFile, ReviewRow
from ocr_fix.textio import decode
from ocr_fix.tokens import tokenize

SPECIAL = [
    "\u0301", "\u0308", "\u0332", "\u20dd",  # combining marks
    "\u0435\u0308", "\u0419", "\u0439",  # е + diaeresis, Й, й
    "\u0410", "\u0430", "\u0421", "C", "P", "\u0440", "\u0456", "\u0454",  # Cyrillic and Latin look-alikes
    "\u05e9", "\u05dc", "\u05d5", "\u0645", "\u0631", "\u062d", "\u0628", "\u0627",  # Hebrew, Arabic
    "\u200e", "\u200f", "\u202b", "\u202c", "\u2066", "\u2069",  # direction marks and isolates
    "\U0001f600", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1f7\U0001f1fa",
    "\u2764\ufe0f", "\u4e2d", "\u6bdb", "\uac00",  # emoji sequences, CJK, Hangul
    "\r\n", "\r", "\n", "\t", " ", "\u00a0", "\u2028", "\u2029", "\x0c", "\x00", "\x85",  # breaks and spaces
    "-", "\u2010", "\u2011", "'", "\u2019", "*", "**", "#", "_", "__", "=", "+", "@", "|", "\\", '"',
    "1", "9", "\u0661", ".", ",", "/", ":", "\u2116", "\u00ab", "\u00bb",
]
pieces = st.one_of(st.sampled_from(SPECIAL), st.characters(blacklist_categories=("Cs",)))
texts = st.lists(pieces, max_size=60).map("".join)
cell_texts = st.lists(pieces, max_size=12).map("".join)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
def test_tokens_rebuild_the_input(text):
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    position = 0
    for tok in tokens:
        assert tok.start == position and text[tok.start:tok.end] == tok.text and tok.text
        position = tok.end
    assert position == len(text)


@FAST
@given(texts)
def test_diff_lines_rebuild_the_input(text):
    lines = split_lines(text)
    assert "".join(lines) == text
    for i, line in enumerate(lines):
        ending = 2 if line.endswith("\r\n") else 1 if line.endswith(("\r", "\n")) else 0
        body = line[:len(line) - ending]
        assert "\r" not in body and "\n" not in body
        assert ending or i == len(lines) - 1  # only the last line may lack an ending
        assert line  # no empty pieces


@st.composite
def text_and_rows(draw):
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    rows = []
    for i in range(0, len(cuts) - 1, 2):
        start, end = cuts[i], cuts[i + 1]
        if rows and (start < rows[-1].end or start == rows[-1].start):
            continue
        alternatives = tuple(draw(st.lists(cell_texts, max_size=3)))
        # an empty replacement, edit or alternative is refused; removing text takes `delete`
        choices = [d for d in DECISIONS if not d.startswith("alt")
                   or (int(d[3:]) <= len(alternatives) and alternatives[int(d[3:]) - 1])]
        replacement = draw(cell_texts)
        if not replacement:
            choices = [d for d in choices if d != "accept"]
        decision = draw(st.sampled_from(choices + [""]))
        edit = draw(cell_texts.filter(bool) if decision == "edit" else cell_texts) if decision in ("edit", "") else ""
        rows.append(ReviewRow(len(rows) + 1, start, end, 1, start + 1, text[start:end], replacement, alternatives,
                              draw(st.floats(0, 1)), draw(cell_texts),
                              draw(st.sampled_from(["auto", "review", "flag"])),
                              draw(cell_texts), draw(cell_texts), decision, edit))
    return text, ReviewFile(draw(cell_texts), "0" * 64, "utf-8", tuple(rows), draw(st.integers(1, 20)))


@FAST
@given(text_and_rows())
def test_apply_splices_exactly_the_chosen_rows(case):
    text, review = case
    rejected = _with(review, rows=tuple(_with(r, decision="reject", edit="") for r in review.rows))
    assert apply_review(text, rejected, "r.tsv").text == text
    expected = []
    position = 0
    for row in review.rows:
        if row.decision == "accept":
            new = row.replacement
        elif row.decision == "edit" or (row.decision == "" and row.edit):
            new = row.edit
        elif row.decision.startswith("alt"):
            new = row.alternatives[int(row.decision[3:]) - 1]
        elif row.decision == "delete":
            new = ""
        else:
            continue
        expected.append(text[position:row.start] + new)
        position = row.end
    expected.append(text[position:])
    assert apply_review(text, review, "r.tsv").text == "".join(expected)


def _with(value, **changes):
    from dataclasses import replace

    return replace(value, **changes)


@FAST
@given(text_and_rows())
def test_review_files_round_trip_exactly(case):
    _, review = case
    for fmt in ("tsv", "json"):
        assert rf.parse(rf.render(review, fmt), fmt, f"r.{fmt}") == review


@FAST
@given(text_and_rows())
def test_tsv_rows_stay_whole_and_cells_cannot_run(case):
    _, review = case
    data = rf.render_tsv(review)
    assert "\r" not in data and data.count("\n") == 7 + len(review.rows)
    table = list(csv.reader(io.StringIO(data, newline=""), delimiter="\t"))
    for cells in table[7:]:
        assert len(cells) == len(rf.COLUMNS)
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r", "\n") for cell in cells)


@FAST
@given(cell_texts)
def test_a_cell_decodes_to_what_was_encoded(value):
    cell = rf.encode_cell(value)
    assert rf.decode_cell(cell) == value
    assert not any(ch in cell for ch in "\t\r\n\x00")


@FAST
@given(st.lists(st.sampled_from([p for p in SPECIAL if p not in ("\x00",)] + ["слово", "Мао Цзэ-дун", "text"]),
                max_size=40).map("".join), st.booleans())
def test_decoding_what_was_encoded_gives_the_text(text, bom):
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    decoded = decode(raw, "x.txt")
    assert decoded.text == text and decoded.text.encode(decoded.encoding) == raw
