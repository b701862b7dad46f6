#!/usr/bin/env bash
# Installs whatever Voronka's build and tests need and is missing; touches nothing that is
# already there. Sourced by scripts/run.sh and scripts/test.sh; `bash scripts/setup.sh [--tests]`
# also works on its own. Versions are pinned: see ../shared/TOOLCHAIN.md for why.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
LEPTOSFMT_VERSION="0.1.33"
WASM_SPLIT_VERSION="0.2.4"
BINARYEN_VERSION="132"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The exact wasm-bindgen version Cargo.lock pins: the CLI must match it byte for byte.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust() {
  export PATH="$HOME/.cargo/bin:$PATH"
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (a few minutes)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ] \
    || ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $want (a few minutes)"
    # Without --locked: its lock file names a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  # npm packages: Playwright (no browser download) and binaryen's wasm-opt, pinned by
  # package-lock.json. Reinstall only when the lock file changed since the last install.
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] \
    || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "npm ci"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
  # Our wasm-opt first: Debian's binaryen (if present) builds a wasm that fails to start.
  export PATH="$ROOT/node_modules/.bin:$PATH"
  wasm-opt --version | grep -q "version $BINARYEN_VERSION" \
    || { echo "wasm-opt is not binaryen $BINARYEN_VERSION" >&2; exit 1; }
}

ensure_chromium() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
}

# The tool that cuts the linked wasm into a module per view (scripts/split.mjs).
ensure_wasm_split() {
  if ! command -v wasm-split-cli >/dev/null \
    || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION (a few minutes)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary
  fi
}

# The formatter of Leptos's view! blocks, which the format check runs beside rustfmt.
ensure_leptosfmt() {
  if [ "$(leptosfmt --version 2>/dev/null)" != "leptosfmt $LEPTOSFMT_VERSION" ]; then
    say "installing leptosfmt $LEPTOSFMT_VERSION (a minute or two)"
    cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
  fi
}

# pouchdb-server, the CouchDB stand-in the team sync tests and trials run (tools/team-server,
# pinned by its package-lock.json). Its native LevelDB is never used (it runs in memory), so
# install scripts are skipped.
ensure_team_server() {
  ensure_node
  local dir="$ROOT/tools/team-server"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
    || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci (pouchdb-server, for the team server)"
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
}

# The release build compiles the standard library itself (cargo's build-std), optimized for
# size and with panics that abort at once instead of formatting a message nobody reads: the
# first screen 30 KB gzip smaller, every module together 76 KB (docs/PERFORMANCE.md). These
# are unstable cargo features, taken on the stable toolchain with RUSTC_BOOTSTRAP for the
# release build only; tests, clippy and debug builds use the prebuilt library. It needs the
# library's sources (rust-src) and their dependencies fetched (Trunk runs cargo offline): where
# either cannot be had, the release is built as before and the size ceiling is the old one.
ensure_small_std() {
  local lib
  lib="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
  if [ ! -f "$lib/Cargo.lock" ]; then
    say "adding rust-src (the release build compiles the standard library for size)"
    rustup component add rust-src >/dev/null 2>&1 || true
  fi
  if [ -f "$lib/Cargo.lock" ] && (cd "$lib" && RUSTC_BOOTSTRAP=1 cargo fetch --quiet >/dev/null 2>&1); then
    SMALL_STD=1
  else
    say "no rust-src: the release build keeps the prebuilt standard library (about 30 KB gzip more)"
    SMALL_STD=0
  fi
  export SMALL_STD
}

# Runs a release build command (`trunk build --release …`, `cargo build --release …`) with the
# size-optimized standard library where ensure_small_std found it.
release() {
  if [ "${SMALL_STD:-0}" = 1 ]; then
    RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
      CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true \
      CARGO_PROFILE_RELEASE_PANIC=immediate-abort \
      "$@"
  else
    "$@"
  fi
}

# Everything needed to build and serve the app.
setup_build() {
  ensure_rust
  ensure_small_std
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_node
}

# Everything needed to run every test layer.
setup_tests() {
  setup_build
  ensure_leptosfmt
  ensure_chromium
  ensure_team_server
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  if [ "${1:-}" = "--tests" ]; then setup_tests; else setup_build; fi
  say "ready"
fi
