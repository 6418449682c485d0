"""Make an archive of OCR'd typescripts for the archive-scale benchmarks (issue 16): the dev texts
(benchmarks/data/dev-set/src/*.txt, copied from ../shared/dev-set/src) and the held-out ones
(benchmarks/heldout/src/*.txt), each typed in several fonts, worn to several levels, with several
seeds, and read back with Tesseract by ../shared/tools/make_ocr_set.py (the one thing here that
needs ../shared, with Tesseract). The same documents (and so the same names) recur across many files,
as in a real archive.

    python benchmarks/make_archive.py [--files 300] [--out benchmarks/out/archive]

writes OUT/ocr/NAME.txt (the OCR output) and OUT/gold/NAME.txt (its gold text), NAME being
TEXT.FONT.LLEVEL.sSEED; that is the layout `ocr-fix eval --gt OUT/gold --ocr OUT/ocr` and
`ocr-fix fix OUT/ocr --out-dir ...` take. Files already made are kept (it is made once; a second run
only adds what is missing). make_ocr_set.py needs numpy and pillow: this Python when it has them,
else a venv of its own made under benchmarks/out/ocr-venv.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
TOOL = SHARED / "tools" / "make_ocr_set.py"
SOURCES = sorted((HERE / "data" / "dev-set" / "src").glob("*.txt")) + sorted((HERE / "heldout" / "src").glob("*.txt"))
DEFAULT_OUT = HERE / "out" / "archive"
# the fonts make_ocr_set.py knows, where this machine has them (freemono: apt install fonts-freefont-ttf)
FONT_FILES = {
    "dejavu": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "liberation": "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "freemono": "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
}
LEVELS = (1, 2, 3)


def fonts() -> list[str]:
    found = [name for name, path in FONT_FILES.items() if os.path.exists(path)]
    if not found:
        sys.exit("make_archive: none of the fonts is installed (apt install fonts-dejavu-core)")
    return found


def python_with_pillow() -> str:
    """A Python that has numpy, pillow and regex: this one, or a venv made for them."""
    probe = "import numpy, PIL, regex"
    if subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode == 0:
        return sys.executable
    venv = HERE / "out" / "ocr-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(python), "-c", probe], capture_output=True).returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "numpy", "pillow", "regex"], check=True)
    return str(python)


def plan(count: int) -> list[tuple[Path, str, int, int]]:
    """(text, font, level, seed) for `count` files: every text in every font at every level for seed 1,
    then seed 2, ... so that the documents recur across the archive however many files are asked."""
    combos = []
    for seed in itertools.count(1):
        for level, font, source in itertools.product(LEVELS, fonts(), SOURCES):
            combos.append((source, font, level, seed))
            if len(combos) == count:
                return combos
    return combos


def name_of(source: Path, font: str, level: int, seed: int) -> str:
    return f"{source.stem}.{font}.L{level}.s{seed}"


def make_one(python: str, out: Path, source: Path, font: str, level: int, seed: int) -> str:
    name = name_of(source, font, level, seed)
    if (out / "ocr" / f"{name}.txt").exists() and (out / "gold" / f"{name}.txt").exists():
        return name
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([python, str(TOOL), str(source), "--font", font, "--level", str(level), "--seed", str(seed),
                        "--out", work], check=True, capture_output=True,
                       env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # one core a Tesseract: --jobs of them
        # written whole, then moved in: an interrupted run leaves no half file behind
        shutil.move(os.path.join(work, f"{name}.gold.txt"), out / "gold" / f"{name}.txt")
        shutil.move(os.path.join(work, f"{name}.ocr.txt"), out / "ocr" / f"{name}.txt")
    return name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=300, help="how many OCR files (default 300)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where (default {DEFAULT_OUT})")
    parser.add_argument("--jobs", type=int, default=2, help="Tesseract runs at a time (default 2)")
    args = parser.parse_args()
    (args.out / "ocr").mkdir(parents=True, exist_ok=True)
    (args.out / "gold").mkdir(parents=True, exist_ok=True)
    python = python_with_pillow()
    todo = plan(args.files)
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        done = list(pool.map(lambda c: make_one(python, args.out, *c), todo))
    fonts_used = ", ".join(sorted({font for _, font, _, _ in todo}))
    levels = ", ".join(str(x) for x in sorted({level for _, _, level, _ in todo}))
    seeds = ", ".join(str(x) for x in sorted({seed for _, _, _, seed in todo}))
    print(f"{len(done)} OCR files of {len(SOURCES)} texts in {args.out}/ocr (gold texts in {args.out}/gold): "
          f"fonts {fonts_used}; levels {levels}; seeds {seeds}")


if __name__ == "__main__":
    main()
