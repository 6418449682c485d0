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


def test_each_kernel_runs_its_python_twin_when_asked():
    code = ("from ocr_fix import confusion, tokens; from ocr_fix.names import matching; from ocr_fix.language import search; "
            "import sys; sys.exit(not (isinstance(confusion._COSTS, confusion.PythonConfusion) and "
            "isinstance(tokens._TOKENIZER, tokens.PythonTokenizer) and matching._Forms is matching.PythonForms and "
            "search.FormSearch is search.PythonWalk))")
    env = dict(os.environ, OCR_FIX_PURE_PYTHON="1")
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0


def test_twin_gives_the_compiled_implementation_where_the_module_is_built_else_the_python_one(monkeypatch):
    from ocr_fix import native

    monkeypatch.delenv("OCR_FIX_PURE_PYTHON", raising=False)
    assert native.twin("no_such_kernel", "python", lambda module: "compiled") == "python"
    monkeypatch.setattr(native, "compiled", lambda name: sys)  # any module stands for a built one
    assert native.twin("no_such_kernel", "python", lambda module: module.__name__) == "sys"
