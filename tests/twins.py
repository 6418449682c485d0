"""The twins of a kernel as test parameters: the Python one, and the compiled one where it is built."""

import pytest

from ocr_fix.native import compiled


def twin_params(name: str, python, from_compiled) -> list:
    """pytest params `python` and `compiled` (`from_compiled(module)`; skipped where `ocr_fix.<name>`
    is not built or not wanted), for a fixture or test that runs over both twins."""
    return [pytest.param(python, id="python"), *compiled_param(name, from_compiled)]


def compiled_param(name: str, from_compiled) -> list:
    """The `compiled` param of `twin_params` alone: for a test comparing it with the Python twin."""
    module = compiled(name)
    return [pytest.param(None if module is None else from_compiled(module), id="compiled",
                         marks=pytest.mark.skipif(module is None, reason=f"{name} is not built here"))]
