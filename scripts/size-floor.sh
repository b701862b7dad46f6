#!/usr/bin/env bash
# How much of the bundle is not view code: builds examples/size_floor.rs (the store and every
# entry point the views call, no views) as the release build is built, and prints its wasm +
# JS glue gzip next to the app's (docs/PERFORMANCE.md, "What is not view code").
# Needs the build tools (scripts/setup.sh) and a release build in dist/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
cd "$ROOT"
out=target/size-floor
rm -rf "$out" && mkdir -p "$out"
release cargo build --release --target wasm32-unknown-unknown --example size_floor
wasm-bindgen --target web --out-dir "$out" --out-name voronka-0 target/wasm32-unknown-unknown/release/examples/size_floor.wasm
# Without the relocations every wasm link keeps for the split (.cargo/config.toml), then the
# same wasm-opt as the release build's (scripts/split.mjs).
node scripts/split.mjs --strip-relocs "$out/voronka-0_bg.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
  "$out/voronka-0_bg.wasm" -o "$out/voronka-0_bg.wasm"
echo "without views (examples/size_floor.rs):"
node scripts/sizes.mjs "$out" | grep -E 'wasm|glue|first'
echo "the app (dist/):"
node scripts/sizes.mjs dist | grep -E 'wasm|glue|loader|first|every'
