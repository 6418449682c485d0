"""Same output before and after a change: run the CLI over the dev sets into a folder, then compare two
such folders byte for byte.

    python benchmarks/same_output.py run OUT [--shared /work/shared]   # every output into OUT
    python benchmarks/same_output.py run OUT --shared benchmarks/data  # the same, from the project's copies
    python benchmarks/same_output.py compare OLD NEW                   # exit 1 on any difference

`run` calls the CLI in this process (the corrector's resources are loaded once, so the ~180 texts take
a few minutes instead of an hour of start-ups), the same way `ocr-fix` does (`ocr_fix.cli.main`'s
error handling included), for every `*.ocr.txt` of DEV-SET/pairs and DEV-SET-REAL/pairs:

    ocr-fix fix FILE -o OUT/fix/NAME          (the written file, and the command's stdout/stderr/exit)
    ocr-fix propose FILE -o OUT/propose/NAME.review.tsv
    ocr-fix check -f json FILE                (stdout, stderr, exit)

and for each `samples/*.txt` also `fix --diff`, `fix`, `quality -f json`, `check`, `propose`, `apply`
and `diff` of its review, and `fix -o`, `fix --output-encoding koi8-r -o` and `fix --in-place` of a
cp1251 copy and a copy with a BOM (OUT/inputs); the refusals (-o the input, an existing -o, -o with
--in-place, --in-place on standard input...); and `fix --out-dir OUT/batch DEV-SET/pairs`. Every command's
stdout, stderr and exit code is kept as OUT/runs/NAME.COMMAND.{out,err,code}; the output folder's
own name is written as <OUT> in them, so two runs into two folders compare equal.

To check a change: check out the old commit, `run OLD`; check out the new one, `run NEW`;
`compare OLD NEW`.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# this checkout's ocr_fix, not the one the venv was installed from (run as a script, the folder first on
# the path is benchmarks/): comparing two checkouts means running each one's own code
sys.path.insert(0, str(ROOT))


def _invoke(args: list[str]) -> tuple[bytes, bytes, int]:
    """One CLI run in this process, as `ocr-fix ARGS` would run it."""
    from typer.testing import CliRunner

    from ocr_fix.cli import app
    from ocr_fix.errors import OcrFixError

    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click 8.2 keeps stderr apart by itself
        runner = CliRunner()
    result = runner.invoke(app, args, catch_exceptions=True)
    out, err, code = result.stdout_bytes, result.stderr_bytes or b"", result.exit_code
    if isinstance(result.exception, OcrFixError):  # as ocr_fix.cli.main prints it
        err += f"ocr-fix: {result.exception}\n".encode()
        code = 2
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        err += f"EXCEPTION {type(result.exception).__name__}: {result.exception}\n".encode()
    return out, err, code


def _keep(runs: Path, name: str, out_dir: Path, done: tuple[bytes, bytes, int]) -> None:
    out, err, code = done
    mark = str(out_dir).encode()
    (runs / f"{name}.out").write_bytes(out.replace(mark, b"<OUT>"))
    (runs / f"{name}.err").write_bytes(err.replace(mark, b"<OUT>"))
    (runs / f"{name}.code").write_text(f"{code}\n")


def sets_folder() -> Path:
    """Where `run` reads the dev sets unless told: $OCR_FIX_SHARED, else /work/shared where it is, else the
    project's copies (the same files). The outputs name their input files, so two runs compare equal only
    when both read one folder, and a checkout's own benchmarks/data is a different path in each checkout."""
    if "OCR_FIX_SHARED" in os.environ:
        return Path(os.environ["OCR_FIX_SHARED"])
    shared = Path("/work/shared")
    return shared if shared.is_dir() else ROOT / "benchmarks" / "data"


def texts(shared: Path) -> list[Path]:
    found: list[Path] = []
    for folder in ("dev-set", "dev-set-real"):
        found.extend(sorted((shared / folder / "pairs").glob("*.ocr.txt")))
    return found


