"""`ocr-fix propose`, `review`, `apply`, `diff` and `fix`: from proposals to a corrected file.

    ocr-fix fix FILE --diff                 see what the automatic pass would change
    ocr-fix propose FILE -o FILE.review.tsv every proposal, automatic ones pre-accepted
    ocr-fix review FILE FILE.review.tsv     decide in the terminal (or edit the TSV in a spreadsheet)
    ocr-fix apply FILE FILE.review.tsv -o OUT

The input is never changed unless --in-place is given (then atomically, the text it replaces kept as
FILE.orig, FILE.orig.1, ...), an existing output file is not overwritten without --force (a device or a
pipe is written into, never replaced), and output is written in the input's encoding (a BOM kept)
unless --output-encoding says otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ocr_fix.commands.app import (DECISIONS_HELP, ENCODING_HELP, JOBS_HELP, LEXICON_HELP, PROFILE_HELP, SCHEDULER_HELP,
                                  app, fail, need_scheduler, note)
from ocr_fix.commands.steps import (check_against, command_options, load_review, print_diff, read_source,
                                    report_left_out, use_color)

JOIN_HYPHENATION_HELP = "Join words hyphenated at line ends (by default they are proposed for review)."
TRANSLATION_HELP = "A translation of the document to read names from (default: the file's own non-Russian lines)."
OUTPUT_ENCODING_HELP = "Encoding of the output (default: the input's, its BOM kept)."
FORCE_HELP = "Overwrite an existing output file."
IN_PLACE_HELP = ("Change FILE itself (atomically), keeping the text it replaces as FILE.orig "
                 "(FILE.orig.1, .2... on later runs).")
TO_HELP = ("For an hOCR, ALTO or PAGE input: write the result as text, hocr, alto or page (default: from the "
           "output's name, .txt text, .hocr/.html hOCR, .xml the input's own format; else the input's format).")
COLOR_HELP = "auto (in a terminal, unless NO_COLOR is set), always or never."
WORD_DIFF_HELP = "Without colour, show a changed line once with its changed words as [-old-]{+new+}, as git does."


# --- propose ---------------------------------------------------------------------------------------


@app.command()
def propose(
    files: List[Path] = typer.Argument(..., help="The text to correct ('-' reads standard input), or with "
                                                 "--out-dir several texts and folders (their .txt files)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write a review file for each text under this "
                                                                   "folder (NAME.review.tsv), mirroring the "
                                                                   "inputs' folders; existing ones are kept."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="The review file to write: .tsv (opens in a spreadsheet) or .json. "
                                               "Default: TSV on standard output."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="tsv or json (default: from the -o extension)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing review file (and its decisions)."),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    translation: Optional[Path] = typer.Option(None, "--translation", help=TRANSLATION_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    join_hyphenation: bool = typer.Option(False, "--join-hyphenation", help=JOIN_HYPHENATION_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help=PROFILE_HELP),
    decisions: Optional[List[Path]] = typer.Option(None, "--decisions", help=DECISIONS_HELP),
):
    """Write every proposal to a review file, the automatic ones pre-filled `accept`."""
    from ocr_fix.commands.proposing import propose_reviews

    options = command_options(lexicon, translation, encoding, join_hyphenation=join_hyphenation, profile=profile,
                              decisions=decisions)
    propose_reviews(files, out_dir, output, format, force, options)


# --- review ----------------------------------------------------------------------------------------


@app.command()
def review(
    file: Path = typer.Argument(..., help="The text being reviewed (or a folder of texts)."),
    review_file: Path = typer.Argument(..., metavar="REVIEW",
                                       help="Its review file (.tsv or .json); made first if it does not exist. "
                                            "For a folder of texts, the folder of their reviews "
                                            "(propose --out-dir)."),
    restart: bool = typer.Option(False, "--restart", help="Start again from the first row (decisions are kept)."),
    all_rows: bool = typer.Option(False, "--all", help="Show the automatic rows too (by default they stay "
                                                        "pre-accepted and the review shows only the rows that need "
                                                        "a decision)."),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    translation: Optional[Path] = typer.Option(None, "--translation", help=TRANSLATION_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
):
    """Decide on the proposals one at a time in the terminal, starting with the first that needs a
    decision (automatic rows are pre-accepted; --all shows them too); every key is saved at once, and
    the next run resumes where this one stopped."""
    from ocr_fix.commands.reviewing import review_text

    review_text(file, review_file, restart, all_rows, command_options(lexicon, translation, encoding))


# --- apply -----------------------------------------------------------------------------------------


@app.command("apply")
def apply_command(
    file: Path = typer.Argument(..., help="The text the review file was made for (or a folder of texts)."),
    review_file: Path = typer.Argument(..., metavar="REVIEW", help="The review file (.tsv or .json), or for a "
                                                                   "folder of texts the folder of their reviews."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where to write the corrected text ('-' or nothing: standard output)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="For a folder of texts: write each corrected "
                                                                   "text under this folder."),
    in_place: bool = typer.Option(False, "--in-place", help=IN_PLACE_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    output_encoding: Optional[str] = typer.Option(None, "--output-encoding", help=OUTPUT_ENCODING_HELP),
    to: Optional[str] = typer.Option(None, "--to", help=TO_HELP),
    same_rows_from: Optional[Path] = typer.Option(
        None, "--same-rows-from", metavar="REVIEW",
        help="Take this review file's decisions for the identical rows (same original, proposal, rule and context) "
             "of every review applied, where that review leaves the row as proposed."),
):
    """Apply the accepted, chosen and edited rows of a review file; refuse stale or overlapping rows."""
    options = command_options(encoding=encoding, output_encoding=output_encoding, to=to)
    template = None if same_rows_from is None else load_review(same_rows_from)
    if str(file) != "-" and file.is_dir():
        if output is not None:
            fail("-o names one output file; for a folder of texts give --out-dir OUT (or --in-place)")
        from ocr_fix.commands import review_folders

        def apply_one(source: Path, review: Path, target: Optional[Path]) -> str:
            return _apply_one(source, review, target, target is None, force, options, parents=True, template=template)

        review_folders.report(review_folders.apply_folder(file, review_file, out_dir, in_place, force, apply_one),
                              "output")
        return
    if out_dir is not None:
        fail("--out-dir goes with a folder of texts; for one text give -o OUT")
    note(_apply_one(file, review_file, output, in_place, force, options, template=template))


def _apply_one(file: Path, review_file: Path, output: Optional[Path], in_place: bool, force: bool, options,
               parents: bool = False, template=None) -> str:
    from ocr_fix.inputs import deliver_text
    from ocr_fix.review.decisions import apply_review, chosen

    source = read_source(file, options)
    decoded = source.decoded
    current = load_review(review_file)
    if template is not None:
        from ocr_fix.review.decisions import same_rows

        current = same_rows(current, template)
    check_against(decoded, current, file, review_file, [r for r in current.rows if chosen(r) is not None],
                   "accepted row(s)")
    result = apply_review(decoded.text, current, str(review_file), stale_checked=True)
    edits = [(c.start, c.end, c.replacement) for c in result.changes]
    where = deliver_text(source, result.text, options, output, in_place, force, edits, parents)
    report_left_out(source)
    return result.summary() + (f"; {where}" if where else "")


# --- diff ------------------------------------------------------------------------------------------


def _is_review(path: Path) -> bool:
    return path.suffix.lower() in (".tsv", ".json")


@app.command()
def diff(
    file: Path = typer.Argument(..., help="The original text."),
    other: Path = typer.Argument(..., help="A review file (.tsv/.json: its accepted rows) or a corrected text."),
    color: str = typer.Option("auto", "--color", help=COLOR_HELP),
    context: int = typer.Option(3, "--context", "-U", help="Lines of context around each change."),
    word_diff: bool = typer.Option(False, "--word-diff", help=WORD_DIFF_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
):
    """Show the changes as a unified diff, the changed words highlighted in a terminal."""
    from ocr_fix.review.decisions import apply_review, chosen

    paint = use_color(color)
    options = command_options(encoding=encoding)
    decoded = read_source(file, options).decoded
    if _is_review(other):
        current = load_review(other)
        check_against(decoded, current, file, other, [r for r in current.rows if chosen(r) is not None],
                       "accepted row(s)")
        new = apply_review(decoded.text, current, str(other), stale_checked=True).text
        new_name = f"{file}\t(with the accepted rows of {other})"
    else:
        new = read_source(other, options).text
        new_name = str(other)
    if not print_diff(decoded.text, new, str(file), new_name, paint, context, word_diff):
        note("no differences")


# --- fix -------------------------------------------------------------------------------------------


@app.command()
def fix(
    files: List[Path] = typer.Argument(..., help="A text file ('-' reads standard input), or with --out-dir "
                                                 "or --in-place several files and folders (their .txt files)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where to write the corrected text ('-' or nothing: standard output)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write each corrected file under this folder."),
    in_place: bool = typer.Option(False, "--in-place", help=IN_PLACE_HELP),
    show_diff: bool = typer.Option(False, "--diff", help="Print the changes as a unified diff (instead of the text, "
                                                        "unless -o or --in-place says where the text goes)."),
    force: bool = typer.Option(False, "--force",
                               help="Overwrite existing outputs; in a batch, redo files already done."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help=JOBS_HELP),
    color: str = typer.Option("auto", "--color", help=COLOR_HELP),
    word_diff: bool = typer.Option(False, "--word-diff", help=WORD_DIFF_HELP),
    lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", "-l", help=LEXICON_HELP),
    translation: Optional[Path] = typer.Option(None, "--translation", help=TRANSLATION_HELP),
    encoding: Optional[str] = typer.Option(None, "--encoding", help=ENCODING_HELP),
    output_encoding: Optional[str] = typer.Option(None, "--output-encoding", help=OUTPUT_ENCODING_HELP),
    join_hyphenation: bool = typer.Option(False, "--join-hyphenation", help=JOIN_HYPHENATION_HELP),
    to: Optional[str] = typer.Option(None, "--to", help=TO_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help=PROFILE_HELP),
    decisions: Optional[List[Path]] = typer.Option(None, "--decisions", help=DECISIONS_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
):
    """Apply the automatic corrections in one pass. FILE is never changed unless --in-place is given."""
    from ocr_fix.commands.fixing import fix_batch, fix_one

    if jobs is not None and jobs < 0:
        fail("--jobs must be 0 (one per core) or more")
    need_scheduler(scheduler)
    options = command_options(lexicon, translation, encoding, output_encoding, jobs, join_hyphenation, to, profile,
                              decisions)
    batch_mode = out_dir is not None or len(files) > 1 or any(f.is_dir() for f in files)
    if batch_mode:
        if output is not None:
            fail("-o names one output file; for a folder or several files give --out-dir (or --in-place)")
        if show_diff:
            fail("--diff works on one file at a time")
        if out_dir is not None and in_place:
            fail("give either --out-dir or --in-place, not both")
        if out_dir is None and not in_place:
            fail("for a folder or several files give --out-dir OUT (or --in-place)")
        if any(str(f) == "-" for f in files):
            fail("standard input ('-') cannot be part of a batch")
        fix_batch(files, out_dir, in_place, force, options, scheduler)
        return
    if scheduler is not None:
        fail("--scheduler runs a batch: give --out-dir OUT (or --in-place)")
    fix_one(files[0], output, in_place, show_diff, force, options, color, word_diff)
