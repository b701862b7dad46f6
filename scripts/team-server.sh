#!/usr/bin/env bash
# Starts a local team server for a trial: pouchdb-server (a CouchDB stand-in, in memory) on
# http://127.0.0.1:${TEAM_PORT:-5984} with a team database, a head of sales and two reps (their
# names and passwords are printed). Installs pouchdb-server (pinned) when it is missing.
# Ctrl+C stops it; nothing it holds outlives it. docs/TEAM.md runs a real CouchDB instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_team_server
exec node "$ROOT/tools/team-server/start.mjs" "$@"
