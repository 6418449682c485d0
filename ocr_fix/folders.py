"""Which files a command reads when it is given folders: a folder stands for its texts and its OCR
files (not hidden ones), a file for itself."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ocr_fix.errors import OcrFixError


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


# What a folder stands for: its texts, and its OCR files (an .xml file only when it is ALTO or PAGE)
TEXT_SUFFIXES = (".txt",)
OCR_SUFFIXES = (".hocr", ".xml")


def _ocr_file(path: Path) -> bool:
    """Whether a file found in a folder is an OCR file ocr-fix reads: told from its content as every
    reader tells it (an .xml file may be METS or anything else, and is then no part of the batch)."""
    if path.suffix.lower() == ".hocr":
        return True
    from ocr_fix.formats import sniff

    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)  # as much as the sniffer reads
        return sniff(head, str(path)) in ("alto", "page")
    except (OSError, OcrFixError):
        return False


def collect(paths: Iterable[Path], out_dir: Path | None = None) -> list[tuple[Path, Path]]:
    """(file, its name under the output folder): a folder stands for the .txt files and OCR files (hOCR
    .hocr, ALTO or PAGE .xml) under it (not hidden ones, and not the output folder's own files when it
    lies inside); a file stands for itself."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            files = [f for f in sorted(path.rglob("*"))
                     if f.suffix.lower() in TEXT_SUFFIXES + OCR_SUFFIXES and f.is_file() and not _hidden(f, path)
                     and not (out_dir is not None and _inside(f, out_dir))
                     and (f.suffix.lower() in TEXT_SUFFIXES or _ocr_file(f))]
            if not files:
                raise OcrFixError("no .txt or OCR files (.hocr, ALTO or PAGE .xml) in this folder", str(path))
            found.extend((f, f.relative_to(path)) for f in files)
        elif path.exists():
            found.append((path, Path(path.name)))
        else:
            raise OcrFixError("no such file", str(path))
    return found


def expand(paths: Iterable[Path]) -> list[Path]:
    """The files a command reads: a folder stands for the .txt files under it (as `collect` finds
    them), a file or '-' (standard input) for itself; a missing file is left for the reader to report."""
    files: list[Path] = []
    for path in paths:
        if str(path) != "-" and path.is_dir():
            files.extend(f for f, _ in collect([path]))
        else:
            files.append(path)
    return files


def refuse_non_folder(out_dir: Path) -> None:
    """An --out-dir that exists must be a folder: files are written under it, never over it."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OcrFixError("--out-dir names a folder to write into, and this is not a folder", str(out_dir))
