# bantin: build, serve and test. `make help` lists the targets.
#
# Every target that needs a tool installs it first, if missing, through
# scripts/install-tools.sh (set SKIP_TOOLS=1 to skip that check).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# Steps run one after another, in the order written, even under `make -j`.
.NOTPARALLEL:

# Tools: cargo's bin dir (trunk, wasm-bindgen, wasm-bindgen-test-runner) and the npm
# packages' bin dir (binaryen 132's wasm-opt) come first, so that Debian's older
# wasm-opt, if installed, is never picked up.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true

CARGO   ?= cargo
CONTENT ?= content
DIST    ?= dist
PORT    ?= 8080
# The site's public address (its path is the base path of every URL); empty: base_url in site.toml.
BASE_URL ?=
# The native build tool's binary, built by `cargo run --profile tool -p bantin-build`
# (every crate at opt-level 3; see [profile.tool] in Cargo.toml).
BANTIN  := target/tool/bantin
STEP    := scripts/step.sh
# --browser also installs Debian's chromium and chromium-driver (for tests only).
TOOLS_FLAGS ?=

.PHONY: help tools serve dev site dist site-app site-data test fmt fmt-check clippy test-native \
        test-wasm e2e size size-widgets site-widgets site-search site-editor edit test-start test-summary clean bench \
        fuzz fuzz-short plugin-check

help: ## Show this list
	@echo "bantin: make targets"
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z0-9-]*:.*## / { printf "  make %-12s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo
	@echo "Variables: PORT=$(PORT) (make serve, make dev), CONTENT=$(CONTENT), DIST=$(DIST), BASE_URL=$(BASE_URL) (make dist), SKIP_TOOLS=1 (skip the install check)"

tools: ## Install missing build tools (wasm32 target, trunk, wasm-bindgen-cli, npm packages)
ifeq ($(SKIP_TOOLS),1)
	@echo "tools: skipped (SKIP_TOOLS=1)"
else
	scripts/install-tools.sh $(TOOLS_FLAGS)
endif

# ---------------------------------------------------------------- the site

serve: tools site ## Build the sample site and serve it at http://127.0.0.1:8080 (PORT=...)
	@echo "Serving $(DIST) at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(BANTIN) serve $(DIST) --port $(PORT)

# The app, widgets, search engine and web editor once; then `bantin dev` builds the data,
# serves dist/ and rebuilds on every save in $(CONTENT) (open tabs reload themselves).
dev: tools site-app site-widgets site-search site-editor ## Live preview for editors: build, serve at http://127.0.0.1:8080 (PORT=...), rebuild and reload on each save in content/
	$(BANTIN) dev --content $(CONTENT) --out $(DIST) --port $(PORT)

site: tools site-app site-widgets site-data site-search site-editor ## Build the release site into dist/ (app, data and images, widgets, search engine, web editor)

dist: site ## The deployable site in dist/ with host configs (BASE_URL=https://x.vn/tin-tuc/)
	@echo "dist: $(DIST)/ is ready to publish; host configs: $(DIST)/.htaccess, _headers, _redirects, nginx.conf (see README, Deploy)"

# Trunk empties dist/ on each build, so the data is written after it.
# Panic messages carry source paths; shortening the registry's keeps them out of
# the bundle's bytes (RUSTFLAGS reaches only the wasm32 build: trunk passes --target).
CARGO_HOME_DIR ?= $(or $(CARGO_HOME),$(HOME)/.cargo)
# The app's wasm is built with its own standard library (cargo's build-std, from the
# rust-src component that scripts/install-tools.sh adds), optimized for size with the
# app, and with panic=immediate-abort: a panic traps at once, without formatting a
# message, so the panic and formatting machinery leaves the bundle; -Zfmt-debug=none makes
# every `{:?}` print nothing (the app's code never shows or stores a Debug string), and
# -Zlocation-detail=none drops source locations (docs/benchmarks.md, "WebAssembly: what
# takes the bytes"). All are unstable options of the stable 1.95 toolchain, unlocked
# for this one build with RUSTC_BOOTSTRAP=1. `cargo fetch` runs with
# the same settings so that it also fetches the standard library's own dependencies
# before the offline build.
APP_ENV := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
REMAP_RUSTFLAGS := --remap-path-prefix=$(CARGO_HOME_DIR)/registry/src=/r --remap-path-prefix=$(CURDIR)=/b
SIZE_RUSTFLAGS := -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none
# --emit-relocs keeps what `bantin split-app` needs to split the binary at its split
# points (scripts/split-app.mjs, after trunk: the views leave the first view's module).
APP_RUSTFLAGS := $(SIZE_RUSTFLAGS) -Clink-args=--emit-relocs
site-app:
	$(STEP) site-app bash -c '$(CARGO) fetch && $(APP_ENV) $(CARGO) fetch --target wasm32-unknown-unknown && $(APP_ENV) RUSTFLAGS="$(REMAP_RUSTFLAGS) $(APP_RUSTFLAGS)" trunk build --release --offline --dist $(DIST) && $(CARGO) build --profile tool --offline -p bantin-build && node scripts/split-app.mjs $(DIST) && node scripts/minify-app.mjs $(DIST)'

