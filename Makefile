# Community Advisor: every target creates .venv first if it is missing.
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
  BIN := $(VENV)/Scripts
else
  BIN := $(VENV)/bin
endif
PY := $(BIN)/python
STAMP := $(VENV)/.installed
MO := translations/es/LC_MESSAGES/advisor_app.mo

.PHONY: run test bench screenshots translations build clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

$(MO): translations/es/LC_MESSAGES/advisor_app.po $(STAMP)
	$(BIN)/pybabel compile --statistics -D advisor_app -d translations -l es

run: $(STAMP) $(MO)
	$(PY) -m advisor_app $(ARGS)

test: $(STAMP) $(MO)
	$(PY) -m pytest

bench: $(STAMP) $(MO)
	$(PY) -m benchmarks $(ARGS)

screenshots: $(STAMP) $(MO)
	QT_QPA_PLATFORM=offscreen $(PY) -m advisor_app.ui.shell.screenshots docs/screenshots

translations: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-by-file -F babel.cfg -o translations/advisor_app.pot \
	    --project="Community Advisor" --copyright-holder="Community Advisor" .
	$(BIN)/pybabel update --no-fuzzy-matching -D advisor_app -i translations/advisor_app.pot -d translations -l es
	$(BIN)/pybabel compile --statistics -D advisor_app -d translations -l es

build: $(STAMP) $(MO)
	$(PY) -m pip install --quiet -e ".[build]"
	$(BIN)/pyinstaller --noconfirm --clean build.spec
	./dist/advisor-app/advisor-app check --db "$$(mktemp -d)/smoke.sqlite3"
	# The frozen app prints the demo agreement and an attendance sheet (fonts, clause library, QR code).
	smoke="$$(mktemp -d)" && ./dist/advisor-app/advisor-app demo --db "$$smoke/demo.sqlite3" && \
	./dist/advisor-app/advisor-app agreement-pdf --db "$$smoke/demo.sqlite3" --lang both --out "$$smoke/a.pdf" \
		--id "$$($(PY) -c 'from advisor_app.store.demo import demo_id; print(demo_id("agreement:partnership"))')" && \
	./dist/advisor-app/advisor-app attendance-pdf --db "$$smoke/demo.sqlite3" --lang es --out "$$smoke/w.pdf" \
		--id "$$($(PY) -c 'from advisor_app.store.demo import demo_id; print(demo_id("workshop:plan"))')"

clean:
	rm -rf build dist $(MO)
