"""The Python API for other tools.

    >>> from ocr_fix.api import correct_text
    >>> result = correct_text(open("telegram.txt", encoding="utf-8").read())
    >>> result.text            # the text with the automatic corrections applied
    >>> result.proposals       # every proposal: span, original, replacement, score, bin, explanation

`check_text` reports findings only. All offsets point into the exact input text.

Files, plain text or the OCR engine's own (hOCR, ALTO, PAGE XML, recognised from their content):

    >>> from ocr_fix.api import correct_file
    >>> fixed = correct_file("page.hocr")
    >>> fixed.correction.applied   # as above, on the file's text (its words in reading order)
    >>> fixed.render()             # the file itself with the corrected words changed (bytes)
    >>> fixed.render(to="text")    # or as plain text ("hocr", "alto", "page" convert)
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from dataclasses import dataclass, replace

from ocr_fix.detect import detect
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.options import PassOptions
from ocr_fix.pool import worker_count, worker_pool
from ocr_fix.proposal import AUTO, Proposal
from ocr_fix.quality.estimate import SegmentQuality, assess
from ocr_fix.readings import EngineReadings
from ocr_fix.session import resources
from ocr_fix.tokens import line_col, line_starts


@dataclass(frozen=True)
class LocatedFinding:
    """A finding with its 1-based line and column, as reported to users."""

    finding: Finding
    line: int
    col: int

    def __getattr__(self, name):
        if name == "finding":  # not set yet (an instance being unpickled, as a Dask worker's result is)
            raise AttributeError(name)
        return getattr(self.finding, name)

    def as_dict(self) -> dict:
        # field by field, not `dataclasses.asdict` (its deep copy of every value is for values that hold
        # others; a finding's are strings and numbers, and a JSON report has 200,000 of them); the
        # category keeps its old name "kind" here, the field users' scripts read
        f = self.finding
        return {"rule": f.rule, "start": f.start, "end": f.end, "text": f.text, "message": f.message,
                "kind": f.category, "hint": f.hint, "sure": f.sure, "line": self.line, "col": self.col}


@dataclass(frozen=True)
class CheckReport:
    text: str
    findings: list[LocatedFinding]


def check_text(text: str, lexicons: tuple[str, ...] = (), jobs: int = 1,
               progress: Callable[[int, int], None] | None = None,
               readings: EngineReadings | None = None,
               options: PassOptions | None = None,
               each_section: Callable[[list[LocatedFinding]], None] | None = None) -> CheckReport:
    """Find likely OCR errors in `text`; `lexicons` are extra word/name list files. A very long text
    is checked section by section (see `sections`), `jobs` sections at a time; `progress(done, total)`
    hears of each. `readings` are the OCR engine's word confidences and other readings, when the text
    came from an hOCR, ALTO or PAGE file (see `ocr_fix.formats`). `options` (a PassOptions) stands for
    `lexicons` and, where it gives one, `jobs`; with its `profile` or `decisions`, a word the archive
    writes in many other files and never corrected, or one its reviewers kept, is not reported.
    `each_section` hears of each section's findings, in order, as it comes back (while the workers
    check the next ones): a caller writing a report writes it meanwhile."""
    known = None
    if options is not None:
        lexicons = options.lexicons
        jobs = options.jobs if options.jobs is not None else jobs
        known = _archive_known(options, text)
    parts = sections(text)
    pieces = [(text[start:end], tuple(lexicons), _window(readings, start, end)) for start, end in parts]
    checked = _in_workers(_check_section, pieces, tuple(lexicons), jobs, progress if len(parts) > 1 else None,
                          CHECK_SECTIONS_PER_WORKER, _locator(text, parts, known, each_section))
    return CheckReport(text, [finding for section in checked for finding in section])


def _locator(text: str, parts: list[tuple[int, int]], known: Callable[[Finding], bool] | None,
             each_section: Callable[[list[LocatedFinding]], None] | None = None):
    """What turns each section's findings, in order, into the whole text's located findings (less those
    `known`), handed to `each_section` too: called as each comes back from the workers, while they
    check the next ones."""
    starts = line_starts(text)
    offsets = iter(start for start, _end in parts)

    def located(findings: list[tuple]) -> list[LocatedFinding]:
        offset = next(offsets)
        out = []
        for rule, first, end, found, message, category, hint, sure in findings:
            f = Finding(rule, first + offset, end + offset, found, message, category, hint, sure)
            if known is None or not known(f):
                out.append(LocatedFinding(f, *line_col(starts, f.start)))
        if each_section is not None:
            each_section(out)
        return out

    return located


def _archive_known(options: PassOptions, text: str) -> Callable[[Finding], bool] | None:
    """A test of whether a finding is on a word the archive's profile or its reviewers vouch for."""
    from ocr_fix.detect.registry import archive_vouched
    from ocr_fix.language.normalize import fold

    archive = _archive(options.profile, options.decisions, text)
    if not archive:
        return None
    view, learnt = archive.get("archive"), archive.get("learnt")
    vouched = archive_vouched()

    def known(finding: Finding) -> bool:
        if finding.rule not in vouched or not finding.text.strip():
            return False
        words = [fold(w) for w in finding.text.split()]
        return all((view is not None and view.kept(w)) or (learnt is not None and learnt.known(w)) for w in words)

    return known


