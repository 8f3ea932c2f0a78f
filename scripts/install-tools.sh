#!/usr/bin/env bash
# Installs what building and testing bantin needs, and only what is missing.
#
#   scripts/install-tools.sh            build tools: wasm32 target, rust-src, trunk, wasm-bindgen-cli,
#                                       cargo-fuzz, npm packages (binaryen's wasm-opt, playwright-core)
#   scripts/install-tools.sh --browser  the same, plus Debian's chromium and chromium-driver
#                                       (for the wasm component tests and the end-to-end tests)
#                                       and nginx-light (for the deploy test), and
#                                       WordPress, MariaDB and PHP (for the WordPress test)
#
# Safe to run again and again: every step checks first and says what it found.
# Versions are checked too: a trunk or wasm-bindgen of the wrong version is replaced.
# The machines reach only crates.io, the npm registry and Debian's packages, so nothing
# here downloads a prebuilt binary from anywhere else (see /work/shared/TOOLCHAIN.md).
set -euo pipefail

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.2
BINARYEN_MAJOR=132

cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

with_browser=0
for arg in "$@"; do
    case "$arg" in
        --browser) with_browser=1 ;;
        -h | --help)
            sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "install-tools: unknown argument: $arg" >&2
            exit 2
            ;;
    esac
done

say() { printf 'install-tools: %s\n' "$*"; }

# One run at a time: two concurrent `cargo install` of the same crate waste minutes.
if command -v flock >/dev/null 2>&1; then
    mkdir -p target
    exec 9>target/.install-tools.lock
    if ! flock -n 9; then
        say "another install-tools run is in progress; waiting for it"
        flock 9
    fi
fi

# Waits while a `cargo install <crate>` started by someone else (another shell, an
# earlier interrupted session) is still running, instead of starting a second one.
wait_for_foreign_install() {
    local crate=$1 waited=0
    while pgrep -f "cargo install $crate( |$)" >/dev/null 2>&1; do
        if [ "$waited" -eq 0 ]; then
            say "a 'cargo install $crate' is already running; waiting for it to finish"
        fi
        sleep 10
        waited=$((waited + 10))
        if [ $((waited % 120)) -eq 0 ]; then
            say "  still waiting for 'cargo install $crate' (${waited}s)"
        fi
    done
}

# Prints the version a binary reports as its second word ("trunk 0.21.14"), or nothing.
version_of() {
    local bin=$1
    command -v "$bin" >/dev/null 2>&1 || return 0
    "$bin" --version 2>/dev/null | head -n 1 | awk '{print $2}'
}

# --- Rust target ------------------------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rust target wasm32-unknown-unknown: present"
else
    say "rust target wasm32-unknown-unknown: adding"
    rustup target add wasm32-unknown-unknown
fi

# The standard library's source: the app's wasm is built with its own std
# (cargo build-std, see site-app in the Makefile).
if rustup component list --installed | grep -q '^rust-src'; then
    say "rust component rust-src: present"
else
    say "rust component rust-src: adding"
    rustup component add rust-src
fi

# --- trunk ------------------------------------------------------------------------
wait_for_foreign_install trunk
have=$(version_of trunk)
if [ "$have" = "$TRUNK_VERSION" ]; then
    say "trunk $TRUNK_VERSION: present"
else
    say "trunk: found '${have:-none}', want $TRUNK_VERSION; installing (takes ~8 min on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
    [ "$(version_of trunk)" = "$TRUNK_VERSION" ] || {
        echo "install-tools: trunk on PATH is still not $TRUNK_VERSION: $(command -v trunk)" >&2
        exit 1
    }
fi

