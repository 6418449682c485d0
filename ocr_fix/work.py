"""The work on one file, as pure functions: from the file's bytes (and its name) and the batch's settings
to its result, with no reading, no writing and no state of their own, so that any engine can run them:
the local worker pool (`ocr_fix.batch.run`), a Dask cluster (`ocr_fix.cluster`), or a `dask.bag`:

    import dask.bag as db
    from ocr_fix.batch import Settings, plan, write_result
    from ocr_fix.work import fix_bytes

    settings = Settings()
    jobs = plan([Path("archive")], Path("fixed"), in_place=False)
    items = [(job.source.read_bytes(), str(job.source), str(job.target)) for job in jobs]
    results = db.from_sequence(items, npartitions=16).starmap(fix_bytes, settings=settings).compute()
    outcomes = [write_result(job, done, settings) for job, done in zip(jobs, results)]

Each function loads the dictionaries through `ocr_fix.session.resources`, made once per process and
kept: a worker process pays for them once, on its first file (or before, see `warm_up`).

    fix_bytes(raw, source, target, settings) -> BatchFileResult   what `fix` writes, and its summary row
    check_bytes(raw, name, options) -> Checked              what `check` reports
    assess_bytes(raw, name, by, encoding, lexicons) -> Assessed   `quality`'s rows
    eval_pair(name, ocr_raw, ocr_name, gold_raw, gold_name, encoding, lexicons) -> Paired   one `eval` pair

`fix_bytes` never raises (an error is a failed row, so one bad file does not stop a batch); the others
raise `OcrFixError` as the commands always have, for the command to stop on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ocr_fix.errors import OcrFixError
from ocr_fix.options import PassOptions


def _detected(source, hint: str) -> tuple[str, ...]:
    """The note a command prints when ocr-fix chose the encoding itself."""
    if source.decoded.detected:
        return (f"{source.path}: read as {source.decoded.encoding} (detected{hint})",)
    return ()


# --- fix -------------------------------------------------------------------------------------------

FIXED = "fixed"
UNCHANGED = "unchanged"
SKIPPED = "skipped"  # done in an earlier run
FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    """What happened to one file, as the summary table shows it."""

    source: str
    target: str
    status: str  # fixed, unchanged, skipped, failed
    applied: int = 0  # automatic corrections made
    review: int = 0  # proposals left for a person
    flags: int = 0
    encoding: str = ""  # as read, e.g. "cp1251 (detected)"
    message: str = ""


@dataclass(frozen=True)
class BatchFileResult:
    """One file of a `fix` batch, as a worker hands it back (`fix_bytes`): its summary row and, when there
    is something to write, the bytes (the file's `ocr_fix.api.TextCorrection` rendered)."""

    outcome: Outcome
    payload: bytes | None = None


def correct(text: str, options: PassOptions, jobs: int = 1, progress: Callable[[int, int], None] | None = None,
            readings=None):
    """`ocr_fix.api.correct_text` of `text` with `options`, in `jobs` worker processes (a number: the
    caller decides, e.g. `options.workers()`; a batch's worker corrects its file in one). Only what
    differs from the defaults is passed, so a stand-in corrector with the API's first parameters (the
    tests') still fits. `readings`: the OCR engine's, when the text came from an OCR file (`Input.readings`)."""
    import ocr_fix.api as api  # looked up at call time, so a test can stand in a known corrector

    extra: dict = {}
    if jobs != 1:
        extra["jobs"] = jobs
    if progress is not None:
        extra["progress"] = progress
    if options.join_hyphenation:
        extra["join_hyphenation"] = True
    if readings is not None:
        extra["readings"] = readings
    if options.profile is not None:
        extra["profile"] = options.profile
    if options.decisions:
        extra["decisions"] = options.decisions
    return api.correct_text(text, lexicons=options.lexicons, translation=options.translation, **extra)


def reason(exc: OcrFixError) -> str:
    """The error without the file name, which the summary table shows in its own column."""
    return f"line {exc.line}: {exc.reason}" if exc.line is not None else exc.reason


def fix_bytes(raw: bytes, source: str, target: str, settings) -> BatchFileResult:
    """Correct one file of a `fix` batch: `raw` read from `source`, to be written to `target` (a name
    only: nothing is written here), with the batch's `settings` (`ocr_fix.batch.Settings`). The outcome
    (the summary table's row) and the bytes to write (None when in place and unchanged). Every error
    becomes a failed outcome, never an exception."""
    from ocr_fix.inputs import applied_edits, decode_input
    from ocr_fix.proposal import AUTO, FLAG

    encoding = ""
    try:
        read = decode_input(raw, Path(source), settings.options)  # a detected encoding is reported by the caller
        encoding = read.decoded.describe()
        # one process a file: the batch's workers are the files
        result = correct(read.text, settings.options, readings=read.readings)
        applied = len(result.applied)
        review = sum(1 for p in result.proposals if p.bin != FLAG and not (p.bin == AUTO and p.changes_text))
        flags = sum(1 for p in result.proposals if p.bin == FLAG)
        changed = result.text != read.text
        status = FIXED if changed else UNCHANGED
        outcome = Outcome(source, target, status, applied, review, flags, encoding)
        if settings.in_place and not changed:
            return BatchFileResult(outcome)  # nothing to write, and no backup to make
        payload = read.render(result.text, applied_edits(result.proposals),
                              settings.options.output_encoding_for(read.decoded), Path(target),
                              to=settings.options.to)
        return BatchFileResult(outcome, payload)
    except OcrFixError as exc:
        return BatchFileResult(Outcome(source, target, FAILED, encoding=encoding, message=reason(exc)))
    except Exception as exc:  # a bug in ocr-fix must not cost the user the rest of the batch
        return BatchFileResult(Outcome(source, target, FAILED, encoding=encoding,
                                 message=f"internal error: {type(exc).__name__}: {exc}"))


# --- check -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """One file checked: its kind (text, hocr, alto, page), its findings (`ocr_fix.api.LocatedFinding`,
    frozen values), where each lies in an OCR file's structure (None for plain text), and the notes to
    print (an encoding ocr-fix detected)."""

    name: str
    kind: str
    findings: tuple
    where: tuple
    notes: tuple[str, ...] = ()
    # the findings as records of the JSON report (`jsonout.finding_records`), one string a section, when
    # asked for and the file is plain text; else None
    json_records: tuple[str, ...] | None = None


def check_bytes(raw: bytes, name: str, options: PassOptions, jobs: int = 1, progress=None,
                json_records: bool = False) -> Checked:
    """`check` of one file: `raw` read from `name`. `jobs` and `progress` are for a large file checked
    section by section in this process's own workers (the findings are the same for any `jobs`). With
    `json_records`, a plain-text file's findings are also written as the JSON report's records, a
    section's as it comes back, while the workers check the next ones (after the last, the report
    is then only put together)."""
    from ocr_fix.api import check_text
    from ocr_fix.inputs import decode_input
    from ocr_fix.jsonout import finding_records

    source = decode_input(raw, Path(name), options)
    archive = options if options.profile or options.decisions else None  # words the archive vouches for
    records = [] if json_records and source.kind == "text" else None
    report = check_text(source.text, lexicons=options.lexicons, jobs=jobs, progress=progress,
                        readings=source.readings, options=archive,
                        each_section=None if records is None else lambda found: records.append(finding_records(found)))
    # the spans read off `f.finding`: a LocatedFinding hands on its finding's fields through __getattr__, a
    # Python call each (a million words have some 170,000 findings)
    located = source.located
    where = tuple([located(f.finding.start, f.finding.end) for f in report.findings])
    return Checked(name, source.kind, tuple(report.findings), where, _detected(source, ""),
                   None if records is None else tuple(records))


# --- quality ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assessed:
    """One file's `quality` rows (`ocr_fix.quality.estimate` segments) and the notes to print."""

    name: str
    segments: tuple
    notes: tuple[str, ...] = ()


