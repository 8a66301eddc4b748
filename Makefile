# GIK Desk — the two setup commands are `make run` and `make test` (README).
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The OCR engine (issue 29) without its declared opencv-python (its Qt clashes with PySide6); its real
# requirements, with opencv-python-headless, are in pyproject.toml. Python < 3.13 only (the wheel's limit).
OCR_PIN := rapidocr-onnxruntime==1.4.4
OCR_INSTALL := $(VPY) -c 'import sys; sys.exit(sys.version_info < (3, 13))' || $(VPY) -m pip install -q --no-deps '$(OCR_PIN)'

.PHONY: run test lint bench package fuzz i18n screenshots clean venv

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q -e '.[dev]'
	$(OCR_INSTALL)
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(VPY) -m gik_desk resources/samples

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(VPY) -m mypy gik_desk
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -p no:cacheprovider

lint: $(STAMP)
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(VPY) -m mypy gik_desk

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VPY) benchmarks/run.py

fuzz: $(STAMP)
	QT_QPA_PLATFORM=offscreen GIK_FUZZ_EXAMPLES=$${GIK_FUZZ_EXAMPLES:-20000} $(VPY) -m pytest -p no:cacheprovider tests/unit/fuzz tests/unit/parse/test_digit_property.py -q -s

package: $(STAMP)
	$(VPY) -m pip install -q -e '.[package]'
	$(VPY) packaging/build.py

i18n: $(STAMP)
	$(VPY) resources/i18n/update_translations.py

screenshots: $(STAMP)  # every image in docs/, redrawn from the code as it is
	QT_QPA_PLATFORM=offscreen $(VPY) docs/screenshots.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache
