// End-to-end tests: Playwright drives Debian's Chromium (no browser download) against the
// release build in dist/, served on 127.0.0.1 under a sub-path. Every test runs with the
// browser's clock fixed (tests/e2e/helpers.mjs); the tests tagged @clock run again at each
// moment of the clock sweep (tests/e2e/moments.mjs). `E2E_SWEEP=0` leaves the sweep out. The
// team tests run against pouchdb-server, started here on 127.0.0.1 (or COUCHDB_URL).
import { defineConfig } from '@playwright/test';
import { SWEEP } from './tests/e2e/moments.mjs';

const port = Number(process.env.E2E_PORT ?? 4173);
const teamPort = Number(process.env.TEAM_PORT ?? 5985);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.mjs',
  outputDir: 'test-results',
  fullyParallel: false,
  // The main project one test at a time (some race two tabs and want the machine to
  // themselves); the clock sweep after it, two tests at a time.
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['./tests/e2e/sweep-reporter.mjs']],
  projects: [
    { name: 'main', workers: 1 },
    ...(process.env.E2E_SWEEP === '0' ? [] : SWEEP).map(({ name, moment, zone }) => ({
      name: `clock: ${name} (${moment}, ${zone})`,
      grep: /@clock/,
      use: { moment, timezoneId: zone },
      dependencies: ['main'],
    })),
  ],
  use: {
    timezoneId: 'Europe/Moscow',
    baseURL: `http://127.0.0.1:${port}/voronka/app/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `node tests/e2e/serve.mjs dist ${port}`,
      url: `http://127.0.0.1:${port}/voronka/app/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // The team tests' CouchDB stand-in (in memory), started and stopped with the run; none
    // when COUCHDB_URL names a real CouchDB (tests/e2e/team.mjs).
    ...(process.env.COUCHDB_URL ? [] : [{
      command: `node tools/team-server/start.mjs --port ${teamPort} --db voronka-team --quiet`,
      url: `http://127.0.0.1:${teamPort}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    }]),
  ],
});
