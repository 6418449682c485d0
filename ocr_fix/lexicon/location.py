"""Where the shipped lexicons are, whichever way ocr-fix was installed."""

from __future__ import annotations

import os
from pathlib import Path

from ocr_fix.errors import OcrFixError

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def lexicon_dir() -> Path:
    """The folder of shipped lexicons.

    An installed wheel carries them inside the package (`ocr_fix/_lexicons`); a source checkout and
    an editable install find the top-level `lexicons/` beside the package. `OCR_FIX_LEXICONS`
    overrides both, for an archive that keeps its own edited copy.
    """
    override = os.environ.get("OCR_FIX_LEXICONS")
    candidates = [Path(override)] if override else []
    candidates += [_PACKAGE_DIR / "_lexicons", _PACKAGE_DIR.parent / "lexicons"]
    for path in candidates:
        if (path / "people.tsv").is_file():
            return path
    looked = ", ".join(str(p) for p in candidates)
    raise OcrFixError(f"cannot find the lexicons folder (looked in {looked})")
