"""`ocr-fix score`, `eval` and `quality` from the command line; the table, JSON, HTML and CSV outputs
carry the same figures."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import ocr_fix.api
import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError

runner = CliRunner()

GOLD = "ЗАПИСЬ БЕСЕДЫ\nс послом Китайской Народной Республики\nВАН ЦЗЯ-СЯНОМ\n"
OCR = "ЗАПИСЬ БЕСЕЛЫ\nс послом Китайсской Вародной Респубики\nВАН ЦЗЯ-СЯНОМ\n"  # S 2, D 1, I 1


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def table_rows(text: str) -> list[list[str]]:
    """The rows of a tabulate 'simple' table: cells are separated by two or more spaces."""
    lines = text.strip("\n").splitlines()
    return [re.split(r"\s{2,}", line.strip()) for line in lines[2:] if line.strip()]


def html_figures(html: str) -> list[dict[str, str]]:
    """data-figure -> data-value, one dict per element group in page order (first occurrence wins)."""
    found: dict[str, str] = {}

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if "data-figure" in a:
                found.setdefault(a["data-figure"], a["data-value"])

    P().feed(html)
    return found


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.2f}"


@pytest.fixture
def pair(tmp_path):
    gold, ocr = tmp_path / "doc.gold.txt", tmp_path / "doc.ocr.txt"
    gold.write_text(GOLD, encoding="utf-8")
    ocr.write_text(OCR, encoding="utf-8")
    return gold, ocr


def test_score_outputs_carry_the_same_figures(pair):
    gold, ocr = pair
    data = json.loads(run("score", gold, ocr, "--format", "json").stdout)
    assert [data["chars"][k] for k in ("substitutions", "deletions", "insertions")] == [2, 1, 1]
    table = run("score", gold, ocr).stdout
    row = table_rows(table.split("\n\n")[0])[0]
    assert row == [str(ocr), pct(data["cer"]), pct(data["wer"]), str(data["chars"]["substitutions"]),
                   str(data["chars"]["deletions"]), str(data["chars"]["insertions"]), str(data["chars"]["reference"]),
                   f"{data['words']['substitutions']}/{data['words']['deletions']}/{data['words']['insertions']}",
                   str(data["words"]["reference"])]
    figures = html_figures(run("score", gold, ocr, "--format", "html").stdout)
    assert float(figures["cer"]) == data["cer"] and float(figures["wer"]) == data["wer"]
    assert int(figures["char_substitutions"]) == data["chars"]["substitutions"]
    assert int(figures["char_deletions"]) == data["chars"]["deletions"]
    assert int(figures["char_insertions"]) == data["chars"]["insertions"]
    assert int(figures["reference_graphemes"]) == data["chars"]["reference"]
    assert int(figures["word_errors"]) == data["words"]["edits"]
    # the worst line and the confusions are listed too
    assert "worst lines:" in table and "most frequent confusions:" in table
    worst = table_rows(table.split("worst lines:\n")[1].split("\n\n")[0])
    assert worst[0][0] == "2"


def test_score_normalisation_options(tmp_path):
    ref, hyp = tmp_path / "r.txt", tmp_path / "h.txt"
    ref.write_text("Ёлка, ЁЖ.", encoding="utf-8")
    hyp.write_text("елка еж", encoding="utf-8")
    plain = json.loads(run("score", ref, hyp, "-f", "json").stdout)
    folded = json.loads(run("score", ref, hyp, "-f", "json", "--fold-case", "--fold-yo", "--no-punctuation").stdout)
    assert plain["cer"] > 0 and folded["cer"] == 0.0
    assert folded["normalization"] == {"fold_case": True, "fold_yo": True, "drop_punctuation": True,
                                       "whitespace": "fold"}
    result = run("score", ref, hyp, "--whitespace", "squash")
    assert result.exit_code == 2 and "unknown --whitespace 'squash'" in result.stderr


def test_score_several_hypotheses_gives_a_list(pair, tmp_path):
    gold, ocr = pair
    data = json.loads(run("score", gold, ocr, gold, "-f", "json").stdout)
    assert [d["hypothesis"] for d in data] == [str(ocr), str(gold)]
    assert data[1]["cer"] == 0.0


def test_output_file_is_never_overwritten_without_force(pair, tmp_path):
    gold, ocr = pair
    out = tmp_path / "report.html"
    first = run("score", gold, ocr, "-f", "html", "-o", out)
    assert first.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out.write_text("keep me", encoding="utf-8")
    second = run("score", gold, ocr, "-f", "html", "-o", out)
    assert isinstance(second.exception, OcrFixError)
    assert str(second.exception) == f"{out}: already exists; use --force to overwrite it"
    assert out.read_text(encoding="utf-8") == "keep me"
    third = run("score", gold, ocr, "-f", "json", "-o", out, "--force")
    assert third.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["chars"]["deletions"] == 1


def test_bad_format_and_missing_file(pair, tmp_path):
    gold, ocr = pair
    result = run("score", gold, ocr, "-f", "csv")
    assert result.exit_code == 2 and "unknown format 'csv'" in result.stderr
    missing = run("score", gold, tmp_path / "nope.txt")
    assert isinstance(missing.exception, OcrFixError)
    assert str(missing.exception).startswith(f"{tmp_path / 'nope.txt'}: ") and "no such file" in str(missing.exception)


@pytest.fixture
def corrector(monkeypatch):
    """The correction pass replaced by a known one: it fixes `Вародной` and breaks `послом`."""
    calls = []

    def correct_text(text, lexicons=()):
        calls.append(lexicons)
        return SimpleNamespace(text=text.replace("Вародной", "Народной").replace("послом", "посломм"))

    monkeypatch.setattr(ocr_fix.api, "correct_text", correct_text, raising=False)
    return calls


def test_eval_outputs_carry_the_same_figures(pair, corrector, tmp_path):
    folder = pair[0].parent
    (folder / "clean.gold.txt").write_text("ВАН ЦЗЯ-СЯН\n", encoding="utf-8")
    (folder / "clean.ocr.txt").write_text("ВАН ЦЗЯ-СЯН\n", encoding="utf-8")
    data = json.loads(run("eval", folder, "-f", "json").stdout)
    summary = data["summary"]
    assert (summary["documents"], summary["fixed"], summary["broken"], summary["documents_worse"]) == (2, 1, 1, 0)
    assert [d["name"] for d in data["documents"]] == ["clean", "doc"]
    rows = table_rows(run("eval", folder).stdout)
    assert rows[-1] == ["all 2", pct(summary["cer_before"]), pct(summary["cer_after"]), pct(summary["improvement"]),
                        pct(summary["wer_before"]), pct(summary["wer_after"]),
                        f"{summary['fixed']} ({pct(summary['fixed_share'])}%)",
                        f"{summary['broken']} ({pct(summary['broken_share'])}%)", "0 worse"]
    assert rows[0][:4] == ["clean", "0.00", "0.00", "–"]
    figures = html_figures(run("eval", folder, "-f", "html").stdout)
    for key in ("cer_before", "cer_after", "improvement", "wer_before", "wer_after", "fixed_share", "broken_share"):
        assert float(figures[key]) == summary[key], key
    assert int(figures["documents_worse"]) == summary["documents_worse"]


def test_eval_one_pair_with_lexicons(pair, corrector, tmp_path):
    gold, ocr = pair
    lexicon = tmp_path / "names.txt"
    lexicon.write_text("Ван Цзя-сян\n", encoding="utf-8")
    data = json.loads(run("eval", ocr, gold, "-f", "json", "-l", lexicon).stdout)
    assert data["documents"][0]["name"] == "doc"
    assert corrector == [(str(lexicon),)]


def test_eval_argument_errors(pair, corrector, tmp_path):
    gold, ocr = pair
    no_gold = run("eval", ocr)
    assert no_gold.exit_code == 2 and "give its gold text" in no_gold.stderr
    both = run("eval", tmp_path, gold)
    assert both.exit_code == 2 and "is a folder of pairs" in both.stderr
    nothing = run("eval", tmp_path, "--only", "zzz*")
    assert nothing.exit_code == 2 and "no pair matches" in nothing.stderr


# --- quality (uses the real detection; its word index is built once per machine) -------------------

CLEAN = "Посол Китайской Народной Республики прибыл в Москву.\nПереговоры начнутся завтра.\n"
WORN = "Посол Китайской Вародной Респубики прибыя в Моснву.\nПерегозоры начиутся заатра.\n"


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "b_worn.txt").write_text(WORN, encoding="utf-8")
    return folder


def test_quality_outputs_carry_the_same_figures(batch):
    data = json.loads(run("quality", batch, "-f", "json").stdout)
    assert "dev set" in data["calibration"]
    results = data["results"]
    assert [r["file"].rsplit("/", 1)[-1] for r in results] == ["a_clean.txt", "b_worn.txt"]
    assert results[0]["estimated_cer"] < results[1]["estimated_cer"]
    assert results[0]["words"] == results[1]["words"] == 10
    table = table_rows(run("quality", batch).stdout)
    for row, r in zip(table, results):
        assert row == [r["file"], str(r["words"]), pct(r["known_share"]), f"{r['suspicious_per_1000']:.1f}",
                       pct(r["estimated_cer"])]
    rows = list(csv.DictReader(io.StringIO(run("quality", batch, "-f", "csv").stdout)))
    for row, r in zip(rows, results):
        assert row["file"] == r["file"] and int(row["words"]) == r["words"]
        assert float(row["estimated_cer"]) == r["estimated_cer"] and float(row["known_share"]) == r["known_share"]


def test_quality_sorts_worst_first_and_reports_lines(batch):
    worst = json.loads(run("quality", batch, "-f", "json", "--sort", "worst").stdout)["results"]
    assert worst[0]["file"].endswith("b_worn.txt")
    best = json.loads(run("quality", batch, "-f", "json", "--sort", "best").stdout)["results"]
    assert best[0]["file"].endswith("a_clean.txt")
    lines = json.loads(run("quality", batch / "b_worn.txt", "-f", "json", "--by", "line").stdout)["results"]
    assert [(r["unit"], r["number"]) for r in lines] == [("line", 1), ("line", 2)]
    assert sum(r["words"] for r in lines) == 10


def test_quality_option_errors(batch, tmp_path):
    assert run("quality", batch, "--sort", "random").exit_code == 2
    assert run("quality", batch, "--by", "chapter").exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("quality", empty)
    assert isinstance(result.exception, OcrFixError) and str(result.exception).startswith(f"{empty}: no .txt or OCR files")


# --- the gt/ ocr/ folder layout of OCR evaluation ----------------------------------------------------


@pytest.fixture
def folders(tmp_path):
    gt, ocr, fixed = (tmp_path / name for name in ("gt", "ocr", "fixed"))
    for folder in (gt, ocr, fixed):
        (folder / "box").mkdir(parents=True)
    texts = {"a.txt": (GOLD, OCR, GOLD), "box/b.txt": ("ЗАПИСЬ БЕСЕДЫ\n", "ЗАПИСЬ БЕСЕЛЫ\n", "ЗАПИСЬ БЕСЕЛЫ\n")}
    for name, (gold, ocr_text, fixed_text) in texts.items():
        (gt / name).write_text(gold, encoding="utf-8")
        (ocr / name).write_text(ocr_text, encoding="utf-8")
        (fixed / name).write_text(fixed_text, encoding="utf-8")
    return gt, ocr, fixed


def test_score_compares_folders_file_by_file_with_a_total(folders):
    gt, ocr, _ = folders
    result = run("score", "--gt", gt, "--ocr", ocr, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["name"] for d in data["documents"]] == ["a.txt", "box/b.txt"]
    first = data["documents"][0]["chars"]
    assert (first["substitutions"], first["deletions"], first["insertions"]) == (2, 1, 1)
    total = data["total"]["chars"]
    assert total["reference"] == sum(d["chars"]["reference"] for d in data["documents"])
    assert total["substitutions"] == 3 and data["total"]["documents"] == 2
    tables = run("score", "--gt", gt, "--ocr", ocr).stdout.split("\n\naccuracy by character class:\n")
    assert [r[0] for r in table_rows(tables[0])] == ["a.txt", "box/b.txt", "all 2"]
    assert table_rows(tables[1])[0][:3] == ["Cyrillic letters", str(data["total"]["classes"][0]["count"]),
                                            str(data["total"]["classes"][0]["wrong"])]


def test_eval_takes_the_folder_layout_and_texts_corrected_earlier(folders):
    gt, ocr, fixed = folders
    result = run("eval", "--gt", gt, "--ocr", ocr, "--fixed", fixed, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_name = {d["name"]: d for d in data["documents"]}
    assert set(by_name) == {"a.txt", "box/b.txt"}
    assert by_name["a.txt"]["cer_after"] == 0.0 and by_name["a.txt"]["cer_before"] > 0
    assert by_name["box/b.txt"]["cer_after"] == by_name["box/b.txt"]["cer_before"] > 0


def test_the_folder_layout_names_a_missing_file(folders):
    gt, ocr, _ = folders
    (ocr / "box" / "b.txt").unlink()
    result = run("score", "--gt", gt, "--ocr", ocr)
    assert result.exit_code != 0
    assert str(result.exception) == f"{gt / 'box' / 'b.txt'}: has no file of the same name in {ocr / 'box'} (b.txt)"
    assert run("score", "--gt", gt).exit_code != 0
