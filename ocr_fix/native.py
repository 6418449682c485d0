"""Which implementation of each kernel this run uses: the compiled one, where it is built and wanted,
else its Python twin.

Each compiled module (`*.pyx`, built by `hatch_build.py` when ocr-fix is installed on a machine with
a C++ compiler) repeats an algorithm that is also written in Python, with the same results; the
Python one runs where the compiled one is missing. OCR_FIX_PURE_PYTHON=1 makes ocr-fix run without
them, to compare or to rule them out.

The module that owns a kernel writes both twins behind one interface and asks `twin` once which of
them to use; its callers call that interface and never ask.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import Callable, TypeVar

Implementation = TypeVar("Implementation")


def compiled(name: str) -> ModuleType | None:
    """The compiled module `ocr_fix.<name>`, or None where it is not built or not wanted."""
    if os.environ.get("OCR_FIX_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(f"ocr_fix.{name}")
    except ImportError:
        return None


def twin(name: str, python: Implementation, from_compiled: Callable[[ModuleType], Implementation]) -> Implementation:
    """`from_compiled(module)` where the compiled module `ocr_fix.<name>` is built and wanted, else
    `python`: the two twins of one kernel, given through the same interface."""
    module = compiled(name)
    return python if module is None else from_compiled(module)