# --- wasm-bindgen-cli (wasm-bindgen, wasm-bindgen-test-runner) ----------------------
# Must equal the wasm-bindgen version in Cargo.lock, or the generated glue does not match.
lock_wb_version() {
    [ -f Cargo.lock ] || return 0
    awk '/^\[\[package\]\]/ { name = "" }
         /^name = "wasm-bindgen"$/ { name = "wasm-bindgen" }
         name == "wasm-bindgen" && /^version = / { gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}
WB_VERSION=$(lock_wb_version)
if [ -z "$WB_VERSION" ]; then
    say "Cargo.lock has no wasm-bindgen yet; resolving dependencies (cargo fetch)"
    cargo fetch
    WB_VERSION=$(lock_wb_version)
fi
[ -n "$WB_VERSION" ] || {
    echo "install-tools: cannot find the wasm-bindgen version in Cargo.lock" >&2
    exit 1
}
wait_for_foreign_install wasm-bindgen-cli
have=$(version_of wasm-bindgen)
have_runner=$(version_of wasm-bindgen-test-runner)
if [ "$have" = "$WB_VERSION" ] && [ "$have_runner" = "$WB_VERSION" ]; then
    say "wasm-bindgen-cli $WB_VERSION (from Cargo.lock): present"
else
    say "wasm-bindgen-cli: found '${have:-none}' (test runner '${have_runner:-none}'), want $WB_VERSION from Cargo.lock; installing (~4 min)"
    # No --locked: the CLI's own lockfile pins a webpki-roots version the registry does not serve.
    cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
    [ "$(version_of wasm-bindgen)" = "$WB_VERSION" ] || {
        echo "install-tools: wasm-bindgen on PATH is still not $WB_VERSION: $(command -v wasm-bindgen)" >&2
        exit 1
    }
fi

# --- cargo-fuzz (the fuzz targets in fuzz/, docs/fuzzing.md) -------------------------
# It drives libFuzzer through nightly-only rustc flags; scripts/fuzz.sh unlocks them on
# the stable toolchain with RUSTC_BOOTSTRAP=1, so no nightly toolchain is needed.
wait_for_foreign_install cargo-fuzz
# libfuzzer-sys compiles libFuzzer (C++) when the targets are built.
command -v c++ >/dev/null 2>&1 ||
    say "warning: no C++ compiler (c++) found: building the fuzz targets needs one (apt-get install g++)"
have=$(version_of cargo-fuzz)
if [ "$have" = "$CARGO_FUZZ_VERSION" ]; then
    say "cargo-fuzz $CARGO_FUZZ_VERSION: present"
else
    say "cargo-fuzz: found '${have:-none}', want $CARGO_FUZZ_VERSION; installing (~2 min)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
    [ "$(version_of cargo-fuzz)" = "$CARGO_FUZZ_VERSION" ] || {
        echo "install-tools: cargo-fuzz on PATH is still not $CARGO_FUZZ_VERSION: $(command -v cargo-fuzz)" >&2
        exit 1
    }
fi

# --- npm packages: binaryen (wasm-opt), playwright-core, axe-core ------------------
npm_ok() {
    [ -x node_modules/.bin/wasm-opt ] || return 1
    node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_MAJOR\b" || return 1
    [ -f node_modules/playwright-core/package.json ] || return 1
    [ -f node_modules/axe-core/axe.min.js ] || return 1
    # package-lock.json changed since the last install?
    [ node_modules/.package-lock.json -nt package-lock.json ] || return 1
}
command -v node >/dev/null 2>&1 || {
    echo "install-tools: node is missing (Node 20 and npm are expected on the machine)" >&2
    exit 1
}
if npm_ok; then
    say "npm packages (binaryen $BINARYEN_MAJOR, playwright-core): present"
else
    say "npm packages: installing with 'npm ci' into ./node_modules"
    # playwright-core never downloads a browser; the tests use Debian's chromium.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
    npm_ok || {
        echo "install-tools: node_modules/.bin/wasm-opt is not binaryen $BINARYEN_MAJOR after npm ci" >&2
        exit 1
    }
fi

# --- chromium + chromedriver (tests only) ------------------------------------------
if [ "$with_browser" = 1 ]; then
    if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
        say "chromium and chromedriver: present ($(chromium --version 2>/dev/null | head -n 1))"
    else
        sudo=""
        if [ "$(id -u)" != 0 ]; then
            command -v sudo >/dev/null 2>&1 || {
                echo "install-tools: need root (or sudo) to apt-get install chromium chromium-driver" >&2
                exit 1
            }
            sudo=sudo
        fi
        say "chromium/chromedriver: missing; installing Debian's chromium and chromium-driver"
        $sudo apt-get update
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
    fi
    # nginx: the deploy e2e test serves the site through the generated nginx.conf
    # (it skips, saying so, when nginx is absent; so a failed install only warns).
    if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
        say "nginx: present"
    else
        say "nginx: missing; installing Debian's nginx-light (for the deploy test)"
        sudo=""
        [ "$(id -u)" != 0 ] && sudo=sudo
        { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y nginx-light; } ||
            say "warning: nginx could not be installed; the nginx deploy test will be skipped"
    fi
fi

# WordPress: tests/e2e/wordpress.test.mjs runs the embeds and the plugin on a real
# WordPress in Vietnamese (Debian's 6.1 with Twenty Twenty-Three and its translations) on a private MariaDB server and PHP's
# built-in web server. No service is enabled or started by this; the test starts its own.
if [ "$with_browser" = 1 ]; then
    wp_packages="wordpress wordpress-l10n wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql"
    if [ -f /usr/share/wordpress/wp-settings.php ] && [ -d /usr/share/wordpress/wp-content/themes/twentytwentythree ] &&
        [ -f /usr/share/wordpress/wp-content/languages/vi.mo ] &&
        [ -x /usr/sbin/mariadbd ] && command -v php >/dev/null 2>&1 && php -r 'exit(extension_loaded("mysqli") ? 0 : 1);'; then
        say "wordpress, mariadb, php: present"
    else
        say "wordpress/mariadb/php: missing; installing Debian's $wp_packages (for the WordPress test)"
        sudo=""
        [ "$(id -u)" != 0 ] && sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $wp_packages
    fi
fi

# exiftool: the media e2e test checks that no image in dist/ keeps EXIF, GPS or camera data.
if [ "$with_browser" = 1 ]; then
    if command -v exiftool >/dev/null 2>&1; then
        say "exiftool: present"
    else
        say "exiftool: missing; installing Debian's libimage-exiftool-perl (for the media test)"
        sudo=""
        [ "$(id -u)" != 0 ] && sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y libimage-exiftool-perl
    fi
fi

say "done (run from $ROOT)"
