"""`--scheduler`: the same batch on a Dask cluster gives the same files, byte for byte, and the same
reports as the local batch; a bad file fails in the summary without stopping the batch; each worker
loads the dictionaries once; without Dask installed, `--scheduler` says what to install.

The cluster tests run the real corrector (a worker is another process: a stand-in corrector patched in
here would not reach it) on a few short files, on one LocalCluster of 2 worker processes shared by the
module. They skip where Dask is not installed.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix import batch, cluster
from ocr_fix.commands.app import app

# stderr apart from stdout (click 8.2 and later always keep it apart, and took the option away)
runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
ROOT = Path(__file__).resolve().parent.parent
ALTO = ROOT / "tests" / "data" / "formats" / "telegram1949.dejavu.L2.s5.alto.xml"

# Real OCR errors from the seed document (войскак, Скопие, a letter-spaced name, garbled names)
REAL = ("Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войскак нет.\n"
        "Скопие копий воспрещается.\n\n"
        "Товарищу Ф И Л И П П О В У\n"
        "обиспываться телеграфными агенствами  \n"
        "ЧУ ЦО, МАС ЦИ и другие.\n")
CP1251 = "Сегодня тов. Ковалев передал телеграмму, японских войскак в районе нет.\r\n"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A good text, a cp1251 text (detected), an ALTO file, one in a subfolder, and a 'text' that is a
    picture (fails: it is no text)."""
    root = tmp_path_factory.mktemp("archive") / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(REAL, encoding="utf-8")
    (root / "b.txt").write_bytes(CP1251.encode("cp1251"))
    (root / "sub" / "c.txt").write_text(REAL.replace("Вчера", "Сегодня"), encoding="utf-8")
    (root / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    shutil.copy(ALTO, root / "page.xml")
    return root


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def local_run(archive, tmp_path_factory):
    """The local batch (2 worker processes), run before any Dask thread exists in this process (the
    pool forks)."""
    pytest.importorskip("distributed")  # nothing to compare it with
    out = tmp_path_factory.mktemp("run") / "out"  # run0/out, the cluster's run1/out: tables of one width
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OCR_FIX_USER_LEXICONS", "")  # as conftest's does for each test (this runs before it)
        result = invoke("fix", archive, "--out-dir", out, "--jobs", "2")
    return out, result


@pytest.fixture(scope="module")
def client(local_run):
    distributed = pytest.importorskip("distributed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OCR_FIX_USER_LEXICONS", "")  # as conftest's for each test; the workers inherit it
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                      silence_logs=logging.ERROR) as local, distributed.Client(local) as connected:
            yield connected


def test_a_two_worker_local_cluster_writes_the_local_batch_byte_for_byte(archive, local_run, client,
                                                                         tmp_path_factory):
    out, local = local_run
    assert local.exit_code == 1  # the picture failed
    on_cluster = tmp_path_factory.mktemp("run") / "out"
    result = invoke("fix", archive, "--out-dir", on_cluster, "--scheduler", client.scheduler.address)
    assert result.exit_code == 1, result.output
    written = _tree(on_cluster)
    assert written == _tree(out)
    assert sorted(written) == ["a.txt", "b.txt", "page.xml", "sub/c.txt"]
    assert "японских войск нет" in written["a.txt"].decode("utf-8")
    assert written["b.txt"] == CP1251.replace("войскак", "войск").encode("cp1251")  # its own encoding kept
    # the same summary, the failed file in it, only the output folder differing
    assert result.stdout.replace(str(on_cluster), "OUT") == local.stdout.replace(str(out), "OUT")
    scan = [line for line in result.stdout.splitlines() if "scan.txt" in line]
    assert len(scan) == 1 and "failed" in scan[0]
    assert "5 file(s): 3 fixed, 1 unchanged, 0 skipped, 1 failed" in result.stdout
    assert f"{archive / 'b.txt'}: read as cp1251 (detected)" in result.stderr


def test_a_second_run_on_the_cluster_skips_what_is_done(archive, client, tmp_path):
    out = tmp_path / "out"
    first = invoke("fix", archive / "a.txt", archive / "b.txt", "--out-dir", out, "--scheduler",
                   client.scheduler.address)
    assert first.exit_code == 0, first.output
    (out / "a.txt").write_bytes(b"kept")
    again = invoke("fix", archive / "a.txt", archive / "b.txt", "--out-dir", out, "--scheduler",
                   client.scheduler.address)
    assert again.exit_code == 0, again.output
    assert "2 file(s): 0 fixed, 0 unchanged, 2 skipped, 0 failed" in again.stdout
    assert (out / "a.txt").read_bytes() == b"kept"
    # nothing left to do: no cluster is asked for (this address has none)
    done = invoke("fix", archive / "a.txt", archive / "b.txt", "--out-dir", out, "--scheduler", "tcp://127.0.0.1:9")
    assert done.exit_code == 0 and "2 skipped" in done.stdout


