#!/usr/bin/env bash
# Installs what is missing and builds the static bundle into dist/: copy that folder to any
# static host, under any path.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
cd "$ROOT"
release trunk build --release --features split
node scripts/sizes.mjs dist
