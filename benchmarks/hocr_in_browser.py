#!/usr/bin/env python3
"""Does a corrected hOCR file still open in a browser as the same page? `ocr-fix fix page.hocr -o
fixed.hocr`, then both files loaded in headless Chromium: the DOM the browser builds must have the same
elements with the same classes, ids and `title`s (boxes, confidences) in the same order, and differ
only in the text of the corrected words. (A browser takes a file for HTML by its name, so both are
opened under a `.html` name, as a user would view them.)

usage: python benchmarks/hocr_in_browser.py [FILE.hocr ...]   (default: the Tesseract files of
tests/data/formats); needs chromium (apt-get install chromium). Exit 1 when a file fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted((ROOT / "tests" / "data" / "formats").glob("*.hocr"))


class _Elements(HTMLParser):
    """The elements of a DOM dump as (tag, class, id, title), in order, and the text of each word."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple] = []
        self.words: list[str] = []
        self._in_word = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs.get("class"), attrs.get("id"), attrs.get("title")))
        if attrs.get("class") == "ocrx_word":
            self._in_word = 1
            self.words.append("")
        elif self._in_word:
            self._in_word += 1

    def handle_endtag(self, tag):
        if self._in_word:
            self._in_word -= 1

    def handle_data(self, data):
        if self._in_word:
            self.words[-1] += data


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _chromium(exe: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
                           "--no-first-run", *args], capture_output=True, text=True, timeout=120)


def dom(exe: str, path: Path) -> _Elements:
    done = _chromium(exe, "--dump-dom", path.resolve().as_uri())
    parsed = _Elements()
    parsed.feed(done.stdout)
    return parsed


def check(exe: str, source: Path, folder: Path) -> list[str]:
    fixed = folder / (source.stem + ".fixed.hocr")
    done = subprocess.run([sys.executable, "-m", "ocr_fix", "fix", str(source), "-o", str(fixed), "--force"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return [f"ocr-fix fix failed: {done.stderr.strip()}"]
    # a browser takes a file for HTML by its name: both are opened as NAME.html, as a user would view them
    shown = folder / (source.stem + ".html"), folder / (source.stem + ".fixed.html")
    shutil.copy(source, shown[0])
    shutil.copy(fixed, shown[1])
    before, after = dom(exe, shown[0]), dom(exe, shown[1])
    problems = []
    if not before.elements:
        problems.append("the browser built no DOM from the original")
    if before.elements != after.elements:
        problems.append("the browser's elements differ (tags, classes, ids or titles)")
    changed = sum(a != b for a, b in zip(before.words, after.words))
    if len(before.words) != len(after.words):
        problems.append(f"{len(before.words)} words before, {len(after.words)} after")
    print(f"{source.name}: {len(before.elements)} elements, {len(before.words)} words, {changed} corrected: "
          + ("the same layout" if not problems else "; ".join(problems)))
    return problems


def main() -> int:
    exe = browser()
    if exe is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    files = [Path(a) for a in sys.argv[1:]] or DEFAULT
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        for source in files:
            failed += bool(check(exe, source, Path(folder)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