site-data:
	$(STEP) site-data $(CARGO) run --profile tool -p bantin-build -- build --content $(CONTENT) --out $(DIST) $(if $(BASE_URL),--base-url $(BASE_URL))

# The widgets and the search engine: each its own small wasm, built for size as the
# app is (its own standard library, panic=immediate-abort, no Debug strings or
# locations) but without the app's relocations (nothing splits them), in a target
# directory of its own (target/<dir>): a standard library built with other RUSTFLAGS
# would be built anew on each alternate build. Then packed into dist/ by its script:
#   $(call small-wasm,<crate>,<dir>,<script in scripts/>)
small-wasm = $(APP_ENV) $(CARGO) fetch --target wasm32-unknown-unknown && $(APP_ENV) CARGO_TARGET_DIR=$(CURDIR)/target/$(2) RUSTFLAGS="$(REMAP_RUSTFLAGS) $(SIZE_RUSTFLAGS)" $(CARGO) build --release --offline --target wasm32-unknown-unknown -p $(1) && node scripts/$(3) $(DIST) $(CURDIR)/target/$(2)/wasm32-unknown-unknown/release/$(subst -,_,$(1)).wasm

# The embeddable widgets (crates/widgets) in dist/widget/ and the stable loader
# dist/embed.js (scripts/build-widgets.mjs): they load on other sites' pages.
site-widgets:
	$(STEP) site-widgets bash -c '$(call small-wasm,bantin-widgets,widgets,build-widgets.mjs)'

# The search engine (crates/search), loaded only when a reader starts searching, in
# dist/tim/ (scripts/build-search.mjs): it is on the search page's way to its results.
site-search:
	$(STEP) site-search bash -c '$(call small-wasm,bantin-search,search,build-search.mjs)'

# The web editor's bundle: Decap CMS (pinned in package.json) copied from node_modules
# into dist/cms/ (scripts/build-editor.mjs); `bantin build` writes its page and
# configuration, dist/quan-tri/ (docs/editors.md). Trunk empties dist/, so after it.
site-editor:
	$(STEP) site-editor node scripts/build-editor.mjs $(DIST)

# Local editing: the CMS's local backend (decap-server, writing into this checkout:
# the content folder is `[editor] folder` of site.toml, "content" by default) and the
# development server, which rebuilds on every change and reloads the reader tabs.
EDITOR_PORT ?= 8081
edit: tools site-app site-widgets site-search site-editor ## Edit the content in the browser: http://127.0.0.1:8080/quan-tri/ (local backend + bantin dev; Ctrl-C stops both)
	@echo "Editor: http://127.0.0.1:$(PORT)/quan-tri/ (local backend on port $(EDITOR_PORT); Ctrl-C stops)"
	@PORT=$(EDITOR_PORT) BIND_HOST=localhost MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" decap-server & backend=$$!; \
	trap 'kill $$backend 2>/dev/null' EXIT INT TERM; \
	$(BANTIN) dev --content $(CONTENT) --out $(DIST) --port $(PORT)

# ---------------------------------------------------------------- tests

# The browser is needed by the wasm component tests and the end-to-end tests.
test e2e test-wasm: TOOLS_FLAGS = --browser

