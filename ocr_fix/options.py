"""What one correction pass needs, as one value: built once per command from its options
(`pass_options`, which checks them), and handed down whole to the reading, the correcting and the
writing (`ocr_fix.inputs`), to a batch (`ocr_fix.batch.Settings`) and to the Python API
(`ocr_fix.api.correct_text(text, options=...)`), instead of a dozen parameters threaded through each
helper.

    options = pass_options(lexicon=[Path("names.txt")], encoding="CP1251", jobs=2)
    options.encoding        # 'cp1251': canonical, an unknown name refused at once
    options.workers()       # worker processes for a large text (`--jobs`, the cores)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ocr_fix.errors import OcrFixError


OUTPUT_FORMATS = ("text", "hocr", "alto", "page")  # what `--to` can ask for


@dataclass(frozen=True)
class PassOptions:
    """The options shared by every command that reads and corrects a text.

    `lexicons`: extra word or name list files. `translation`: the text (not the path) of a translation
    to read names from; None: the file's own non-Russian lines. `encoding`: of the input, canonical;
    None: UTF-8, else cp1251/koi8-r detected. `output_encoding`: canonical; None: the input's own (its
    BOM kept). `jobs`: as `--jobs` gave it (None: the default, see `ocr_fix.pool.worker_count`).
    `join_hyphenation`: join words hyphenated at line ends. `to`: the format a result is written in
    (text, hocr, alto, page; None: from the output's name, see `ocr_fix.ocr_files.output_kind`).
    `profile`: an archive profile to use as evidence (`ocr_fix.archive.profile`; None: none).
    `decisions`: decision files learnt from review (`ocr_fix.archive.decisions`)."""

    lexicons: tuple[str, ...] = ()
    translation: str | None = None
    encoding: str | None = None
    output_encoding: str | None = None
    jobs: int | None = None
    join_hyphenation: bool = False
    to: str | None = None
    profile: str | None = None
    decisions: tuple[str, ...] = ()

    def workers(self, work: int | None = None) -> int:
        """The worker processes to use for `work` pieces (files, or sections of one file)."""
        from ocr_fix.pool import worker_count

        return worker_count(self.jobs, work)

    def output_encoding_for(self, decoded) -> str:
        """The encoding a result is written in: --output-encoding, else the input's own."""
        return self.output_encoding or decoded.encoding


def pass_options(lexicon: Iterable[str | Path] | None = None, translation: Path | str | None = None,
                 encoding: str | None = None, output_encoding: str | None = None, jobs: int | None = None,
                 join_hyphenation: bool = False,
                 note: Callable[[str], None] | None = None, to: str | None = None,
                 profile: Path | str | None = None, decisions: Iterable[str | Path] | None = None) -> PassOptions:
    """The options of one command, checked: `--jobs` below 0 refused, the encodings' names made
    canonical (`CP1251` -> `cp1251`; an unknown one refused naming the option), the translation file
    read once (in the input encoding; `note` hears of an encoding ocr-fix detected for it). A profile
    and decision files are read here, so that a file that is not one is refused before any work."""
    from ocr_fix.textio import canonical_encoding

    if jobs is not None and jobs < 0:
        raise OcrFixError("--jobs must be 0 (one per core) or more")
    if to is not None and to not in OUTPUT_FORMATS:
        raise OcrFixError(f"unknown --to {to!r} (use {', '.join(OUTPUT_FORMATS)})")
    if encoding:
        encoding = canonical_encoding(encoding, "--encoding")
    if output_encoding:
        output_encoding = canonical_encoding(output_encoding, "--output-encoding")
    text = None
    if translation is not None:
        from ocr_fix.inputs import read_input

        text = read_input(Path(translation), PassOptions(encoding=encoding), note=note).text
    if profile is not None:
        from ocr_fix.archive.profile import load_profile

        load_profile(profile)
    decisions = tuple(str(p) for p in decisions or ())
    if decisions:
        from ocr_fix.archive.decisions import load_decisions

        load_decisions(decisions)
    return PassOptions(tuple(str(p) for p in lexicon or ()), text, encoding or None, output_encoding or None, jobs,
                       join_hyphenation, to, None if profile is None else str(profile), decisions)


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
