#!/usr/bin/env bash
# Installs what is missing, builds the release app and runs the browser benchmark over
# generated workspaces (default 1,000, 10,000 and 50,000 deals; pass others as arguments),
# then the domain's and storage's criterion benchmarks. Results: bench-results/bench.json and
# the printed tables; docs/PERFORMANCE.md records them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_tests
cd "$ROOT"
release trunk build --release --features split
node scripts/sizes.mjs dist
node tests/bench/bench.mjs "$@"
if [ -z "${BENCH_SKIP_CRITERION:-}" ]; then
  cargo bench -p voronka-core --bench domain
fi
# Sizes and criterion medians (the last criterion run's) into bench-results/bench.json.
node tests/bench/collect.mjs
