"""Build hook: compiles ocr-fix's optional C++ speed-ups (the `.pyx` files under `ocr_fix/`) with Cython.

ocr-fix runs without them: each compiled module repeats an algorithm that is also written in Python
(see its docstring), and the Python one runs where the compiled one is missing. So a machine without
a C++ compiler gets a warning here and a working, slower ocr-fix; set OCR_FIX_PURE_PYTHON=1 to skip
compiling on purpose.

The compiled files are written beside their sources, where an editable install (`make test`) imports
them, and a wheel carries them as platform-specific files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class NativeBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("OCR_FIX_PURE_PYTHON"):
            return
        root = Path(self.root)
        built = []
        for source in sorted((root / "ocr_fix").rglob("*.pyx")):
            try:
                built.append(_compile(root, source))
            except Exception as exc:  # no compiler, no headers, no Cython: the Python code still runs
                print(f"ocr-fix: {source.name} was not compiled ({exc}); ocr-fix runs without it, more slowly",
                      file=sys.stderr)
        if not built:
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            for path in built:
                build_data["force_include"][str(path)] = str(path.relative_to(root))


def _compile(root: Path, source: Path) -> Path:
    """Compile one `.pyx` file in place; the path of the compiled module."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    relative = source.relative_to(root)
    headers = [str(header.relative_to(root)) for header in sorted(source.parent.glob("*.hpp"))]
    extension = Extension(".".join(relative.with_suffix("").parts), [str(relative)], language="c++",
                          depends=headers,  # rebuilt when a header it may include changes
                          extra_compile_args=["-O3", "-std=c++17"])
    previous = os.getcwd()
    os.chdir(root)  # setuptools resolves the sources and the in-place targets from here
    try:
        distribution = Distribution({"name": "ocr-fix", "ext_modules": cythonize([extension], quiet=True)})
        command = build_ext(distribution)
        command.inplace = True
        command.ensure_finalized()
        command.run()
        return root / command.get_ext_fullpath(extension.name)
    finally:
        os.chdir(previous)
