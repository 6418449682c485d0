# Two entry points for a fresh machine: `make demo` and `make test`.
# Each creates .venv on first use and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := samples/1949-05-18_kovalev_telegram_mao_kim_il.txt

.PHONY: demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# the compiled speed-ups are rebuilt when their sources change; compileall writes the bytecode pip
# writes for an installed package (an editable install has none): where Python may not write it
# itself (PYTHONDONTWRITEBYTECODE), every run compiled ocr-fix's modules again, a tenth of a second
$(VENV)/.installed: pyproject.toml hatch_build.py $(wildcard ocr_fix/*.pyx ocr_fix/*.hpp ocr_fix/*/*.pyx ocr_fix/*/*.hpp) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q ocr_fix
	touch $@

demo: $(VENV)/.installed
	$(BIN)/ocr-fix fix $(SAMPLE) --diff

test: $(VENV)/.installed
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/detection.py

clean:
	rm -rf $(VENV) build dist *.egg-info