def test_each_worker_loads_the_dictionaries_once(archive, client, tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "IN_FLIGHT_PER_WORKER", 1)  # 2 files in flight: the rest sent as they finish
    jobs = batch.plan([archive], tmp_path / "out", in_place=False)
    heard = []
    outcomes = batch.run(jobs, batch.Settings(), 2, heard.append, scheduler=client)
    assert len(heard) == len(jobs) == 5 and [o.source for o in outcomes] == [str(j.source) for j in jobs]
    assert [o.status for o in outcomes] == ["fixed", "fixed", "unchanged", "failed", "fixed"]  # page.xml unchanged
    assert sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file()) == ["a.txt", "b.txt", "c.txt",
                                                                                     "page.xml"]
    loads = client.run(cluster.loads)
    assert len(loads) == 2 and set(loads.values()) == {1}, loads
    # and the files did use them: the cache was asked again on the workers after the one load
    from ocr_fix.session import _resources

    hits = client.run(lambda: _resources.cache_info().hits)
    assert sum(hits.values()) >= 4, hits


def _same(args: list, client) -> None:
    here = invoke(*args)
    there = invoke(*args, "--scheduler", client.scheduler.address)
    assert (there.exit_code, there.stdout) == (here.exit_code, here.stdout)
    assert there.stderr == here.stderr
    return here


def test_check_reports_the_same_on_the_cluster(archive, client):
    files = [archive / "a.txt", archive / "b.txt", archive / "page.xml"]
    table = _same(["check", *files], client)
    assert table.exit_code == 1 and "войскак" in table.stdout and "b.txt" in table.stdout
    _same(["check", "-f", "json", *files], client)
    bad = _same(["check", archive / "a.txt", archive / "scan.txt"], client)
    assert bad.exit_code != 0 and bad.stdout == ""


def test_quality_reports_the_same_on_the_cluster(archive, client):
    result = _same(["quality", archive / "a.txt", archive / "b.txt", archive / "sub", "--sort", "worst",
                    "-f", "csv"], client)
    assert result.exit_code == 0 and result.stdout.count("\n") == 4


def test_eval_reports_the_same_on_the_cluster(tmp_path, client):
    pairs = tmp_path / "pairs"
    pairs.mkdir()
    for name, text in (("one", REAL), ("two", CP1251)):
        (pairs / f"{name}.ocr.txt").write_text(text, encoding="utf-8")
        (pairs / f"{name}.gold.txt").write_text(text.replace("войскак", "войск"), encoding="utf-8")
    result = _same(["eval", pairs, "-f", "json"], client)
    assert result.exit_code == 0 and '"documents": 2' in result.stdout
    gt, ocr = tmp_path / "gt", tmp_path / "ocr"  # the folder layout, an OCR text in cp1251
    for folder in (gt, ocr):
        folder.mkdir()
    for name, text in (("one.txt", REAL), ("two.txt", CP1251)):
        (gt / name).write_text(text.replace("войскак", "войск"), encoding="utf-8")
    (ocr / "one.txt").write_text(REAL, encoding="utf-8")
    (ocr / "two.txt").write_bytes(CP1251.encode("cp1251"))
    folders = _same(["eval", "--gt", gt, "--ocr", ocr], client)
    assert folders.exit_code == 0 and "all 2" in folders.stdout and "read as cp1251" in folders.stderr