def _check_section(args) -> list[tuple]:
    """A section's findings as plain tuples (a worker hands over some 200,000 for a million words:
    a tuple pickles at a fraction of the cost of a dataclass, and the finding is made once, at its
    place in the whole text)."""
    piece, lexicons, readings = args
    return list(map(_FINDING_FIELDS, detect(Document(piece, readings=readings), resources(lexicons).lookup)))


_FINDING_FIELDS = attrgetter("rule", "start", "end", "text", "message", "category", "hint", "sure")


def _window(readings: EngineReadings | None, start: int, end: int) -> EngineReadings | None:
    return None if readings is None else readings.window(start, end)


@dataclass(frozen=True)
class TextCorrection:
    """`correct_text`'s result: a text's proposals and the text with the automatic ones applied (a file's
    is a `FileCorrection`)."""

    original: str
    text: str  # the original with every automatic proposal applied
    proposals: list[Proposal]  # all proposals, on the original's offsets, in text order

    @property
    def applied(self) -> list[Proposal]:
        return [p for p in self.proposals if p.bin == AUTO and p.changes_text]


# The old name of TextCorrection, kept so that callers' code importing it still runs.
Correction = TextCorrection


def correct_text(text: str, lexicons: tuple[str, ...] = (), translation: str | None = None,
                 jobs: int = 1, join_hyphenation: bool = False,
                 progress: Callable[[int, int], None] | None = None,
                 readings: EngineReadings | None = None,
                 options: PassOptions | None = None, profile: str | None = None,
                 decisions: tuple[str, ...] = ()) -> TextCorrection:
    """Propose corrections for `text` and apply the confident ones.

    `options` (an `ocr_fix.options.PassOptions`, as the commands build it) stands for `lexicons`,
    `translation`, `join_hyphenation` and, where it gives one, `jobs`:
    `correct_text(text, options=pass_options(lexicon=["names.txt"], jobs=2))`.

    `translation` is a translation of the document to read names from; by default the file's own
    non-Russian lines serve (the seed document carries its English translation above the Russian).
    A very long text is corrected section by section (see `sections`), `jobs` sections at a time.
    `join_hyphenation` joins words hyphenated at line ends (otherwise they are proposed for review).
    `progress(done, total)` hears of each section as it is finished (a text of one section: never).
    `readings` are the OCR engine's word confidences and other readings, when the text came from an
    hOCR, ALTO or PAGE file: evidence of which words are misread (see `ocr_fix.readings`).
    `profile` is an archive profile's path (`ocr-fix profile`), `decisions` decision files' paths
    (`ocr-fix learn`): evidence from the rest of the archive and from its reviews (`ocr_fix.archive`).
    """
    from ocr_fix.propose.passes import fix_passes

    if options is not None:
        lexicons, translation, join_hyphenation = options.lexicons, options.translation, options.join_hyphenation
        jobs = options.jobs if options.jobs is not None else jobs
        profile, decisions = options.profile or profile, options.decisions or decisions
    res = resources(tuple(lexicons))
    parts = sections(text)
    archive = _archive(profile, decisions, text)
    if len(parts) == 1:
        corrected, proposals = fix_passes(text, res, translation, join_hyphenation, readings, **archive)
        return TextCorrection(text, corrected, proposals)
    if translation is None:
        from ocr_fix.propose.engine import translation_text

        translation = translation_text(Document(text[: parts[0][1]]), None)
    digest = None
    if profile is not None:
        from ocr_fix.archive.profile import text_digest

        digest = text_digest(text)  # the whole file is left out of the profile's evidence, not a section
    work = [(text[start:end], start, tuple(lexicons), translation, join_hyphenation, _window(readings, start, end),
             profile, tuple(decisions), digest)
            for start, end in parts]
    results = _in_workers(_correct_section, work, tuple(lexicons), jobs, progress)
    proposals = [p for _corrected, section_proposals in results for p in section_proposals]
    return TextCorrection(text, "".join(corrected for corrected, _ in results), proposals)


