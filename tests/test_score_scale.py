"""`ocr-fix score` on a text of megabytes stays in bounded memory (issue 19).

The previous implementation kept a Python tuple and string per grapheme and aligned the whole texts
at once: about 450 bytes per grapheme, and time growing with the square of the length. Here two
megabytes (1.1 million graphemes) against a lightly garbled copy must run in a process whose data
is capped at 200 MB (RLIMIT_DATA, so a regression fails fast with MemoryError instead of running
for minutes) and whose peak resident set (VmHWM) stays under that too. Speed is measured by
benchmarks/score_scale.py, not here.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from tests.garbling import garbled
from tests.garbled_text import heldout_texts

BOUND_MB = 200

CHILD = """
import resource, sys
limit = int(sys.argv[1]) << 20
resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
from ocr_fix.cli import main
sys.argv = ["ocr-fix", "score"] + sys.argv[2:]
try:
    main()
finally:
    # VmHWM, not ru_maxrss: the latter keeps the peak of the process this one was forked from
    peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")][0].split()[1]
    print("peak-kb", peak, file=sys.stderr)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_DATA and /proc/self/status are Linux's")
def test_score_of_two_megabytes_stays_under_a_memory_bound(tmp_path):
    rng = random.Random(7)
    texts, parts, size = heldout_texts(), [], 0
    while size < 2_000_000:
        for text in texts:
            parts.append(f"Документ № {len(parts) + 1}\n{text}\n")
            size += len(parts[-1].encode("utf-8"))
    reference = "".join(parts)
    hypothesis = "\n".join(" ".join(garbled(rng, w, 1) if w and rng.random() < 0.03 else w for w in line.split(" "))
                           for line in reference.split("\n"))
    (tmp_path / "ref.txt").write_text(reference, encoding="utf-8")
    (tmp_path / "hyp.txt").write_text(hypothesis, encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", CHILD, str(BOUND_MB), str(tmp_path / "ref.txt"),
                          str(tmp_path / "hyp.txt"), "-f", "json", "-o", str(tmp_path / "score.json")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    peak_mb = int(run.stderr.rsplit("peak-kb", 1)[1].split()[0]) / 1024
    assert peak_mb < BOUND_MB
    figures = json.loads((tmp_path / "score.json").read_text(encoding="utf-8"))
    assert figures["chars"]["reference"] > 1_000_000
    assert 0 < figures["cer"] < 0.01 and 0.02 < figures["wer"] < 0.04  # 3% of the words misread once
    total = sum(line["chars"]["edits"] for line in figures["lines"])
    assert total == figures["chars"]["edits"]