def test_scheduler_without_dask_installed_says_what_to_install(archive, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails, as where it is missing
    for args in (["fix", archive, "--out-dir", tmp_path / "out"], ["check", archive / "a.txt"],
                 ["quality", archive / "a.txt"], ["eval", archive / "a.txt", archive / "b.txt"]):
        result = invoke(*args, "--scheduler", "local")
        assert result.exit_code == 2
        [line] = result.stderr.splitlines()
        assert line.startswith("ocr-fix: --scheduler ") and "not installed" in line, line
        assert "pip install 'ocr-fix[dask]'" in line, line  # the command to paste, exactly
    assert not (tmp_path / "out").exists()


def test_scheduler_asks_for_a_batch_on_fix(archive, tmp_path):
    pytest.importorskip("distributed")
    result = invoke("fix", archive / "a.txt", "-o", tmp_path / "a.txt", "--scheduler", "local")
    assert result.exit_code == 2
    assert "--scheduler runs a batch: give --out-dir OUT (or --in-place)" in result.stderr


def test_an_address_that_is_no_scheduler_is_one_line(archive):
    pytest.importorskip("distributed")
    from ocr_fix.errors import OcrFixError

    result = invoke("check", archive / "a.txt", "--scheduler", "nowhere")
    assert isinstance(result.exception, OcrFixError)  # the command line prints it as one line, exit 2
    assert str(result.exception) == ("cannot reach the Dask scheduler at nowhere (missing port number in address "
                                     "'nowhere'); give its address as tcp://HOST:PORT, or 'local' for a cluster "
                                     "on this machine")


def test_ctrl_c_on_the_cluster_stops_between_whole_files(archive, client, tmp_path, monkeypatch):
    jobs = batch.plan([archive], tmp_path / "out", in_place=False)
    real = batch.write_result
    calls = []

    def interrupted(job, done, settings):
        calls.append(job)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(job, done, settings)

    monkeypatch.setattr(batch, "write_result", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.run(jobs, batch.Settings(), 2, scheduler=client)
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    # the two results written before, whole (the failed file has nothing to write)
    assert len(written) in (1, 2) and all((tmp_path / "out" / name).read_bytes() for name in written)
    assert not [p for p in (tmp_path / "out").rglob(".*")]  # no temporary file left
    monkeypatch.setattr(batch, "write_result", real)
    again = batch.run(jobs, batch.Settings(), 2, scheduler=client)  # and a second run finishes the rest
    assert sorted(o.status for o in again).count("skipped") == len(written)
    assert len([p for p in (tmp_path / "out").rglob("*") if p.is_file()]) == 4


def _children(pid: int) -> list[int]:
    """The processes `pid` started, from any of its threads (Dask starts its workers from its own)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see the workers")
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_signals_stop_a_cluster_batch_in_one_line_between_whole_files(tmp_path, how):
    """As the local pool: Ctrl-C reaches the whole group (the LocalCluster's workers too), SIGTERM the
    main process only; either way the cluster is closed, its processes end, every file written is
    whole, and the user reads one line."""
    pytest.importorskip("distributed")
    import os
    import signal
    import subprocess
    import time

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n in range(400):  # far more than a few seconds' work: still busy when the signal comes
        (src / f"{n:03}.txt").write_text(REAL * 3, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "ocr_fix", "fix", str(src), "--out-dir", str(out),
                                "--scheduler", "local", "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True,
                               env={**os.environ, "OCR_FIX_USER_LEXICONS": ""})
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            if out.is_dir() and any(not p.name.startswith(".") for p in out.iterdir()):
                break  # a file written whole (a hidden one is a write in progress)
            time.sleep(0.05)
        workers = _children(process.pid)
        assert process.poll() is None and len(workers) >= 2, "the cluster's workers did not start"
        if how == "ctrl-c":
            os.killpg(process.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole foreground group
        else:
            process.send_signal(signal.SIGTERM)  # `kill PID` reaches the main process only
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:  # the test failed with the command still running: end it and its cluster
            process.terminate()
            process.communicate(timeout=120)
    text = err.decode("utf-8", "replace")
    assert process.returncode == (130 if how == "ctrl-c" else 128 + signal.SIGTERM), text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    last = text.strip().splitlines()[-1]
    assert last.startswith("ocr-fix: "), text
    if how == "ctrl-c":  # and what to do about it
        assert "interrupted" in last and "run the same command" in last, text
    else:
        assert "signal" in last, text
    time.sleep(0.5)
    assert not [w for w in workers if _alive(w)], "the cluster's processes outlived the command"
    written = sorted(out.iterdir())
    assert 0 < len(written) < 400 and not [p for p in written if p.name.startswith(".")]
    assert len({p.read_bytes() for p in written}) == 1  # all whole: the same text gives the same output


def test_local_workers_have_the_dictionaries_before_their_first_file():
    """`--scheduler local`'s cluster: the warm-up plugin has each worker load them as it joins."""
    pytest.importorskip("distributed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OCR_FIX_USER_LEXICONS", "")
        with cluster.connect("local", 1) as fresh:
            assert list(fresh.run(cluster.loads).values()) == [1]  # no file sent yet
            assert fresh.run(_gc_thresholds) == {
                address: ocr_fix.cli.GC_THRESHOLDS for address in fresh.run(cluster.loads)}


def _gc_thresholds():
    import gc

    return gc.get_threshold()


def test_profile_on_the_cluster_writes_the_local_profile(archive, client, tmp_path):
    here, there = tmp_path / "here.profile", tmp_path / "there.profile"
    local = invoke("profile", archive, "-o", here, "--jobs", "1")
    remote = invoke("profile", archive, "-o", there, "--scheduler", client.scheduler.address)
    assert remote.exit_code == local.exit_code == 1  # the picture is left out of both, and said so
    assert "scan.txt" in remote.stderr
    assert there.read_bytes() == here.read_bytes()