test: test-start tools fmt-check plugin-check clippy test-native fuzz-short test-wasm site e2e size size-widgets test-summary ## Install what tests need, then run every check in order

test-start:
	@rm -rf target/test-logs

fmt: ## Format all Rust code (cargo fmt), the fuzz targets too
	$(CARGO) fmt --all
	$(CARGO) fmt --all --manifest-path fuzz/Cargo.toml

fmt-check: ## Check formatting (cargo fmt --check)
	$(STEP) fmt $(CARGO) fmt --all --check
	$(STEP) fmt-fuzz $(CARGO) fmt --all --check --manifest-path fuzz/Cargo.toml

plugin-check: ## The WordPress plugin: PHP syntax (php -l) and its translation compiled from the .po
	$(STEP) plugin-check integrations/wordpress/check.sh

clippy: ## Lint the workspace on the host and the app on wasm32, warnings as errors
	$(STEP) clippy $(CARGO) clippy --workspace --all-targets -- -D warnings
	$(STEP) clippy-wasm $(CARGO) clippy --target wasm32-unknown-unknown -p bantin -p bantin-search -- -D warnings
	$(STEP) clippy-split $(CARGO) clippy --target wasm32-unknown-unknown -p bantin --features split -- -D warnings
	$(STEP) clippy-fuzz $(CARGO) clippy --manifest-path fuzz/Cargo.toml --all-targets -- -D warnings

# The app's binary is `bantin-app`, so it never overwrites the build tool's `bantin`
# (cargo's "output filename collision", rust-lang/cargo#6313).
test-native: ## Native unit tests of every crate (app included)
	$(STEP) test-native $(CARGO) test --workspace

test-wasm: tools ## The app's wasm component tests in headless Chromium (wasm-bindgen-test)
	$(STEP) test-wasm env CHROMEDRIVER="$$(command -v chromedriver)" \
		$(CARGO) test -p bantin --target wasm32-unknown-unknown

e2e: tools site ## End-to-end tests (node --test, Playwright + Chromium) against dist/
	$(STEP) e2e env BANTIN_DIST=$(DIST) node --test --test-concurrency=1 tests/e2e/*.test.mjs

size: site ## Size budget: brotli bytes of an article's first view (fails above 125 KB; the views module above 100 KB)
	$(STEP) size node tests/size-budget.mjs $(DIST)

size-widgets: site ## Size budget: brotli bytes of a widget's first view, data included (fails above 60 KB)
	$(STEP) size-widgets node tests/widget-size-budget.mjs $(DIST)

test-summary:
	@scripts/test-summary.sh

# ---------------------------------------------------------------- fuzzing

# The fuzz targets in fuzz/ (cargo-fuzz and libFuzzer on the stable toolchain with
# RUSTC_BOOTSTRAP=1; docs/fuzzing.md), one after another at the lowest CPU priority.
# FUZZ_SECONDS is the time per target; FUZZ_TARGETS names some (default: all).
FUZZ_SECONDS ?= 600
FUZZ_SHORT_SECONDS ?= 20
FUZZ_TARGETS ?=
fuzz: tools ## Fuzz every target FUZZ_SECONDS each (default 600); prints executions/s and coverage
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh $(FUZZ_TARGETS)

# The short run of `make test` (FUZZ_SHORT_SECONDS per target), for regressions.
fuzz-short: tools
	$(STEP) fuzz-short env FUZZ_SECONDS=$(FUZZ_SHORT_SECONDS) scripts/fuzz.sh $(FUZZ_TARGETS)

# ---------------------------------------------------------------- benchmark

# Not part of `make test`: takes about 10 minutes and several GB in target/bench/.
# BENCH_ONLY=search|build|lighthouse|nav runs one part (see scripts/bench/bench.mjs);
# Lighthouse is installed on demand into target/bench-tools/, never by `make test`.
bench: tools site ## Benchmark: build scale beside Hugo, first-view bytes, paint times; writes docs/benchmarks.md
	DIST=$(DIST) node scripts/bench/bench.mjs

# ---------------------------------------------------------------- cleaning

clean: ## Remove dist/, test output and cargo's target/ (node_modules stays)
	rm -rf $(DIST) test-results
	$(CARGO) clean
