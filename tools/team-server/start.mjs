// A local CouchDB stand-in for a team trial and for the team sync tests: starts pouchdb-server
// (in memory, on 127.0.0.1), makes a server admin, turns on CORS with credentials, and
// creates the team database with its security and a head of sales and two reps. Keeps running
// until stopped (Ctrl+C, or the test runner). Only CouchDB 3's documented API is used, so the
// same setup (scripts/team-server.sh --print) works against a real CouchDB.
//
//   node start.mjs [--port 5984] [--db voronka-team] [--quiet]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, ADMIN, PEOPLE } from './team.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = Number(opt('port', process.env.TEAM_PORT ?? 5984));
const db = opt('db', 'voronka-team');
const quiet = args.includes('--quiet');

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'voronka-team-'));
const server = spawn(
  process.execPath,
  [join(here, 'node_modules/pouchdb-server/bin/pouchdb-server'), '--in-memory', '--host', '127.0.0.1',
    '--port', String(port), '--config', join(dir, 'config.json'),
    '--no-stdout-logs'],
  { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
);
const stop = () => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
};
process.on('SIGINT', () => { stop(); process.exit(0); });
process.on('SIGTERM', () => { stop(); process.exit(0); });
server.on('exit', (code) => {
  rmSync(dir, { recursive: true, force: true });
  console.error(`pouchdb-server stopped (${code})`);
  process.exit(1);
});

const url = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(url)).ok) break;
  } catch (e) {
    if (i > 300) throw new Error(`pouchdb-server did not start on ${url}`);
  }
  await new Promise((r) => setTimeout(r, 100));
}
await setup(url, db, { adminParty: true });
if (!quiet) {
  console.log(`A team server (pouchdb-server, in memory) runs on ${url}; Ctrl+C stops it.`);
  console.log(`Team database: ${db}`);
  console.log(`Server admin: ${ADMIN.name} / ${ADMIN.password}`);
  for (const p of PEOPLE) console.log(`${p.title}: ${p.name} / ${p.password}`);
  console.log(`Open the app, Data → Team: server address ${url}, team database ${db}.`);
}
