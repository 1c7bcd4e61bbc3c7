# Innspill: `make run` (demo on http://127.0.0.1:3000) and `make test` (everything CI runs).
# Both install what they need, only when missing. See README.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# Build outputs live outside the clone, so repeated runs on one machine are fast.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/innspill/target
export PATH := $(HOME)/.cargo/bin:$(PATH)
export LEPTOS_SITE_ROOT ?= target/site
# cargo-leptos builds the server with this flag; using it everywhere lets tests and lints
# reuse the same compiled dependencies.
export RUSTFLAGS := --cfg erase_components
# cargo-leptos sets this for the builds it runs, and leptos reads it while compiling: set for every
# build, the tests' and lints' leptos crates and `app` are the server's, not compiled twice.
export LEPTOS_OUTPUT_NAME := innspill

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
DS := end2end/node_modules/@digdir/designsystemet-css/dist

.PHONY: run test tools assets build release lint unit e2e bench lighthouse clean ssb-classification

# Citizens log in at the local ID-porten stand-in (end2end/idporten) unless IDPORTEN_ISSUER says
# otherwise; its port may be changed so that two `make run` can run side by side.
IDPORTEN_STANDIN_PORT ?= 4000
run: export INNSPILL_ENV ?= development
run: export IDPORTEN_STANDIN_PORT := $(IDPORTEN_STANDIN_PORT)
run: export IDPORTEN_ISSUER ?= http://127.0.0.1:$(IDPORTEN_STANDIN_PORT)
run: export IDPORTEN_CLIENT_ID ?= innspill-dev
run: export IDPORTEN_CLIENT_SECRET ?= innspill-dev-secret-not-for-production
# Residency is checked in Folkeregisteret and contact data in KRR, through Maskinporten: the real
# adapters, against the local registers stand-in (end2end/registers) unless the variables say
# otherwise.
REGISTERS_STANDIN_PORT ?= 4001
run: export REGISTERS_STANDIN_PORT := $(REGISTERS_STANDIN_PORT)
run: export INNSPILL_RESIDENCY_REGISTER ?= folkeregisteret
run: export INNSPILL_FOLKEREGISTERET_URL ?= http://127.0.0.1:$(REGISTERS_STANDIN_PORT)
run: export INNSPILL_CONTACT_REGISTER ?= krr
run: export INNSPILL_KRR_URL ?= http://127.0.0.1:$(REGISTERS_STANDIN_PORT)
run: export INNSPILL_MASKINPORTEN_ISSUER ?= http://127.0.0.1:$(REGISTERS_STANDIN_PORT)/
run: export INNSPILL_MASKINPORTEN_CLIENT_ID ?= innspill-dev
run: export INNSPILL_MASKINPORTEN_KEY_FILE ?= end2end/idporten/dev-client-key.pem
run: export INNSPILL_MASKINPORTEN_KEY_ID ?= innspill-dev-key

## Build and run Innspill with demo data (SQLite in ./data, mail to ./data/mail), beside the
## local ID-porten and registers stand-ins.
run: build
	mkdir -p data/mail
	.ci/with-idporten-standin.sh .ci/with-registers-standin.sh $(CARGO_TARGET_DIR)/debug/innspill

## Everything CI checks: format, lints, unit + integration tests on SQLite and PostgreSQL,
## and the Playwright suite (JavaScript on and off, axe-core on every page).
test: tools assets
	cargo fmt --all -- --check
	$(MAKE) lint
	.ci/with-postgres.sh $(MAKE) unit
	$(MAKE) e2e

tools:
	@.ci/ensure-tools.sh "$(CARGO_LEPTOS_VERSION)" "$(WASM_BINDGEN_VERSION)"

end2end/node_modules/.installed: end2end/package-lock.json
	cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	touch $@

## Designsystemet's CSS, bundled into the site's one stylesheet (style/main.css imports it).
assets: end2end/node_modules/.installed
	mkdir -p style/vendor
	cp $(DS)/src/index.css style/vendor/designsystemet.css
	cp $(DS)/theme/designsystemet.css style/vendor/theme.css

# cargo-leptos adds `--cfg erase_components` to RUSTFLAGS itself in a development build: with the
# flag also in RUSTFLAGS the server's crates would have it twice, differ from the tests' and be
# compiled all over again.
build: tools assets
	env -u RUSTFLAGS cargo leptos build --bin-features demo,testing

## The production build, in dist/: the binary `innspill`, `hash.txt` beside it and the site in
## site/, optimised (wasm-opt from Debian's binaryen) and precompressed (.br, .gz). No demo
## data, no test support. README "Operations" says how to deploy it.
release: export LEPTOS_SITE_ROOT := $(CARGO_TARGET_DIR)/release/site
release: tools assets
	@.ci/ensure-apt.sh binaryen
	cargo leptos build --release --precompress
	rm -rf dist && mkdir -p dist
	cp $(CARGO_TARGET_DIR)/release/innspill $(CARGO_TARGET_DIR)/release/hash.txt dist/
	cp -r $(LEPTOS_SITE_ROOT) dist/site

## Layers run down only (tools/layers), then clippy.
lint:
	cargo run -q -p layers -- app/src
	cargo clippy -p app -p server -p migration -p layers --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

## Test tools from PyPI, in a venv of their own: schemathesis (the API fuzzer the process tests
## run against the open-data API), aiosmtpd (the SMTP server the fault tests stop and start) and
## moto (an S3-compatible server, for files in object storage).
TEST_PYPI := schemathesis==4.32.5 aiosmtpd==1.4.6 moto[server]==5.2.5
TEST_VENV := $(HOME)/.cache/innspill/venv-$(shell echo "$(TEST_PYPI)" | md5sum | cut -c1-8)
$(TEST_VENV)/.installed:
	python3 -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/pip install --quiet --disable-pip-version-check $(TEST_PYPI)
	touch $@

unit: export SCHEMATHESIS := $(TEST_VENV)/bin/st
unit: export INNSPILL_TEST_PYTHON := $(TEST_VENV)/bin/python
unit: end2end/node_modules/.installed $(TEST_VENV)/.installed
	node end2end/registers/smoke.mjs
	cargo test -p app -p server -p migration -p layers

e2e: build
	@.ci/ensure-apt.sh chromium
	cd end2end && INNSPILL_BIN=$(CARGO_TARGET_DIR)/debug/innspill npx playwright test

## Load benchmarks (the release profile): the hearing page beside a bare handler, a first
## visit's bytes and the server's memory (against `make release`'s site), and signing on
## PostgreSQL and SQLite beside the raw insert ceiling. Writes BENCHMARKS.md.
bench: release
	.ci/with-postgres.sh cargo bench -p server --bench load

end2end/lighthouse/node_modules/.installed: end2end/lighthouse/package-lock.json
	cd end2end/lighthouse && npm ci --no-audit --no-fund
	touch $@

## Lighthouse (mobile) on the home page, a hearing and an initiative; appended to BENCHMARKS.md
## (run it after `make bench`, which writes the file afresh).
lighthouse: build end2end/lighthouse/node_modules/.installed
	@.ci/ensure-apt.sh chromium
	.ci/lighthouse.sh $(CARGO_TARGET_DIR)/debug/innspill

clean:
	rm -rf data dist target/site style/vendor

## SSB's classification of municipalities and counties (app/data/ssb), fetched again from KLASS
## for SSB_DATE (default today): run when SSB publishes a change (usually for 1 January), review
## the diff and the names it lists, rebuild.
SSB_DATE ?= $(shell date +%F)
ssb-classification:
	node tools/ssb-classification.mjs --date $(SSB_DATE)
