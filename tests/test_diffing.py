"""Unified diffs: standard (patch applies them, CRLF kept) when plain, changed words marked in colour."""

from __future__ import annotations

import difflib
import shutil
import subprocess

import pytest

from ocr_fix.diffing import GREEN_WORD, RED_WORD, RESET, split_lines, unified_diff

OLD = "".join(f"строка {i}\n" for i in range(1, 21)).replace("строка 5", "японских войскак нет")
NEW = OLD.replace("войскак", "войск").replace("строка 18", "строка восемнадцать")


def test_equal_texts_give_no_diff():
    assert unified_diff(OLD, OLD, "a", "b") == ""


def test_plain_output_is_the_standard_unified_diff():
    expected = "".join(difflib.unified_diff(OLD.splitlines(True), NEW.splitlines(True), "a.txt", "b.txt"))
    assert unified_diff(OLD, NEW, "a.txt", "b.txt") == expected
    assert "\x1b" not in expected


def test_line_endings_are_kept_and_a_missing_last_newline_is_marked():
    old = "первая\r\nвойскак\r\nпоследняя"
    new = "первая\r\nвойск\r\nпоследняя!"
    diff = unified_diff(old, new, "a", "b")
    assert diff == ("--- a\n+++ b\n@@ -1,3 +1,3 @@\n первая\r\n-войскак\r\n-последняя\n\\ No newline at end of file\n"
                    "+войск\r\n+последняя!\n\\ No newline at end of file\n")


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
def test_patch_applies_the_plain_diff(tmp_path):
    old = OLD.replace("\n", "\r\n") + "хвост без перевода строки"
    new = NEW.replace("\n", "\r\n") + "хвост без перевода строки!"
    target = tmp_path / "doc.txt"
    target.write_bytes(old.encode("utf-8"))
    (tmp_path / "fix.patch").write_bytes(unified_diff(old, new, "doc.txt", "doc.txt").encode("utf-8"))
    subprocess.run(["patch", "-s", str(target), str(tmp_path / "fix.patch")], check=True, cwd=tmp_path)
    assert target.read_bytes() == new.encode("utf-8")


def test_colour_marks_only_the_changed_words():
    diff = unified_diff(OLD, NEW, "a", "b", color=True)
    assert f"{RED_WORD}войскак{RESET}" in diff and f"{GREEN_WORD}войск{RESET}" in diff
    assert f"{GREEN_WORD}восемнадцать{RESET}" in diff
    # the unchanged words of a changed line are not marked
    assert f"{RED_WORD}японских" not in diff and f"{GREEN_WORD}нет" not in diff
    removed = [line for line in diff.splitlines() if line.startswith("\x1b[31m-")]
    assert len(removed) == 2


def test_split_lines_only_splits_on_line_breaks():
    text = "a\r\nb\rc\nd\x0ce\u2028f\x85g"
    assert split_lines(text) == ["a\r\n", "b\r", "c\n", "d\x0ce\u2028f\x85g"]
    assert "".join(split_lines(text)) == text
    assert split_lines("") == [] and split_lines("\n\n") == ["\n", "\n"]


def test_word_diff_shows_a_changed_line_once_with_its_words_marked():
    old = "Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войскак нет.\nВторая строка.\n"
    new = "Вчера тов. МАО ЦЗЭ-ДУН просил передать, что японских войск нет.\nВторая строка.\n"
    diff = unified_diff(old, new, "a.txt", "b.txt", word_diff=True)
    assert diff == ("--- a.txt\n+++ b.txt\n@@ -1,2 +1,2 @@\n"
                    " Вчера тов. [-МАС-]{+МАО+} [-ЦЗЭ-ДУИ-]{+ЦЗЭ-ДУН+} просил передать, что японских "
                    "[-войскак-]{+войск+} нет.\n"
                    " Вторая строка.\n")
    assert unified_diff(old, new, "a.txt", "b.txt", color=True, word_diff=True) == \
        unified_diff(old, new, "a.txt", "b.txt", color=True)  # colour marks the words itself