def run(out_dir: Path, shared: Path, limit: int | None = None) -> int:
    out_dir = out_dir.resolve()
    for part in ("fix", "propose", "runs"):
        (out_dir / part).mkdir(parents=True, exist_ok=True)
    runs = out_dir / "runs"
    files = texts(shared)[:limit]
    for number, path in enumerate(files, start=1):
        name = f"{path.parent.parent.name}__{path.name}"
        fixed = out_dir / "fix" / name
        review = out_dir / "propose" / f"{name}.review.tsv"
        for target in (fixed, review):
            if target.exists():
                target.unlink()
        _keep(runs, f"{name}.fix", out_dir, _invoke(["fix", str(path), "-o", str(fixed)]))
        _keep(runs, f"{name}.propose", out_dir, _invoke(["propose", str(path), "-o", str(review)]))
        _keep(runs, f"{name}.check", out_dir, _invoke(["check", "-f", "json", str(path)]))
        print(f"{number}/{len(files)} {name}", file=sys.stderr)
    os.chdir(ROOT)  # the samples named as `samples/NAME`, whichever checkout runs this
    inputs = out_dir / "inputs"
    inputs.mkdir(exist_ok=True)
    for sample in sorted(Path("samples").glob("*.txt")):
        name = f"samples__{sample.name}"
        _keep(runs, f"{name}.fix-diff", out_dir, _invoke(["fix", str(sample), "--diff", "--color", "never"]))
        _keep(runs, f"{name}.fix", out_dir, _invoke(["fix", str(sample)]))
        _keep(runs, f"{name}.quality", out_dir, _invoke(["quality", "-f", "json", str(sample)]))
        _keep(runs, f"{name}.check", out_dir, _invoke(["check", "-f", "json", str(sample)]))
        review = out_dir / "propose" / f"{name}.review.tsv"
        applied = out_dir / "fix" / f"{name}.applied"
        for target in (review, applied):
            if target.exists():
                target.unlink()
        _keep(runs, f"{name}.propose", out_dir, _invoke(["propose", str(sample), "-o", str(review)]))
        _keep(runs, f"{name}.apply", out_dir, _invoke(["apply", str(sample), str(review), "-o", str(applied)]))
        _keep(runs, f"{name}.diff", out_dir, _invoke(["diff", str(sample), str(review), "--color", "never"]))
        # the same text in cp1251 and with a BOM: kept so on writing, or written as --output-encoding says
        text = sample.read_text(encoding="utf-8")
        for label, encoding in (("cp1251", "cp1251"), ("bom", "utf-8-sig")):
            copy = inputs / f"{sample.stem}.{label}.txt"
            copy.write_bytes(text.encode(encoding, errors="replace"))  # a sign cp1251 lacks: ?
            for target in inputs.glob(f"{copy.name}.*"):
                target.unlink()
            _keep(runs, f"{name}.{label}.fix", out_dir, _invoke(["fix", str(copy), "-o", f"{copy}.fixed"]))
            _keep(runs, f"{name}.{label}.fix-koi8", out_dir,
                  _invoke(["fix", str(copy), "--output-encoding", "koi8-r", "-o", f"{copy}.koi8"]))
            _keep(runs, f"{name}.{label}.in-place", out_dir, _invoke(["fix", str(copy), "--in-place"]))
    # the refusals, each with its message and exit code
    sample = sorted(Path("samples").glob("*.txt"))[0]
    exists = inputs / "exists.txt"
    exists.write_bytes(b"kept\n")
    review = out_dir / "propose" / f"samples__{sample.name}.review.tsv"
    refusals = {
        "same-file": ["fix", str(sample), "-o", str(sample)],
        "same-file-forced": ["fix", str(sample), "-o", f"./{sample}", "--force"],
        "exists": ["fix", str(sample), "-o", str(exists)],
        "both": ["fix", str(sample), "-o", str(exists), "--in-place"],
        "stdin-in-place": ["fix", "-", "--in-place"],
        "missing-in-place": ["fix", "missing.txt", "--in-place"],
        "device": ["fix", str(sample), "-o", "/dev/null"],
        "jobs": ["fix", str(sample), "--jobs", "-1"],
        "ascii": ["fix", str(sample), "--output-encoding", "ascii", "-o", str(inputs / "ascii.txt")],
        "apply-same-file": ["apply", str(sample), str(review), "-o", str(sample)],
        "apply-exists": ["apply", str(sample), str(review), "-o", str(exists)],
        "apply-both": ["apply", str(sample), str(review), "-o", str(exists), "--in-place"],
        "propose-exists": ["propose", str(sample), "-o", str(review)],
        "propose-device": ["propose", str(sample), "-o", "/dev/null"],
        "quality-exists": ["quality", str(sample), "-o", str(exists)],
    }
    for label, args in refusals.items():
        _keep(runs, f"refusal.{label}", out_dir, _invoke(args))
    batch = out_dir / "batch"
    if batch.exists():
        import shutil

        shutil.rmtree(batch)
    _keep(runs, "batch.fix", out_dir, _invoke(["fix", "--jobs", "1", "--out-dir", str(batch),
                                                str(shared / "dev-set" / "pairs")]))
    print(f"{len(files)} text(s) and the samples run into {out_dir}", file=sys.stderr)
    return 0


def _all_files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def compare(old: Path, new: Path) -> int:
    """Every file of both folders, byte for byte; prints each difference and the totals."""
    old_files, new_files = _all_files(old), _all_files(new)
    different = []
    for name in sorted(old_files | new_files):
        if name not in old_files or name not in new_files:
            different.append((name, "only in " + (str(new) if name not in old_files else str(old))))
        elif not filecmp.cmp(old / name, new / name, shallow=False):
            different.append((name, "differs"))
    for name, why in different:
        print(f"{name}: {why}")
    print(f"{len(old_files | new_files)} file(s) compared, {len(different)} different")
    return 1 if different else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    ran = sub.add_parser("run", help="run the CLI over the dev sets into a folder")
    ran.add_argument("out", type=Path)
    ran.add_argument("--shared", type=Path, default=None,
                     help="the folder holding dev-set/pairs and dev-set-real/pairs: ../shared or benchmarks/data "
                          "(default: $OCR_FIX_SHARED, else /work/shared where it is, else benchmarks/data)")
    ran.add_argument("--limit", type=int, default=None, help="only the first N texts")
    compared = sub.add_parser("compare", help="compare two folders byte for byte")
    compared.add_argument("old", type=Path)
    compared.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.what == "run":
        return run(args.out, args.shared or sets_folder(), args.limit)
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
