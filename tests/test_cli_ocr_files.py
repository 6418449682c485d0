"""hOCR, ALTO and PAGE files through every command (issue 14): read by content, corrected with the
engine's evidence, written back with only the corrected words changed, or as another format."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from ocr_fix.formats import read_ocr

DATA = Path(__file__).parent / "data" / "formats"
HOCR = DATA / "telegram1949.dejavu.L3.s7.hocr"
ALTO = DATA / "telegram1949.dejavu.L3.s7.alto.xml"
TWO_PAGES = DATA / "twopage1949.dejavu.L1.s3.hocr"
PAGE = DATA / "page2019_ocrd.xml"

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for source in (HOCR, ALTO, TWO_PAGES, PAGE):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path


def _fixed_text(path: Path, tmp: Path) -> str:
    out = tmp / "fixed.txt"
    assert run("fix", path, "-o", out, "--force").exit_code == 0
    return out.read_text(encoding="utf-8")


def test_an_ocr_file_written_as_text_is_its_corrected_words(work: Path):
    text = _fixed_text(work / HOCR.name, work)
    assert "<span" not in text and "ocrx_word" not in text
    assert "продолжаются" in text and "продоляаются" not in text  # corrected
    original = read_ocr(HOCR.read_bytes(), str(HOCR)).text
    assert text != original and len(text.split()) == len(original.split())


def test_written_back_only_the_corrected_words_change(work: Path):
    out = work / "fixed.hocr"
    assert run("fix", work / HOCR.name, "-o", out).exit_code == 0
    before, after = HOCR.read_bytes().decode().splitlines(), out.read_bytes().decode().splitlines()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert changed and all("ocrx_word" in a for a, _ in changed)
    # every element and attribute as it was; the words' text as corrected
    tree_a, tree_b = etree.fromstring(HOCR.read_bytes()), etree.fromstring(out.read_bytes())
    assert [(e.tag, dict(e.attrib)) for e in tree_a.iter()] == [(e.tag, dict(e.attrib)) for e in tree_b.iter()]
    assert read_ocr(out.read_bytes(), str(out)).text == _fixed_text(work / HOCR.name, work)


def test_fixing_twice_changes_nothing_more(work: Path):
    once, twice = work / "once.xml", work / "twice.xml"
    assert run("fix", work / ALTO.name, "-o", once).exit_code == 0
    assert run("fix", once, "-o", twice).exit_code == 0
    assert once.read_bytes() == twice.read_bytes()


def test_every_proposal_rejected_gives_the_file_back_byte_for_byte(work: Path):
    review = work / "r.tsv"
    assert run("propose", work / ALTO.name, "-o", review).exit_code == 0
    lines = review.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("id\t"))
    columns = lines[header].split("\t")
    assert "where" in columns  # each row names its element
    rows = []
    for line in lines[header + 1:]:
        cells = line.split("\t")
        cells[columns.index("decision")] = "reject"
        rows.append("\t".join(cells))
    review.write_text("\n".join(lines[:header + 1] + rows) + "\n", encoding="utf-8")
    out = work / "same.xml"
    result = run("apply", work / ALTO.name, review, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == ALTO.read_bytes()


def test_the_output_format_follows_the_name_or_to(work: Path):
    as_text = work / "a.txt"
    assert run("fix", work / HOCR.name, "-o", as_text).exit_code == 0
    assert "<span" not in as_text.read_text(encoding="utf-8")
    as_alto = work / "a.xml"
    assert run("fix", work / HOCR.name, "-o", as_alto, "--to", "alto").exit_code == 0
    converted = read_ocr(as_alto.read_bytes(), str(as_alto))
    assert converted.kind == "alto" and converted.text == as_text.read_text(encoding="utf-8")
    stdout = run("fix", work / ALTO.name)
    assert stdout.exit_code == 0 and stdout.stdout.lstrip().startswith("<?xml")  # its own format


def test_plain_text_cannot_be_written_as_a_layout(work: Path):
    text = work / "t.txt"
    text.write_text("Сообщаю, что войскак отступают.\n", encoding="utf-8")
    result = run("fix", text, "-o", work / "t.hocr", "--to", "hocr")
    assert isinstance(result.exception, OcrFixError)
    assert "plain text has no layout" in str(result.exception)
    assert not (work / "t.hocr").exists()


def test_in_place_keeps_the_original_as_a_backup(work: Path):
    target = work / HOCR.name
    result = run("fix", target, "--in-place")
    assert result.exit_code == 0
    assert (work / (HOCR.name + ".orig")).read_bytes() == HOCR.read_bytes()
    assert target.read_bytes() != HOCR.read_bytes()
    assert read_ocr(target.read_bytes(), str(target)).kind == "hocr"


def test_check_names_page_line_and_word(work: Path):
    result = run("check", "-f", "json", work / ALTO.name)
    findings = json.loads(result.stdout)[0]["findings"]
    assert findings and all(f["where"].startswith("page 1, line ") and "word" in f["where"] for f in findings)
    table = run("check", work / HOCR.name)
    assert "where" in table.stdout.splitlines()[0] and "word_1_" in table.stdout


def test_quality_per_page_reads_the_files_own_pages(work: Path):
    result = run("quality", work / TWO_PAGES.name, "--by", "page", "-f", "json")
    assert result.exit_code == 0
    pages = json.loads(result.stdout)
    assert len(pages) == 2 == len(read_ocr(TWO_PAGES.read_bytes(), "x").pages)


def test_score_of_an_alto_file_is_the_score_of_its_text(work: Path):
    gold = DATA / "telegram1949.dejavu.L2.s5.ocr.txt"  # another reading of the same page
    exported = work / "alto.txt"
    exported.write_text(read_ocr(ALTO.read_bytes(), str(ALTO)).text, encoding="utf-8")
    from_xml = json.loads(run("score", gold, work / ALTO.name, "-f", "json").stdout)
    from_text = json.loads(run("score", gold, exported, "-f", "json").stdout)
    from_xml.pop("hypothesis"), from_text.pop("hypothesis")
    assert from_xml == from_text and from_xml["cer"] > 0


def test_a_folder_of_mixed_files_is_one_batch(work: Path):
    (work / "note.txt").write_text("Сообщаю, что войскак отступают.\n", encoding="utf-8")
    (work / "mets.xml").write_text("<mets><file/></mets>", encoding="utf-8")  # XML, but no OCR file
    out = work / "out"
    result = run("fix", work, "--out-dir", out, "--to", "text")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert "mets.xml" not in " ".join(written) and "note.txt" in written
    assert HOCR.name.replace(".hocr", ".txt") in written


def test_bad_xml_is_one_line_naming_the_file_and_line(work: Path):
    bad = work / "bad.hocr"
    shutil.copy(DATA / "bad_malformed.xml", bad)
    done = subprocess.run([sys.executable, "-m", "ocr_fix", "fix", str(bad)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and str(bad) in done.stderr and "line" in done.stderr
    assert "Traceback" not in done.stderr
    laughs = subprocess.run([sys.executable, "-m", "ocr_fix", "check", str(DATA / "bad_billion_laughs.xml")],
                            capture_output=True, text=True)
    assert laughs.returncode == 2 and "Traceback" not in laughs.stderr


def test_the_python_api_reads_and_writes_ocr_files():
    from ocr_fix.api import check_file, correct_file

    fixed = correct_file(PAGE)
    assert fixed.source.kind == "page"
    assert read_ocr(fixed.render(), str(PAGE)).text == fixed.correction.text
    assert fixed.render(to="text").decode("utf-8") == fixed.correction.text
    assert isinstance(check_file(HOCR).findings, list)


def test_a_correction_the_layout_cannot_hold_is_left_out_and_named():
    from ocr_fix.inputs import read_input

    source = read_input(HOCR)
    text = source.text
    end_of_line = text.index("\n", text.index("продоляаются"))
    across = (end_of_line - 3, end_of_line + 2, "X")  # over a line break: no element holds it
    inside = (text.index("продоляаются"), text.index("продоляаются") + len("продоляаются"), "продолжаются")
    written = source.render(text, [inside, across])
    assert [edit for edit, _reason in source.left_out] == [across]
    assert "продолжаются" in read_ocr(written, "x").text


def test_a_mets_file_naming_the_alto_namespace_is_no_part_of_a_batch(work: Path):
    # METS files hold `xmlns:alto` and ALTO elements in their head; the root element says what a file is
    (work / "mets.xml").write_text('<mets xmlns:alto="http://www.loc.gov/standards/alto/ns-v3#">'
                                   '<alto:String CONTENT="x"/></mets>', encoding="utf-8")
    from ocr_fix.folders import collect

    names = [f.name for f, _ in collect([work])]
    assert "mets.xml" not in names and ALTO.name in names and PAGE.name in names
