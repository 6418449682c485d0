"""The user's own word list, kept by the review: a word (or name) the reviewer says is right is added
to `my-words.txt` in the user's lexicon folder (`location.user_lexicon_dir`), which every command reads,
so it is not flagged again in this file or any other."""

from __future__ import annotations

from pathlib import Path

from ocr_fix.errors import OcrFixError
from ocr_fix.lexicon.location import user_lexicon_dir

KEPT_WORDS = "my-words.txt"
_HEADER = ("# source: words and names kept as right in `ocr-fix review` (the k key); edit freely\n"
           "# one entry per line; a capitalised entry or one of several words is taken as a name\n")


def keep_word(entry: str) -> Path:
    """Add `entry` to the user's kept words (once) and return the list's path."""
    folder = user_lexicon_dir()
    if folder is None:
        raise OcrFixError("OCR_FIX_USER_LEXICONS is empty, so there is no list of your own to add to")
    entry = " ".join(entry.split())
    if not entry or entry.startswith("#"):
        raise OcrFixError(f"{entry!r} cannot be a lexicon entry", str(folder / KEPT_WORDS))
    path = folder / KEPT_WORDS
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    except (OSError, UnicodeDecodeError) as exc:
        raise OcrFixError(f"cannot read it to add {entry!r}: {exc}", str(path)) from None
    if entry in (line.strip() for line in existing.splitlines()):
        return path
    from ocr_fix.writing import write_output

    folder.mkdir(parents=True, exist_ok=True)
    write_output(path, existing + ("" if existing.endswith("\n") else "\n") + entry + "\n")
    return path
