"""Applying decisions: only accepted, chosen and edited rows change the text; stale and overlapping rows
are refused by name."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ocr_fix.errors import OcrFixError
from tests.review_sample import PROPOSALS, TEXT
from ocr_fix.propose.engine import apply_proposals
from ocr_fix.review import decisions
from ocr_fix.review.decisions import apply_review
from ocr_fix.review.reviewfile import ReviewFile, ReviewRow, from_proposals



def review() -> ReviewFile:
    return from_proposals("doc.txt", "", "utf-8", TEXT, PROPOSALS)


def decide(r: ReviewFile, **by_id: tuple[str, str] | str) -> ReviewFile:
    for key, value in by_id.items():
        decision, edit = (value, "") if isinstance(value, str) else value
        r = r.with_row(replace(r.row(int(key[1:])), decision=decision, edit=edit))
    return r


def test_the_automatic_rows_are_pre_accepted_and_give_the_fix_result():
    r = review()
    assert [row.decision for row in r.rows] == ["", "accept", "accept", ""]
    result = apply_review(TEXT, r, "r.tsv")
    assert result.text == apply_proposals(TEXT, [p for p in PROPOSALS if p.bin == "auto"])
    assert result.text == ("Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войск нет.\r\n"
                           "Снятие копий воспрещается.\r\n")
    assert [(c.id, c.how) for c in result.changes] == [(2, "accept"), (3, "accept")]
    assert result.summary() == "2 change(s) applied (2 accept, 2 undecided)"


def test_rejecting_everything_returns_the_text_unchanged():
    r = decide(review(), r1="reject", r2="reject", r3="reject", r4="reject")
    result = apply_review(TEXT, r, "r.tsv")
    assert result.text == TEXT and result.changes == ()
    assert result.summary() == "0 change(s) applied (4 reject)"


def test_alternatives_and_edits():
    r = decide(review(), r1="alt1", r2="alt2", r3=("edit", "Снятие"), r4=("", "КОПИЙ"))
    result = apply_review(TEXT, r, "r.tsv")
    assert result.text == ("Вчера тов. МАО ЦЗЕ-ДУН просил передать, что японских войсках нет.\r\n"
                           "Снятие КОПИЙ воспрещается.\r\n")
    # an edit typed into an undecided row counts as an edit
    assert [c.how for c in result.changes] == ["alternative 1", "alternative 2", "edit", "edit"]
    assert result.summary() == "4 change(s) applied (2 edit, 1 alt1, 1 alt2)"


def test_an_empty_edit_is_refused_and_deleting_is_a_decision_of_its_own():
    # an empty edit cell is what a forgotten edit looks like (or a spreadsheet that dropped the cell),
    # so it does not delete the word; `delete` does, and says so in the decision column
    empty = decide(review(), r2="reject", r3="reject", r4=("edit", ""))
    with pytest.raises(OcrFixError) as exc:
        apply_review(TEXT, empty, "r.tsv")
    assert str(exc.value) == ("r.tsv: row 4: decision edit but the edit column is empty; write the new text there, "
                              "or write delete as the decision to remove the text")
    deleted = apply_review(TEXT, decide(review(), r2="reject", r3="reject", r4="delete"), "r.tsv")
    assert deleted.text == TEXT.replace("копий", "")
    assert [(c.id, c.how, c.replacement) for c in deleted.changes] == [(4, "delete", "")]
    assert deleted.summary() == "1 change(s) applied (2 reject, 1 delete, 1 undecided)"
    assert decisions.normalise(" Delete ") == "delete"
    with pytest.raises(OcrFixError) as both:
        apply_review(TEXT, decide(review(), r4=("delete", "КОПИЙ")), "r.tsv")
    assert str(both.value) == ("r.tsv: row 4: the edit column is filled but the decision is delete; write edit to "
                               "use the edit, or clear the edit column")


def test_an_empty_alternative_does_not_delete_either():
    r = review()
    blank = replace(r.row(2), alternatives=("", "войсках"), decision="alt1")
    with pytest.raises(OcrFixError) as exc:
        apply_review(TEXT, r.with_row(blank), "r.tsv")
    assert str(exc.value) == ("r.tsv: row 2: decision alt1 but alternative 1 is empty; write delete as the decision "
                              "to remove the text")
    assert "войсках" in apply_review(TEXT, r.with_row(replace(blank, decision="alt2")), "r.tsv").text


def test_stale_rows_are_refused_by_name():
    changed = TEXT.replace("войскак", "войска ")
    with pytest.raises(OcrFixError) as exc:
        apply_review(changed, review(), "r.tsv")
    assert str(exc.value) == ("r.tsv: 1 accepted row(s) no longer match the text (the text changed since the "
                              "review was made, or these cells were edited; put them back, or reject these rows, "
                              "and apply again): row 2 (text line 1) expects 'войскак' but finds 'войска '")
    # a stale row that is not applied does not matter
    assert apply_review(changed, decide(review(), r2="reject"), "r.tsv").text == changed.replace("Скопие", "Снятие")
    with pytest.raises(OcrFixError) as short:
        apply_review(TEXT[:70], review(), "r.tsv")
    assert "row 3 (text line 2) expects 'Скопие' but reaches past the end of the text" in str(short.value)


def test_overlapping_accepted_rows_are_refused_by_name():
    r = review()
    wide = replace(r.row(4), start=53, end=79, line=1, original=TEXT[53:79], replacement="x", decision="accept")
    with pytest.raises(OcrFixError) as exc:
        apply_review(TEXT, r.with_row(wide), "r.tsv")
    assert str(exc.value) == ("r.tsv: accepted rows overlap, so only one of each pair can be applied; reject one of: "
                              "rows 2 and 4 (text line 1: 'войскак' and 'войскак нет.\\r\\nСкопие копий'); "
                              "rows 4 and 3 (text line 1: 'войскак нет.\\r\\nСкопие копий' and 'Скопие')")
    # rejecting one of them is enough
    assert apply_review(TEXT, decide(r.with_row(wide), r2="reject", r3="reject"), "r.tsv").text == \
        TEXT[:53] + "x" + TEXT[79:]


def test_two_insertions_at_one_place_overlap_but_touching_spans_do_not():
    r = review()
    a = replace(r.row(1), start=10, end=10, original="", replacement="«", decision="accept")
    b = replace(r.row(4), start=10, end=10, original="", replacement="»", decision="accept")
    with pytest.raises(OcrFixError):
        apply_review(TEXT, decide(r.with_row(a).with_row(b), r2="reject", r3="reject"), "r.tsv")
    after = replace(r.row(4), start=60, end=60, original="", replacement="!", decision="accept")
    result = apply_review(TEXT, r.with_row(after), "r.tsv")
    assert "войск! нет." in result.text


@pytest.mark.parametrize("typed, decision", [
    ("a", "accept"), ("Y", "accept"), ("yes", "accept"), ("да", "accept"), ("ф", "accept"),
    ("r", "reject"), ("N", "reject"), ("no", "reject"), ("нет", "reject"), ("к", "reject"),
    ("e", "edit"), ("у", "edit"), ("1", "alt1"), ("2", "alt2"), (" 3 ", "alt3"),
])
def test_the_review_keys_and_yes_no_are_decision_words_too(typed, decision):
    # what a reviewer types in a spreadsheet is what the terminal review takes, in either keyboard layout
    assert decisions.normalise(typed) == decision


def test_deleting_takes_the_whole_word():
    for typed in ("d", "в", "del", "4"):
        with pytest.raises(ValueError):
            decisions.normalise(typed)


def test_decision_words():
    assert decisions.normalise(" Accept ") == "accept" and decisions.normalise("") == ""
    with pytest.raises(ValueError):
        decisions.normalise("ok")
    assert decisions.alternative_number("alt3") == 3 and decisions.alternative_number("accept") is None
    p = PROPOSALS[1]
    assert decisions.initial_decision(p) == "accept"
    assert decisions.initial_decision(replace(p, replacement=p.original)) == ""  # no change, as fix skips it
    assert decisions.initial_decision(replace(p, bin="review")) == ""


def test_many_adjacent_rows_apply_and_overlaps_stop_at_the_pairs_reported():
    text = "ab" * 50_000
    rows = tuple(ReviewRow(i + 1, 2 * i, 2 * i + 1, 1, 2 * i + 1, "a", "b", decision="accept")
                 for i in range(50_000))
    assert apply_review(text, ReviewFile("doc.txt", "", "utf-8", rows), "r.tsv").text == "bb" * 50_000
    # a hostile file accepting one span many times: the message names five pairs, so five are enough
    same = [decisions.Change(i, 0, 5, "a", "b", "accept") for i in range(2_000)]
    assert len(decisions._overlaps(same)) == 5


def test_a_cell_a_spreadsheet_turned_into_a_number_is_named_with_what_happened():
    from ocr_fix.review.decisions import stale_message, stale_rows

    text = "Шифровка № 06 от 12 мая"
    row = ReviewRow(1, 11, 13, 1, 12, "6", "06", decision="accept")  # the original cell: 06 became 6
    message = stale_message(stale_rows(text, [row]), "accepted row(s)")
    assert message.endswith("row 1 (text line 1) expects '6' but finds '06' (a spreadsheet dropped the leading "
                            "zero of '06': format the column as text and write '06' again)")
    assert "propose" not in message  # never the advice to start the review again
