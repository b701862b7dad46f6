// Team sync benchmark against pouchdb-server (started here on 127.0.0.1:5988, in memory):
// a head of sales creates the team from a generated workspace (Connect pressed → "Team:
// synced", every document sent), a rep joins it in another browser context (Connect → synced:
// the whole changes feed read, merged, saved), then a deal created by the head reaches the
// rep's board (save pressed in one browser, timed from Node → the card drawn in the other, as
// the rep's page notes it with a MutationObserver; the long poll answers at once). The stored team
// state's size is read from localStorage. Results: bench-results/team.json.
// A third browser joins on Fast 3G (1.6 Mbps down, 750 kbps up, 150 ms RTT); the requests and
// bytes of the rep's join are counted from the browser's own network events.
// Usage: node tests/bench/team.mjs [deal counts…]   (default 1000 10000); BENCH_RUNS (50 changes).
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, PEOPLE, database, user } from '../../tools/team-server/team.mjs';

const counts = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = counts.length ? counts : [1000, 10000];
const runs = Number(process.env.BENCH_RUNS ?? 50);
const port = 4175;
const teamPort = 5988;
const base = `http://127.0.0.1:${port}/voronka/app/`;
const couch = `http://127.0.0.1:${teamPort}`;
mkdirSync('bench-results', { recursive: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'voronka-core', '--example', 'generate'], { stdio: 'inherit' });
const generator = join(process.env.CARGO_TARGET_DIR ?? 'target', 'release', 'examples', 'generate');
function generate(n) {
  const file = join('bench-results', `workspace-${n}.json`);
  writeFileSync(file, execFileSync(generator, [String(n)], { maxBuffer: 1 << 30 }));
  return file;
}

const web = spawn('node', ['tests/e2e/serve.mjs', process.env.BENCH_DIST ?? 'dist', String(port)], { stdio: 'ignore' });
const team = spawn('node', ['tools/team-server/start.mjs', '--port', String(teamPort), '--quiet'], { stdio: 'ignore' });
const auth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;
for (let i = 0; ; i++) {
  try {
    const body = await (await fetch(`${couch}/_session`, { headers: { Authorization: auth } })).json();
    if (body.userCtx?.roles?.includes('_admin')) break;
  } catch (e) {
    if (i > 300) throw e;
  }
  await new Promise((r) => setTimeout(r, 100));
}
for (const p of PEOPLE) await user(couch, p);
const [head, anna] = PEOPLE;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});

async function connect(page, db, who) {
  await page.click('.nav-link[data-view=data]');
  const form = page.getByTestId('team-form');
  await form.locator('[data-field=team-server]').fill(couch);
  await form.locator('[data-field=team-db]').fill(db);
  await form.locator('[data-field=team-user]').fill(who.name);
  await form.locator('[data-field=team-password]').fill(who.password);
  const at = Date.now();
  await form.locator('[data-action=team-connect]').click();
  await page.waitForSelector('.team-status[data-state=synced]', { timeout: 900_000 });
  return Date.now() - at;
}