def assess_bytes(raw: bytes, name: str, by: str, encoding: str | None = None,
                 lexicons: tuple[str, ...] = ()) -> Assessed:
    from ocr_fix.api import assess_text
    from ocr_fix.inputs import decode_input

    source = decode_input(raw, Path(name), PassOptions(encoding=encoding or None))
    return Assessed(name, tuple(assess_text(source.text, by, lexicons)), _detected(source, ""))


# --- eval ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paired:
    """One `eval` pair: (name, OCR text, gold text, corrected text), and the notes to print."""

    row: tuple[str, str, str, str]
    notes: tuple[str, ...] = ()


def eval_pair(name: str, ocr_raw: bytes, ocr_name: str, gold_raw: bytes, gold_name: str,
              encoding: str | None = None, lexicons: tuple[str, ...] = ()) -> Paired:
    """The OCR file corrected as `fix` corrects it (an hOCR, ALTO or PAGE file with the engine's
    readings as evidence), beside its gold text."""
    from ocr_fix.api import correct_text
    from ocr_fix.inputs import decode_input

    options = PassOptions(encoding=encoding or None)
    source = decode_input(ocr_raw, Path(ocr_name), options)
    notes = _detected(source, "")
    gold = decode_input(gold_raw, Path(gold_name), options)
    notes += _detected(gold, "")
    readings = {} if source.readings is None else {"readings": source.readings}  # plain text: as ever
    corrected = correct_text(source.text, lexicons=lexicons, **readings).text
    return Paired((str(name), source.text, gold.text, corrected), notes)


# --- workers ---------------------------------------------------------------------------------------

# A line that makes the corrector load everything it uses: dictionary, frequencies, names.
WARM_UP = "Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войскак нет."


def warm_up(lexicons: tuple[str, ...] = (), translation: str | None = None) -> None:
    """Load the corrector's resources in this process now (they are kept for the process's life), so
    that a worker pays for them once before its first file. A failure here is left for the files to
    report."""
    import ocr_fix.api as api

    try:
        api.correct_text(WARM_UP, lexicons=lexicons, translation=translation)
    except Exception:
        pass


__all__ = ["Assessed", "Checked", "Paired", "WARM_UP", "assess_bytes", "check_bytes", "eval_pair", "fix_bytes",
           "reason", "warm_up"]
