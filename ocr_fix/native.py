"""The compiled speed-ups, where this installation has them.

Each compiled module (`*.pyx`, built by `hatch_build.py` when ocr-fix is installed on a machine with
a C++ compiler) repeats an algorithm that is also written in Python, with the same results; the
Python one runs where the compiled one is missing. OCR_FIX_PURE_PYTHON=1 makes ocr-fix run without
them, to compare or to rule them out.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType


def compiled(name: str) -> ModuleType | None:
    """The compiled module `ocr_fix.<name>`, or None where it is not built or not wanted."""
    if os.environ.get("OCR_FIX_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(f"ocr_fix.{name}")
    except ImportError:
        return None