# A section of a long text is about this many words; evidence from "the same document" comes from
# the section, which keeps the work per word constant however large the file.
SECTION_WORDS = 20_000
# How many sections a worker process corrects before a fresh one takes over (see `_in_workers`).
SECTIONS_PER_WORKER = 4
# ... and checks: a check keeps no candidates, and what its caches hold of the words of earlier
# sections (their kinds, readings, neighbours) spares work in the next ones. Measured on the first
# 200,000 words with --jobs 1: 4.25 s, where a fresh worker every four sections took 4.65 s. On a
# million words with two workers, 25 sections a worker (one worker each half) against 12: 8.59-8.73 s
# against 8.74-9.10 s (three runs each, side by side), for 806-812 MB of the process tree (PSS)
# against 667-675 MB, under the 1 GB a million words may take.
CHECK_SECTIONS_PER_WORKER = 25


def sections(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Spans of `text` of at most about `limit` (default SECTION_WORDS) words each, cut at paragraph
    (else line) breaks."""
    limit = limit or SECTION_WORDS
    if text.count(" ") + text.count("\n") < limit:
        return [(0, len(text))]
    import regex

    cuts = [m.end() for m in regex.finditer(r"\r?\n[ \t]*\r?\n", text)] or \
        [m.end() for m in regex.finditer(r"\r?\n", text)]
    spans, start, words = [], 0, 0
    previous = 0
    for cut in cuts + [len(text)]:
        piece_words = len(text[previous:cut].split())
        if words and words + piece_words > limit:
            spans.append((start, previous))
            start, words = previous, 0
        words += piece_words
        previous = cut
    spans.append((start, len(text)))
    return [span for span in spans if span[0] < span[1]] or [(0, len(text))]


def _correct_section(args):
    """A section corrected, its proposals moved to the whole text's offsets (in the worker: there
    are a hundred thousand of them in a million words)."""
    from ocr_fix.propose.passes import fix_passes

    piece, offset, lexicons, translation, join_hyphenation, readings, profile, decisions, digest = args
    corrected, proposals = fix_passes(piece, resources(lexicons), translation, join_hyphenation, readings,
                                      **_archive(profile, decisions, piece, digest))
    if offset:
        proposals = [replace(p, start=p.start + offset, end=p.end + offset) for p in proposals]
    return corrected, proposals


def _archive(profile: str | None, decisions: tuple[str, ...], text: str, digest: str | None = None) -> dict:
    """fix_passes's archive evidence: the profile's view for this text, the decisions learnt."""
    out: dict = {}
    if profile is not None:
        from ocr_fix.archive.profile import ArchiveView, load_profile

        out["archive"] = ArchiveView(load_profile(profile), text, digest)
    if decisions:
        from ocr_fix.archive.decisions import load_decisions

        out["learnt"] = load_decisions(decisions)
    return out


def _in_workers(function, work: list, lexicons: tuple[str, ...], jobs: int,
                progress: Callable[[int, int], None] | None = None, sections_per_worker: int | None = None,
                each: Callable | None = None) -> list:
    """`function` over the sections' `work`, in `jobs` worker processes when there are several;
    `progress(done, total)` after each section. A worker takes `sections_per_worker` sections
    (default SECTIONS_PER_WORKER) before a fresh one takes over. With `each`, what is kept of a result
    is `each(result)`, made here as the result comes in (in order)."""

    def counted(results):
        out = []
        for result in results:
            out.append(result if each is None else each(result))
            if progress is not None:
                progress(len(out), len(work))
        return out

    jobs = worker_count(jobs, len(work))
    res = resources(lexicons)
    if len(work) > 1:
        # A long text makes millions of look-ups: the flat dictionary and the compiled index pay from
        # its first section on (left to be built after 300,000 look-ups, the first hundred thousand
        # words ran on the slow path; the results are the same either way).
        res.lookup.index.flatten()
    if jobs <= 1 and len(work) <= SECTIONS_PER_WORKER:
        return counted(function(item) for item in work)
    # Longer work runs in worker processes even with one job: one worker at a time, handed over to a
    # fresh one every SECTIONS_PER_WORKER sections, as with several. In this process a million words
    # grew to 1.1 GB (the word caches filled to their bounds and the heap around them); a worker
    # starts again from the pages it shares with this one.
    def load_everything():  # once before forking, so the workers share it instead of each reading it
        res.lookup.search
        res.name_index

    # The workers run without the cycle collector: what a section builds (tokens, findings, the
    # caches) holds no reference cycles, so reference counting frees all of it, and the collector
    # only walked it again and again (a full collection after twenty sections found nothing to
    # free; a twentieth of the time went to it).
    # A worker hands over to a fresh one after a few sections: its word caches are bounded, but
    # filled to their bounds they and the heap around them held some 600 MB a worker, and a fresh
    # worker starts from the pages it shares with this process (measured on a million words,
    # two workers: 1.5 GB for the process tree against 0.9 GB, in the same time).
    with worker_pool(jobs, load_everything, tasks_per_worker=sections_per_worker or SECTIONS_PER_WORKER,
                     collect_cycles=False) as pool:
        return counted(pool.imap(function, work, chunksize=1))  # in order, as each is done


@dataclass(frozen=True)
class FileCorrection:
    """A file read and corrected: `source` is what was read (`ocr_fix.inputs.Input`: its `text`, its `kind`
    text, hocr, alto or page), `correction` the corrections of its text."""

    source: object
    correction: TextCorrection

    def render(self, to: str | None = None, encoding: str | None = None) -> bytes:
        """The corrected file: in its own format by default (an OCR file with only the corrected words
        changed; a text in its own encoding), or as `to` ("text", "hocr", "alto", "page")."""
        edits = [(p.start, p.end, p.replacement) for p in self.correction.applied]
        return self.source.render(self.correction.text, edits, encoding, to=to)


def correct_file(path, options: PassOptions | None = None, **settings) -> FileCorrection:
    """Read `path` (plain text, or an hOCR, ALTO or PAGE file, told apart by their content) and correct
    it with the engine's confidences as evidence; `settings` are `correct_text`'s (lexicons, jobs...)."""
    from ocr_fix.inputs import read_input

    source = read_input(path, options or PassOptions())
    return FileCorrection(source, correct_text(source.text, readings=source.readings, options=options, **settings))


def check_file(path, options: PassOptions | None = None, **settings) -> CheckReport:
    """`check_text` of a file read as `correct_file` reads it."""
    from ocr_fix.inputs import read_input

    source = read_input(path, options or PassOptions())
    return check_text(source.text, readings=source.readings, options=options, **settings)


def assess_text(text: str, by: str = "file", lexicons: tuple[str, ...] = ()) -> list[SegmentQuality]:
    """`ocr_fix.quality.estimate.assess` with the tool's own detection and word lookup (and the user's
    extra lexicons): the quality of a text without a ground truth, by "file", "page" or "line"."""
    report = check_text(text, lexicons=tuple(lexicons))
    return assess(text, report.findings, resources(tuple(lexicons)).lookup.known_word, by)
