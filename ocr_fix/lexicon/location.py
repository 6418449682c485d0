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


def user_lexicon_dir() -> Path | None:
    """The folder of the user's own word and name lists, read by every command as if each were given
    with `--lexicon`: `$OCR_FIX_USER_LEXICONS` when set (empty: none), else `ocr-fix/` under
    `$XDG_CONFIG_HOME` (`~/.config`). Not `OCR_FIX_LEXICONS`, which already names an edited copy of
    the shipped lexicons that replaces them."""
    chosen = os.environ.get("OCR_FIX_USER_LEXICONS")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "ocr-fix"


def user_lexicons() -> tuple[str, ...]:
    """The user's own lists (`*.txt`, `*.tsv` in `user_lexicon_dir()`), in name order."""
    folder = user_lexicon_dir()
    if folder is None or not folder.is_dir():
        return ()
    return tuple(str(p) for p in sorted(folder.iterdir())
                 if p.suffix.lower() in (".txt", ".tsv") and p.is_file() and not p.name.startswith("."))