const results = {};
for (const n of sizes) {
  const db = `voronka-bench-${n}-${Math.random().toString(36).slice(2, 8)}`;
  await database(couch, db);
  const headContext = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  const headPage = await headContext.newPage();
  await headPage.goto(`${base}#/data`);
  await headPage.click('[data-start=blank]');
  await headPage.click('.nav-link[data-view=data]');
  await headPage.setInputFiles('input[data-action=import-file]', generate(n));
  await headPage.click('[data-action=confirm-import]', { timeout: 120_000 });
  await headPage.waitForSelector('.save-status[data-state=saved]', { timeout: 120_000 });
  const createMs = await connect(headPage, db, head);
  const repContext = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  const rep = await repContext.newPage();
  await rep.goto(`${base}#/data`);
  await rep.click('[data-start=blank]');
  const traffic = { requests: 0, bytes: 0 };
  const count = async (request) => {
    if (!request.url().startsWith(couch)) return;
    const sizes = await request.sizes();
    traffic.requests += 1;
    traffic.bytes += sizes.requestBodySize + sizes.requestHeadersSize + sizes.responseBodySize + sizes.responseHeadersSize;
  };
  rep.on('requestfinished', count);
  const joinMs = await connect(rep, db, anna);
  rep.off('requestfinished', count);
  // The same join on Fast 3G, in a browser of its own.
  const slowContext = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  const slow = await slowContext.newPage();
  await slow.goto(`${base}#/data`);
  await slow.click('[data-start=blank]');
  const cdp = await slowContext.newCDPSession(slow);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  const joinSlowMs = await connect(slow, db, PEOPLE[2]);
  await slowContext.close();
  await rep.waitForSelector('.save-status[data-state=saved]', { timeout: 120_000 });
  // The head and its parts.
  const stateChars = await rep.evaluate(() => Object.keys(localStorage)
    .filter((k) => k === 'voronka.team.state' || k.startsWith('voronka.team.state.'))
    .reduce((sum, k) => sum + localStorage.getItem(k).length, 0));
  await headPage.click('.nav-link[data-view=board]');
  await rep.click('.nav-link[data-view=board]');
  const latency = [];
  // The longest tasks the sync gives either page's main thread (the merge, the saves).
  const watchTasks = () => {
    window.__tasks = [];
    new PerformanceObserver((list) => window.__tasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  };
  await headPage.evaluate(watchTasks);
  await rep.evaluate(watchTasks);
  for (let r = 0; r < runs; r++) {
    const title = `Latency ${r}`;
    await headPage.locator('.column').nth(0).locator('[data-action=add-deal]').click();
    const editor = headPage.getByTestId('deal-editor');
    await editor.getByTestId('title').fill(title);
    await editor.getByTestId('amount').fill('100');
    // The rep's page notes the moment the card is drawn itself: Playwright's own polling
    // backs off to 500 ms between looks, which would round the latency up.
    await rep.evaluate((title) => {
      window.__seen = new Promise((resolve) => {
        const look = () => [...document.querySelectorAll('.deal-card')].some((c) => c.textContent.includes(title));
        const observer = new MutationObserver(() => {
          if (look()) {
            observer.disconnect();
            resolve(Date.now());
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    }, title);
    const at = Date.now();
    await editor.locator('[data-action=save-deal]').click();
    await rep.locator('.deal-card', { hasText: title }).first().waitFor({ timeout: 120_000 });
    latency.push((await rep.evaluate(() => window.__seen)) - at);
    await headPage.waitForSelector('.team-status[data-state=synced]', { timeout: 120_000 });
  }
  // Every save of the last change done too.
  await rep.waitForSelector('.save-status[data-state=saved]', { timeout: 120_000 });
  await headPage.waitForSelector('.save-status[data-state=saved]', { timeout: 120_000 });
  const tasks = async (page) => {
    const list = await page.evaluate(() => window.__tasks);
    return { longest: Math.round(Math.max(0, ...list)), median: Math.round(list.length ? median(list) : 0), count: list.length };
  };
  const repTasks = await tasks(rep);
  const headTasks = await tasks(headPage);
  results[n] = {
    deals: n,
    create_team_ms: createMs,
    join_ms: joinMs,
    join_fast_3g_ms: joinSlowMs,
    join_requests: traffic.requests,
    join_bytes: traffic.bytes,
    change_seen_by_rep_median_ms: median(latency),
    change_seen_by_rep_worst_ms: Math.max(...latency),
    changes_timed: latency.length,
    team_state_chars: stateChars,
    rep_long_tasks: repTasks,
    head_long_tasks: headTasks,
  };
  console.log(JSON.stringify(results[n]));
  await headContext.close();
  await repContext.close();
}
writeFileSync('bench-results/team.json', JSON.stringify(results, null, 2));
await browser.close();
web.kill();
team.kill();
