"""The command line against careless and hostile use: outputs that are not regular files, links,
repeated in-place runs, full disks, formula cells, escape sequences, signals, absurd --jobs and
mis-named encodings. Each case is a row of docs/bad-input.md.

Most tests use a stand-in corrector (they are about files and processes, not corrections); the few
that must see the real process (its standard output, its signals, its file-size limit) run
`python -m ocr_fix` on a short text.
"""

from __future__ import annotations

import csv
import io
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import ocr_fix.api
import ocr_fix.cli  # noqa: F401  (registers the commands)
import ocr_fix.commands.steps
from ocr_fix import pool
from tests.test_cli_workflow import FIXED, TEXT, doc, fake_correct, ok, run  # noqa: F401  (doc: a fixture)

ROOT = Path(__file__).resolve().parent.parent
SHORT = "японских войскак нет\n"


def read_in_background(fifo: Path):
    """Start reading `fifo` in a thread; the returned function waits for what was read (None when
    nothing came: then it opens the FIFO itself, so that a failing test does not leave the reader
    blocked for ever)."""
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()

    def result() -> bytes | None:
        reader.join(10)
        if reader.is_alive():
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(10)
            return None
        return got[0]

    return result


def cli(*args, **options) -> subprocess.CompletedProcess:
    """`ocr-fix ARGS` in its own process, as a user runs it."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "ocr_fix", *map(str, args)], cwd=ROOT, timeout=300, **options)


# --- outputs that are not regular files ------------------------------------------------------------


def test_fix_into_a_fifo_feeds_its_reader_and_leaves_the_fifo(doc, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = read_in_background(fifo)
    result = run("fix", doc, "-o", fifo)  # no --force: there is nothing of the user's in a pipe to lose
    assert received() == FIXED
    ok(result)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", ["fix", "propose"])
def test_a_character_device_stays_a_device(doc, tmp_path, command):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    ok(run(command, doc, "-o", device, "--force"))
    ok(run(command, doc, "-o", device))
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.lstat(device).st_rdev == os.makedev(1, 3)


@pytest.fixture
def dev_null_guard():
    """/dev/null as it was before the test; should a regression ever replace it with a regular file, the
    device is made again (where the test runs as root), so that one failure does not break the machine."""
    before = os.lstat("/dev/null")
    assert stat.S_ISCHR(before.st_mode)
    yield
    after = os.lstat("/dev/null")
    if not stat.S_ISCHR(after.st_mode) and os.geteuid() == 0:
        os.unlink("/dev/null")
        os.mknod("/dev/null", stat.S_IFCHR | 0o666, before.st_rdev)
        os.chmod("/dev/null", 0o666)
    assert stat.S_ISCHR(after.st_mode), "/dev/null was replaced"


@pytest.mark.parametrize("command", ["fix", "propose"])
def test_dev_null_stays_a_device(doc, dev_null_guard, command):
    ok(run(command, doc, "-o", "/dev/null", "--force"))
    ok(run(command, doc, "-o", "/dev/null"))


def test_fix_into_dev_stdout_goes_where_standard_output_goes(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text(SHORT, encoding="utf-8")
    done = cli("fix", src, "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == "японских войск нет\n"
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")


def test_a_report_into_a_fifo(tmp_path):
    ref = tmp_path / "ref.txt"
    ref.write_text("мир\n", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = read_in_background(fifo)
    result = run("score", ref, ref, "-o", fifo, "-f", "json")
    assert b'"cer": 0.0' in (received() or b"") and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    ok(result)


def test_an_out_dir_that_is_a_file_is_an_error(doc, tmp_path):
    other = tmp_path / "other.txt"
    other.write_bytes(TEXT.encode("cp1251"))
    target = tmp_path / "not-a-folder"
    target.write_text("мой файл", encoding="utf-8")
    result = run("fix", doc, other, "--out-dir", target)
    assert result.exit_code != 0
    assert str(result.exception) == f"{target}: --out-dir names a folder to write into, and this is not a folder"
    assert target.read_text(encoding="utf-8") == "мой файл"


# --- in place: links and backups ---------------------------------------------------------------------


def test_in_place_on_a_symlink_changes_the_target_keeps_the_link_and_reports_the_real_backup(doc, tmp_path):
    (tmp_path / "links").mkdir()
    link = tmp_path / "links" / "doc.txt"
    link.symlink_to(doc)
    stale = tmp_path / "doc.txt.orig"
    stale.write_bytes(b"an old backup of an older text")
    result = ok(run("fix", link, "--in-place"))
    assert link.is_symlink() and os.readlink(link) == str(doc)
    assert doc.read_bytes() == FIXED
    kept = tmp_path / "doc.txt.orig.1"
    assert kept.read_bytes() == TEXT.encode("cp1251")  # the text before this run, kept beside the target
    assert stale.read_bytes() == b"an old backup of an older text"
    assert not (tmp_path / "links" / "doc.txt.orig").exists()
    assert f"wrote {doc} (through the link {link}); the text it replaced is kept as {kept}" in result.stderr


def test_every_in_place_run_keeps_what_it_replaced(doc):
    first = ok(run("fix", doc, "--in-place"))
    assert f"the text it replaced is kept as {doc}.orig" in first.stderr
    doc.write_bytes(("второй прогон " + TEXT).encode("cp1251"))  # the user edits the file, runs again
    second = ok(run("fix", doc, "--in-place"))
    assert f"the text it replaced is kept as {doc}.orig.1" in second.stderr
    assert Path(f"{doc}.orig").read_bytes() == TEXT.encode("cp1251")
    assert Path(f"{doc}.orig.1").read_bytes() == ("второй прогон " + TEXT).encode("cp1251")


def test_in_place_refuses_what_is_not_a_regular_file(doc, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(TEXT.encode("cp1251")), daemon=True)
    writer.start()
    result = run("fix", fifo, "--in-place")
    writer.join(10)
    assert result.exit_code != 0
    assert str(result.exception) == (f"{fifo}: --in-place changes a regular file, and this is a FIFO; "
                                     "write the result with -o OUT instead")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# --- full disk ---------------------------------------------------------------------------------------


def test_a_full_device_is_a_one_line_error():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    done = cli("fix", ROOT / "samples" / "1949-05-18_kovalev_telegram_mao_kim_il.txt", "-o", "/dev/full")
    assert done.returncode == 2
    last = done.stderr.decode("utf-8").splitlines()[-1]
    assert last.startswith("ocr-fix: /dev/full: ") and "cannot write" in last and "no space" in last, last
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["fix", "propose", "score"])
def test_standard_output_on_a_full_disk_is_a_one_line_error(tmp_path, command):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    src = tmp_path / "doc.txt"
    src.write_text(SHORT, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        done = cli(*([command, src, src] if command == "score" else [command, src]), stdout=full)
    assert done.returncode == 2
    [line] = done.stderr.decode("utf-8").splitlines()
    assert line.startswith("ocr-fix: standard output: ") and "cannot write" in line and "no space" in line, line


def _small_file_limit():
    # a disk that fills after 16 bytes: the write fails as on a full disk (EFBIG instead of ENOSPC)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))


def test_a_write_cut_short_by_the_disk_is_a_one_line_error_and_leaves_no_temporary(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out.txt"
    done = cli("fix", src, "-o", out, preexec_fn=_small_file_limit)
    assert done.returncode == 2, done.stderr
    last = done.stderr.decode("utf-8").splitlines()[-1]
    assert last.startswith(f"ocr-fix: {out}: ") and "cannot write" in last and "too large" in last, last
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


# --- what reaches a spreadsheet or a terminal ---------------------------------------------------------


def test_quality_csv_guards_every_text_cell_against_formulas(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("=HYPERLINK(1).txt", "@SUM(1).txt", "+1.txt", "-1.txt", "plain.txt"):
        (folder / name).write_text("японских войск нет\n", encoding="utf-8")
    result = ok(run("quality", folder, "-f", "csv"))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    names = sorted(row["file"] for row in rows)
    assert names == sorted(["'" + str(folder / n) if str(folder / n)[0] in "=@+-" else str(folder / n)
                            for n in ("=HYPERLINK(1).txt", "@SUM(1).txt", "+1.txt", "-1.txt", "plain.txt")])
    monkeypatch.chdir(folder)  # relative names start with the dangerous character themselves
    rows = list(csv.DictReader(io.StringIO(ok(run("quality", "=HYPERLINK(1).txt", "@SUM(1).txt",
                                                  "-f", "csv")).stdout)))
    assert [row["file"] for row in rows] == ["'=HYPERLINK(1).txt", "'@SUM(1).txt"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


ESCAPES = "японских войскак нет \x1b]0;pwned\x07 и \x1b[2J\x9b31m конец\n"


@pytest.mark.parametrize("color", ["always", "never"])
def test_fix_diff_shows_control_characters_instead_of_sending_them(tmp_path, monkeypatch, color):
    monkeypatch.setattr(ocr_fix.api, "correct_text", fake_correct)
    monkeypatch.setattr(ocr_fix.commands.steps, "stdout_is_terminal", lambda: True)
    src = tmp_path / "doc.txt"
    src.write_text(ESCAPES, encoding="utf-8")
    out = ok(run("fix", src, "--diff", "--color", color)).stdout
    assert "\x1b]0;" not in out and "\x07" not in out and "\x1b[2J" not in out and "\x9b" not in out
    assert "␛]0;pwned␇" in out and "␛[2J" in out and "<U+009B>31m" in out


def test_diff_shows_control_characters_and_a_piped_diff_keeps_its_bytes(tmp_path, monkeypatch):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(ESCAPES, encoding="utf-8")
    new.write_text(ESCAPES.replace("войскак", "войск"), encoding="utf-8")
    coloured = ok(run("diff", old, new, "--color", "always")).stdout
    assert "\x1b]0;" not in coloured and "␛]0;pwned␇" in coloured
    piped = ok(run("diff", old, new, "--color", "never")).stdout  # not a terminal: for `patch`
    assert "-" + ESCAPES in piped


# --- processes -------------------------------------------------------------------------------------


def test_jobs_are_capped_at_the_work_and_the_cores():
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert pool.worker_count(64) == cores
    assert pool.worker_count(64, 4) == min(cores, 4)
    assert pool.worker_count(64, 1) == 1
    assert pool.worker_count(None, 3) == min(cores, pool.DEFAULT_WORKERS, 3)


def test_a_long_text_starts_no_more_workers_than_sections_and_cores(monkeypatch):
    import multiprocessing.context

    started = []

    class Recorded:
        def __init__(self, processes, *args, **kwargs):
            started.append(processes)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, function, work, chunksize=1):
            return [function(item) for item in work]

        imap = map

    monkeypatch.setattr(multiprocessing.context.ForkContext, "Pool", lambda self, *a, **k: Recorded(*a, **k))
    monkeypatch.setattr(ocr_fix.api, "SECTION_WORDS", 50)
    text = ("японских войск нет. " * 20 + "\n\n") * 3  # three sections of 60 words
    ocr_fix.api.check_text(text, jobs=64)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert started == ([min(3, cores)] if min(3, cores) > 1 else [])


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return False


@pytest.fixture(scope="module")
def long_text(tmp_path_factory) -> Path:
    """Eight sections of words, so that `fix --jobs 2` starts two workers and is still busy when the
    signal comes (one repeated paragraph: cheap to correct, yet a few seconds' work)."""
    path = tmp_path_factory.mktemp("long") / "long.txt"
    paragraph = "Вчера тов. Ковалев сообщил, что японских войскак в районе нет и не будет.\n\n"
    path.write_text(paragraph * (8 * ocr_fix.api.SECTION_WORDS // 12 + 1), encoding="utf-8")
    return path


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see the workers")
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_signals_stop_a_parallel_fix_in_one_line(long_text, tmp_path, how):
    out = tmp_path / "out.txt"
    process = subprocess.Popen([sys.executable, "-m", "ocr_fix", "fix", str(long_text), "-o", str(out),
                                "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 240
    workers: list[int] = []
    while time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers did not start"
    time.sleep(0.2)
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole foreground group
    else:
        process.send_signal(signal.SIGTERM)  # `kill PID` reaches the main process only
    _, err = process.communicate(timeout=60)
    text = err.decode("utf-8", "replace")
    assert process.returncode == (130 if how == "ctrl-c" else 128 + signal.SIGTERM), text
    assert "Traceback" not in text and "BrokenPipeError" not in text and "KeyboardInterrupt" not in text, text
    last = text.strip().splitlines()[-1]
    assert last.startswith("ocr-fix: ") and ("interrupted" if how == "ctrl-c" else "signal") in last, text
    time.sleep(0.5)
    assert not [w for w in workers if _alive(w)], "workers outlived the main process"
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == []


# --- what the user is told --------------------------------------------------------------------------


def test_a_named_encoding_that_makes_no_russian_is_an_error(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text("Вчера тов. Мао Цзэ-дун просил передать следующее.\n", encoding="utf-8")
    result = run("check", src, "--encoding", "utf-16")
    assert result.exit_code != 0
    assert str(result.exception).startswith(f"{src}: read as utf-16, this has almost no Cyrillic or Latin letters")


def test_the_review_hint_can_be_pasted_into_a_shell(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_fix.api, "correct_text", fake_correct)
    monkeypatch.chdir(tmp_path)
    Path("-my doc.txt").write_bytes(TEXT.encode("cp1251"))
    result = ok(run("fix", "--", "-my doc.txt"))
    assert ("review them with: ocr-fix review './-my doc.txt' './-my doc.txt.review.tsv' "
            "(it makes the review file first)") in result.stderr
    piped = ok(run("fix", "-", input=TEXT.encode("cp1251")))
    assert "ocr-fix review -" not in piped.stderr
    assert "to review them, save the text to a file FILE and run: ocr-fix review FILE FILE.review.tsv" in piped.stderr


def test_applying_a_review_twice_says_the_text_has_it_already(doc, tmp_path):
    review = tmp_path / "doc.review.tsv"
    ok(run("propose", doc, "-o", review))
    once = tmp_path / "once.txt"
    ok(run("apply", doc, review, "-o", once))
    again = run("apply", once, review, "-o", tmp_path / "twice.txt")
    assert again.exit_code != 0
    assert str(again.exception) == (f"{review}: {once} already has the 1 accepted correction(s) of this review "
                                    "(it was applied before); nothing to do")
    assert not (tmp_path / "twice.txt").exists()

