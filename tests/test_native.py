"""The compiled speed-ups are built wherever a C++ compiler is at hand, and can be turned off."""

import os
import shutil
import subprocess
import sys

import pytest

from ocr_fix.native import compiled

MODULES = ["language.search_kernel", "language.vocabulary_kernel", "confusion_kernel", "tokens_kernel"]


@pytest.mark.skipif(not (shutil.which("c++") or shutil.which("g++")) or os.environ.get("OCR_FIX_PURE_PYTHON"),
                    reason="no C++ compiler here: ocr-fix runs on its Python code alone")
@pytest.mark.parametrize("name", MODULES)
def test_the_speed_ups_are_built_where_a_compiler_is_at_hand(name):
    assert compiled(name) is not None, f"ocr_fix/{name.replace('.', '/')}.pyx was not compiled: see the install log"


def test_ocr_fix_runs_without_them_when_asked():
    code = "from ocr_fix.native import compiled; import sys; sys.exit(any(compiled(n) for n in %r))" % MODULES
    env = dict(os.environ, OCR_FIX_PURE_PYTHON="1")
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0
