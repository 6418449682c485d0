"""What one correction pass needs, as one value: built once per command from its options
(`ocr_fix.inputs.pass_options`, which checks them and reads the files they name), and handed down
whole to the reading, the correcting and the writing (`ocr_fix.inputs`), to a batch
(`ocr_fix.batch.Settings`) and to the Python API (`ocr_fix.api.correct_text(text, options=...)`),
instead of a dozen parameters threaded through each helper.

    options = pass_options(lexicon=[Path("names.txt")], encoding="CP1251", jobs=2)
    options.encoding        # 'cp1251': canonical, an unknown name refused at once
    options.workers()       # worker processes for a large text (`--jobs`, the cores)
"""

from __future__ import annotations

from dataclasses import dataclass


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
