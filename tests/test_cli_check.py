import json
import subprocess
import sys

from typer.testing import CliRunner

import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.commands.app import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args))


def test_check_table(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("Тов. МАО сказал, что войскак пришли.\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1  # errors found, as linters say it
    assert "войскак" in result.stdout and "unknown-word" in result.stdout and "1:" in result.stdout
    assert run("check", str(path), "--exit-zero").exit_code == 0
    clean = tmp_path / "clean.txt"
    clean.write_text("Тов. Ковалев сказал, что войска пришли.\n", encoding="utf-8")
    assert run("check", str(clean)).exit_code == 0


def test_check_json(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("Тов. МАО сказал, что войскак пришли.\n", encoding="utf-8")
    result = run("check", str(path), "--format", "json")
    [data] = json.loads(result.stdout)  # a list of files, one file or many: one shape for a program to read
    assert data["file"] == str(path)
    finding = data["findings"][0]
    assert {"start", "end", "line", "col", "text", "rule", "message", "kind", "hint"} <= set(finding)
    assert finding["text"] == "войскак" and finding["line"] == 1


def test_check_json_is_the_librarys_layout(tmp_path):
    """The report of plain text, written finding by finding, is `json.dumps(..., indent=1)` of its
    findings' `as_dict`, character for character: hints and none, sure and not, a file without findings."""
    from ocr_fix.api import check_text

    texts = {"a.txt": "Тов. МАО сказал, что войскак пришли.\nтоварищ сталин \"сказал\" в\\ Пхеньяне\n",
             "b.txt": "Все войска ушли.\n", "c.txt": "считаем, Что подобный вопрос решен. Мы пришли, желая Укрепить дружественные связи.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("check", *(str(tmp_path / name) for name in texts), "-f", "json")
    payload = [{"file": str(tmp_path / name), "findings": [f.as_dict() for f in check_text(text).findings]}
               for name, text in texts.items()]
    assert result.stdout == json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    found = [f for file in payload for f in file["findings"]]
    assert not payload[1]["findings"] and any(f["hint"] is None for f in found) and any(f["hint"] for f in found)
    assert any(f["sure"] is False for f in found) and any(f["sure"] is True for f in found)


def test_rules_lists_every_rule():
    result = run("rules")
    for rule in ("unknown-word", "mixed-script", "digit-in-word", "letter-spaced", "name-near-miss",
                 "name-syllables", "page-furniture", "noise"):
        assert rule in result.stdout


def test_bad_input_is_one_line_and_non_zero(tmp_path):
    binary = tmp_path / "scan.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    latin1 = tmp_path / "bad.txt"
    latin1.write_bytes(b"plain text \xc3\x28 more \xa0\xa1")
    for path, words in ((tmp_path / "missing.txt", "no such file"), (binary, "binary"), (latin1, "not valid")):
        proc = subprocess.run([sys.executable, "-m", "ocr_fix", "check", str(path)], capture_output=True, text=True)
        assert proc.returncode != 0
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, proc.stderr
        assert str(path) in lines[0] and words in lines[0]
        assert "Traceback" not in proc.stderr


def test_bad_lexicon_names_file_and_line(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("текст\n", encoding="utf-8")
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("name\tnote\nХарбин\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "ocr_fix", "check", str(doc), "--lexicon", str(lexicon)],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert f"{lexicon}:2:" in proc.stderr


def test_cp1251_is_detected_and_reported(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Тов. МАО сказал, что войскак пришли.\n".encode("cp1251"))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "cp1251" in result.stderr
    assert "войскак" in result.stdout


def test_check_jobs(tmp_path, monkeypatch):
    import ocr_fix.api as api

    monkeypatch.setattr(api, "SECTION_WORDS", 5)  # several sections, so the workers share the file
    path = tmp_path / "doc.txt"
    path.write_text("Тов. МАО сказал, что войскак пришли.\n\nВойска стороиа пришли.\n\nВсе войскак ушли.\n",
                    encoding="utf-8")
    alone, together = run("check", str(path), "-f", "json", "--jobs", "1"), run("check", str(path), "-f", "json", "--jobs", "2")
    assert together.exit_code == 1 and json.loads(together.stdout) == json.loads(alone.stdout)
    assert [f["line"] for f in json.loads(alone.stdout)[0]["findings"] if f["text"] == "войскак"] == [1, 5]
    refused = run("check", str(path), "--jobs", "-1")
    assert refused.exit_code == 2 and "--jobs" in refused.output


def test_check_json_written_section_by_section_is_the_librarys_layout(tmp_path, monkeypatch):
    """A long file's report is written a section at a time as the workers hand the sections back (a
    section without findings among them): the same text as `json.dumps` of the whole file's findings."""
    import ocr_fix.api as api
    from ocr_fix.api import check_text

    monkeypatch.setattr(api, "SECTION_WORDS", 5)
    text = ("Тов. МАО сказал, что войскак пришли.\n\nВсе войска ушли домой.\n\nВойска стороиа пришли.\n\n"
            "Все войскак ушли.\n")
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    heard = []
    findings = check_text(text, each_section=heard.append).findings
    assert len(heard) > 2 and [] in heard and [f for section in heard for f in section] == findings
    expected = json.dumps([{"file": str(path), "findings": [f.as_dict() for f in findings]}], ensure_ascii=False,
                          indent=1) + "\n"
    for jobs in ("1", "2"):
        assert run("check", str(path), "-f", "json", "--jobs", jobs).stdout == expected


def test_version_and_short_help():
    from ocr_fix import __version__

    assert run("--version").stdout == f"ocr-fix {__version__}\n"
    short = run("-h")
    assert short.exit_code == 0 and "check" in short.stdout and "fix" in short.stdout
    assert run("check", "-h").exit_code == 0 and "--exit-zero" in run("check", "-h").stdout


def test_check_table_fits_the_terminal(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    long_word = "войскак" * 30  # one long token, as OCR makes of a smudged line
    path.write_text(f"Тов. МАО сказал, что {long_word} пришли и войскак ушли.\n", encoding="utf-8")
    for width in (80, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        lines = run("check", str(path)).stdout.splitlines()
        assert lines and max(len(line) for line in lines) <= width, lines
        assert any("…" in line for line in lines)


def test_check_takes_a_folder_as_fix_and_quality_do(tmp_path):
    folder = tmp_path / "scans"
    (folder / "box 1").mkdir(parents=True)
    (folder / "a.txt").write_text("Тов. МАО сказал, что войскак пришли.\n", encoding="utf-8")
    (folder / "box 1" / "b.txt").write_text("Все войскак ушли.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("войскак\n", encoding="utf-8")
    result = run("check", str(folder), "-f", "json")
    assert result.exit_code == 1
    assert [f["file"] for f in json.loads(result.stdout)] == [str(folder / "a.txt"), str(folder / "box 1" / "b.txt")]
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = run("check", str(empty))
    assert refused.exit_code != 0 and str(refused.exception).startswith(f"{empty}: no .txt or OCR files")
