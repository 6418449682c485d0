"""`ocr-fix score`, `ocr-fix eval` and `ocr-fix quality`: how good a transcription is, with a ground
truth (CER/WER, a correction pass before and after) and without one (an estimate to sort a batch by)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import List, Optional

import typer

from ocr_fix.commands.app import ENCODING_HELP, LEXICON_HELP, SCHEDULER_HELP, app, fail, need_scheduler, note
from ocr_fix.commands.measuring import (check_format, emit, mapped, normalization, one_line, progress, read_text,
                                        visible_or_none)

GT_HELP = "A folder of ground-truth texts; with --ocr, compared file by file with the texts of the same names."
OUTPUT_HELP = "Write the report to this file (atomically) instead of standard output."
FORCE_HELP = "Overwrite the --output file if it exists."
FOLD_CASE_HELP = "Compare in lower case."
FOLD_YO_HELP = "Count ё and е as the same letter."
NO_PUNCT_HELP = "Drop punctuation (every Unicode punctuation character) before comparing."
WHITESPACE_HELP = ("fold (default): a run of spaces and line breaks counts as one space; keep: compare as typed; "
                   "ignore: leave whitespace out of CER (WER still splits words on it).")


# --- score ---------------------------------------------------------------------------------------


def _score_table(results, lines: int, confusions: int, classes=()) -> str:
    from ocr_fix.commands.tables import table
    from ocr_fix.quality.report_html import percent

    rows = [[name, percent(s.cer), percent(s.wer), s.chars.substitutions, s.chars.deletions, s.chars.insertions,
             s.chars.reference, f"{s.words.substitutions}/{s.words.deletions}/{s.words.insertions}", s.words.reference]
            for name, s in results]
    parts = [table(rows, headers=["hypothesis", "CER %", "WER %", "S", "D", "I", "graphemes", "word S/D/I", "words"],
                   disable_numparse=True)]
    for name, s in results:
        heading = f" ({name})" if len(results) > 1 else ""
        worst = s.worst_lines(lines) if lines > 0 else []
        if worst:
            parts.append(f"\nworst lines{heading}:\n" + table(
                [[ln.line, percent(ln.chars.rate), ln.chars.edits, one_line(ln.reference), one_line(ln.hypothesis)]
                 for ln in worst],
                headers=["line", "CER %", "edits", "reference", "hypothesis"], disable_numparse=True))
        if confusions > 0 and s.confusions:
            parts.append(f"\nmost frequent confusions{heading}:\n" + table(
                [[visible_or_none(c.reference), visible_or_none(c.hypothesis), c.count]
                 for c in s.confusions[:confusions]],
                headers=["reference", "read as", "times"], disable_numparse=True))
    if classes:
        parts.append("\naccuracy by character class:\n" + _classes_table(classes))
    return "\n".join(parts)


def _classes_table(classes) -> str:
    from ocr_fix.commands.tables import table
    from ocr_fix.quality.report_html import percent

    return table([[c.name, c.count, c.wrong, percent(c.accuracy)] for c in classes],
                 headers=["class", "in the reference", "wrong", "accuracy %"], disable_numparse=True)


@app.command()
def score(
    reference: Optional[Path] = typer.Argument(None, help="The ground truth text (or give --gt and --ocr)."),
    hypotheses: Optional[List[Path]] = typer.Argument(None, help="One or more transcriptions of the same text."),
    gt: Optional[Path] = typer.Option(None, "--gt", help=GT_HELP),
    ocr: Optional[Path] = typer.Option(None, "--ocr", help="With --gt: the folder of transcriptions of the same "
                                                          "names (OCR output, or texts corrected by fix --out-dir)."),
    format: str = typer.Option("table", "--format", "-f", help="table, json or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    lines: int = typer.Option(10, "--lines", help="Worst lines to list in the table and the HTML (0: none)."),
    confusions: int = typer.Option(10, "--confusions", help="Character confusions to list (0: none)."),
    fold_case: bool = typer.Option(False, "--fold-case", help=FOLD_CASE_HELP),
    fold_yo: bool = typer.Option(False, "--fold-yo", help=FOLD_YO_HELP),
    no_punctuation: bool = typer.Option(False, "--no-punctuation", help=NO_PUNCT_HELP),
    whitespace: str = typer.Option("fold", "--whitespace", help=WHITESPACE_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
):
    """CER and WER of transcriptions against a ground truth, with counts, worst lines and confusions."""
    from ocr_fix.quality.score import score as compute

    check_format(format, ("table", "json", "html"))
    norm = normalization(fold_case, fold_yo, no_punctuation, whitespace)
    if gt is not None or ocr is not None:
        emit(_score_folders(gt, ocr, reference, format, norm, encoding), output, force)
        return
    if reference is None or not hypotheses:
        fail("give a ground truth and one or more transcriptions, or --gt GT_DIR --ocr OCR_DIR")
    truth = read_text(reference, encoding)
    results = [(str(path), compute(truth, read_text(path, encoding), norm)) for path in hypotheses]
    from ocr_fix.quality.classes import accuracy_by_class

    if format == "json":
        payload = [{"reference": str(reference), "hypothesis": name, **s.as_dict(),
                    "classes": [c.as_dict() for c in accuracy_by_class([s])]} for name, s in results]
        text = json.dumps(payload if len(payload) > 1 else payload[0], ensure_ascii=False, indent=1)
    elif format == "html":
        from ocr_fix.quality.report_html import score_report

        text = score_report(str(reference), results, lines, confusions)
    else:
        text = _score_table(results, lines, confusions, accuracy_by_class([results[0][1]]) if len(results) == 1 else ())
    emit(text, output, force)


def _score_folders(gt: Optional[Path], ocr: Optional[Path], reference: Optional[Path], format: str, norm,
                   encoding: Optional[str]) -> str:
    """score over the gt/ ocr/ folder layout: a row per document and the total over all of them."""
    from types import SimpleNamespace

    from ocr_fix.quality.classes import accuracy_by_class
    from ocr_fix.quality.evaluate import match_folders
    from ocr_fix.quality.score import score as compute

    if gt is None or ocr is None:
        fail("--gt and --ocr go together")
    if reference is not None:
        fail("give either a ground truth and its transcriptions or --gt and --ocr, not both")
    if format == "html":
        fail("the HTML report is for one ground truth; use -f table or -f json with --gt")
    matched = match_folders(gt, ocr)
    with progress(matched, "score") as batch:
        results = [(str(name), compute(read_text(g, encoding), read_text(o, encoding), norm)) for name, g, o in batch]
    chars = sum((s.chars for _, s in results[1:]), results[0][1].chars)
    words = sum((s.words for _, s in results[1:]), results[0][1].words)
    total = SimpleNamespace(chars=chars, words=words, cer=chars.rate, wer=words.rate, confusions=())
    classes = accuracy_by_class(s for _, s in results)
    if format == "json":
        return json.dumps({"gt": str(gt), "ocr": str(ocr),
                           "documents": [{"name": name, "cer": s.cer, "wer": s.wer, "chars": s.chars.as_dict(),
                                          "words": s.words.as_dict()} for name, s in results],
                           "total": {"documents": len(results), "cer": total.cer, "wer": total.wer,
                                     "chars": chars.as_dict(), "words": words.as_dict(),
                                     "classes": [c.as_dict() for c in classes]}},
                          ensure_ascii=False, indent=1)
    return _score_table(results + [(f"all {len(results)}", total)], 0, 0, classes)


# --- eval ----------------------------------------------------------------------------------------


def _eval_table(evaluation) -> str:
    from ocr_fix.commands.tables import table
    from ocr_fix.quality.report_html import percent

    def row(name: str, f: dict) -> list:
        return [name, percent(f["cer_before"]), percent(f["cer_after"]), percent(f["improvement"]),
                percent(f["wer_before"]), percent(f["wer_after"]), f"{f['fixed']} ({percent(f['fixed_share'])}%)",
                f"{f['broken']} ({percent(f['broken_share'])}%)"]

    rows = [row(p.name, p.figures()) + ["worse" if p.worse else ""] for p in evaluation.pairs]
    summary = evaluation.figures()
    rows.append(row(f"all {summary['documents']}", summary) + [f"{summary['documents_worse']} worse"])
    return table(rows, headers=["document", "CER % before", "CER % after", "improvement %", "WER % before",
                                   "WER % after", "fixed", "broken", ""], disable_numparse=True)


@app.command("eval")
def eval_command(
    path: Optional[Path] = typer.Argument(None, help="A folder of NAME.ocr.txt / NAME.gold.txt pairs, or one OCR "
                                                     "file (or give --gt and --ocr)."),
    gold: Optional[Path] = typer.Argument(None, help="The gold text, when PATH is one OCR file."),
    gt: Optional[Path] = typer.Option(None, "--gt", help=GT_HELP),
    ocr: Optional[Path] = typer.Option(None, "--ocr", help="With --gt: the folder of OCR texts of the same names."),
    fixed: Optional[Path] = typer.Option(None, "--fixed", help="With --gt and --ocr: a folder of texts corrected "
                                                              "earlier (fix --out-dir), scored instead of running "
                                                              "the correction pass."),
    only: str = typer.Option("*", "--only", help="In a folder, only the pairs whose NAME matches this glob."),
    format: str = typer.Option("table", "--format", "-f", help="table, json or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    fold_case: bool = typer.Option(False, "--fold-case", help=FOLD_CASE_HELP),
    fold_yo: bool = typer.Option(False, "--fold-yo", help=FOLD_YO_HELP),
    no_punctuation: bool = typer.Option(False, "--no-punctuation", help=NO_PUNCT_HELP),
    whitespace: str = typer.Option("fold", "--whitespace", help=WHITESPACE_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
):
    """Run the correction pass over (OCR, gold) pairs: CER/WER before and after, words fixed and broken."""
    from fnmatch import fnmatch

    from ocr_fix.quality.evaluate import OCR_SUFFIX, evaluate_outputs, find_pairs

    check_format(format, ("table", "json", "html"))
    need_scheduler(scheduler)
    norm = normalization(fold_case, fold_yo, no_punctuation, whitespace)
    if gt is not None or ocr is not None or fixed is not None:
        evaluation = _eval_folders(gt, ocr, fixed, path, only, lexicon, norm, encoding, scheduler)
        emit(_eval_text(evaluation, format), output, force)
        return
    if path is None:
        fail("give a folder of pairs, an OCR file and its gold text, or --gt GT_DIR --ocr OCR_DIR")
    if path.is_dir():
        if gold is not None:
            fail(f"{path} is a folder of pairs; give no gold file with it")
        pairs = [p for p in find_pairs(path) if fnmatch(p[0], only)]
        if not pairs:
            fail(f"{path}: no pair matches --only {only!r}")
    elif gold is None:
        fail(f"{path}: give its gold text as a second argument (or a folder of pairs)")
    else:
        name = path.name[: -len(OCR_SUFFIX)] if path.name.endswith(OCR_SUFFIX) else path.stem
        pairs = [(name, path, gold)]

    extra = tuple(str(p) for p in lexicon or ())
    evaluation = evaluate_outputs(_corrected(pairs, encoding, extra, scheduler), norm)
    emit(_eval_text(evaluation, format), output, force)


def _corrected(pairs: list, encoding: Optional[str], lexicons: tuple[str, ...], scheduler: Optional[str]):
    """(name, OCR text, gold text, corrected text) of each (name, OCR file, gold file), in order, the OCR
    file corrected as `fix` corrects it (`ocr_fix.work.eval_pair`), here or on a Dask cluster."""
    from ocr_fix.work import eval_pair

    calls = [(str(name), ocr, str(ocr), truth, str(truth), encoding, lexicons) for name, ocr, truth in pairs]
    return (done.row for done in mapped(eval_pair, calls, "eval", scheduler, None, lexicons))


def _eval_text(evaluation, format: str) -> str:
    if format == "json":
        return json.dumps(evaluation.as_dict(), ensure_ascii=False, indent=1)
    if format == "html":
        from ocr_fix.quality.report_html import eval_report

        return eval_report(evaluation)
    return _eval_table(evaluation)


def _eval_folders(gt: Optional[Path], ocr: Optional[Path], fixed: Optional[Path], path: Optional[Path], only: str,
                  lexicon, norm, encoding: Optional[str], scheduler: Optional[str] = None):
    """eval over the gt/ ocr/ (fixed/) folder layout: files matched by their names under each folder."""
    from fnmatch import fnmatch

    from ocr_fix.quality.evaluate import evaluate_outputs, match_folders

    if gt is None or ocr is None:
        fail("--gt and --ocr go together (and --fixed with both)")
    if path is not None:
        fail("give either a folder of pairs (or an OCR file and its gold text) or --gt and --ocr, not both")
    matched = [m for m in match_folders(gt, ocr, *([fixed] if fixed else [])) if fnmatch(str(m[0]), only)]
    if not matched:
        fail(f"{gt}: no file matches --only {only!r}")
    if fixed is not None:  # nothing to correct: read and scored here (--scheduler has no work to send)
        with progress(matched, "eval") as batch:
            return evaluate_outputs(((str(name), read_text(o, encoding), read_text(g, encoding), read_text(f, encoding))
                                     for name, g, o, f in batch), norm)
    extra = tuple(str(p) for p in lexicon or ())
    return evaluate_outputs(_corrected([(name, o, g) for name, g, o in matched], encoding, extra, scheduler), norm)


# --- quality -------------------------------------------------------------------------------------

SORTS = ("input", "worst", "best")


def _sorted(rows: list, order: str) -> list:
    if order == "input":
        return rows
    # a file with no words gets no estimate; it is listed among the worst, since someone should look at it
    if order == "worst":
        return sorted(rows, key=lambda r: (r[1].estimated_cer is not None, -(r[1].estimated_cer or 0.0)))
    return sorted(rows, key=lambda r: (r[1].estimated_cer is None, r[1].estimated_cer or 0.0))


_CSV_FIELDS = ["file", "unit", "number", "first_line", "words", "known", "suspicious", "known_share",
               "suspicious_per_1000", "estimated_cer"]


def _quality_table(rows: list, by: str) -> str:
    from ocr_fix.commands.tables import table
    from ocr_fix.quality.report_html import percent

    body = []
    for name, seg in rows:
        per_1000 = seg.suspicious_per_1000
        body.append([name] + ([seg.number] if by != "file" else []) + [
            seg.words, percent(seg.known_share), "–" if per_1000 is None else f"{per_1000:.1f}",
            percent(seg.estimated_cer)])
    headers = ["file"] + ([by] if by != "file" else []) + ["words", "known %", "suspicious /1000 words",
                                                          "est. CER %"]
    return table(body, headers=headers, disable_numparse=True)


@app.command()
def quality(
    files: List[Path] = typer.Argument(..., help="Text files or folders of .txt files ('-' reads standard input)."),
    by: str = typer.Option("file", "--by", help="file, page (pages end at a form feed) or line."),
    format: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    sort: str = typer.Option("input", "--sort", help="input (as given), worst (highest estimated CER first) or best."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
):
    """Estimate transcription quality without a ground truth, to find the files that need a human first."""
    from ocr_fix.quality.estimate import CALIBRATION, UNITS
    from ocr_fix.work import assess_bytes

    check_format(format, ("table", "json", "csv"))
    if by not in UNITS:
        fail(f"unknown --by {by!r} (use {', '.join(UNITS)})")
    if sort not in SORTS:
        fail(f"unknown --sort {sort!r} (use {', '.join(SORTS)})")
    need_scheduler(scheduler)
    extra = tuple(str(p) for p in lexicon or ())
    from ocr_fix.folders import expand

    calls = [(path, str(path), by, encoding, extra) for path in expand(files)]
    rows = [(done.name, seg) for done in mapped(assess_bytes, calls, "quality", scheduler, None, extra)
            for seg in done.segments]
    rows = _sorted(rows, sort)
    if format == "json":
        text = json.dumps({"calibration": CALIBRATION, "results": [{"file": name, **seg.as_dict()}
                                                                   for name, seg in rows]},
                          ensure_ascii=False, indent=1)
    elif format == "csv":
        from ocr_fix.cells import spreadsheet_safe

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=_CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for name, seg in rows:
            writer.writerow({key: spreadsheet_safe(value) for key, value in {"file": name, **seg.as_dict()}.items()})
        text = buffer.getvalue()
    else:
        text = _quality_table(rows, by)
        note(f"{CALIBRATION} (see docs/quality.md)")
    emit(text, output, force)
