#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it on http://127.0.0.1:8080
# (PORT=... to change). The app keeps its data in the browser's localStorage.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
cd "$ROOT"
PORT="${PORT:-8080}"
say "serving Voronka on http://127.0.0.1:$PORT/"
release trunk serve --release --features split --address 127.0.0.1 --port "$PORT"
