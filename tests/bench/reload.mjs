// Where a reload's time to the first card goes: imports WORKSPACE.json into the app in DIST,
// then reloads the board RELOADS times from a settled page and prints, per reload and as
// medians (ms from the navigation's start): the old page unloaded, the document's response,
// the new document's first script, DOM interactive, each file's request and response (resource
// timing), the wasm's instantiation (the page's `WebAssembly.instantiateStreaming` wrapped), the
// header drawn, the store's load (`voronka:load`) and the first card.
// Usage: node tests/bench/reload.mjs DIST [WORKSPACE.json] [RELOADS] [PORT]
// Env: LS=1 also times the page's first touch of localStorage (it loads the whole storage);
// FULL=1 installs the benchmark's own observers too (`probe.mjs`, to see what they cost).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { probe } from './probe.mjs';

const [dist, file = 'bench-results/workspace-10000.json', n = '10', port = '4190'] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}/voronka/app/`;
const server = spawn('node', ['tests/e2e/serve.mjs', dist, port], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// Installed before the page's scripts: the milestones the navigation entry does not give.
const milestones = (timeLocalStorage) => {
  window.__p = { start: performance.now() };
  if (timeLocalStorage) {
    const t = performance.now();
    localStorage.length;
    window.__p.ls = performance.now() - t;
  }
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const f = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      window.__p[`${name}Start`] = performance.now();
      return f.apply(this, args).then((x) => { window.__p[`${name}End`] = performance.now(); return x; });
    };
  }
  const seen = new MutationObserver(() => {
    if (document.querySelector('header')) window.__p.header ??= performance.now();
    if (document.querySelector('.deal-card')) {
      window.__p.firstCard = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document, { childList: true, subtree: true });
};

// One reload's figures, read in the page.
const figures = () => {
  const round = (x) => (x == null ? undefined : Math.round(x));
  const nav = performance.getEntriesByType('navigation')[0];
  const load = performance.getEntriesByName('voronka:load')[0];
  const p = window.__p;
  const files = Object.fromEntries(performance.getEntriesByType('resource').map((e) => [
    e.name.split('/').pop().replace(/-[0-9a-f]{8,}/, ''), [round(e.startTime), round(e.responseEnd)],
  ]));
  return {
    unload: round(nav.unloadEventEnd), fetch: round(nav.fetchStart), resp: round(nav.responseEnd),
    script: round(p.start), domInt: round(nav.domInteractive),
    wasmS: round(p.instantiateStreamingStart ?? p.instantiateStart), wasmE: round(p.instantiateStreamingEnd ?? p.instantiateEnd),
    header: round(p.header), loadS: round(load?.startTime), loadD: round(load?.duration), card: round(p.firstCard),
    ls: p.ls == null ? undefined : Math.round(p.ls * 10) / 10, files,
  };
};

try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  await context.addInitScript(milestones, Boolean(process.env.LS));
  if (process.env.FULL) await context.addInitScript(probe);
  const page = await context.newPage();
  await page.goto(`${base}#/data`);
  await page.click('[data-start=blank]');
  await page.click('.nav-link[data-view=data]');
  await page.setInputFiles('input[data-action=import-file]', file);
  await page.waitForSelector('[data-testid=import-preview]', { timeout: 300_000 });
  await page.click('[data-action=confirm-import]');
  await page.click('.nav-link[data-view=board]');
  await page.waitForSelector('.save-status[data-state=saved]', { timeout: 300_000 });
  const rows = [];
  for (let r = 0; r < Number(n); r++) {
    // From a settled board: the old page must finish its task before it unloads.
    await page.goto(`${base}#/board`);
    await page.waitForSelector('.deal-card');
    await page.waitForTimeout(1500);
    await page.reload();
    await page.waitForSelector('.deal-card');
    await page.waitForTimeout(300);
    rows.push(await page.evaluate(figures));
    console.log(JSON.stringify(rows.at(-1)));
  }
  const median = (k) => {
    const s = rows.map((x) => x[k]).filter((x) => x != null).sort((a, b) => a - b);
    return s.length ? s[Math.floor(s.length / 2)] : undefined;
  };
  const keys = ['unload', 'fetch', 'resp', 'script', 'domInt', 'wasmS', 'wasmE', 'header', 'loadS', 'loadD', 'card', 'ls'];
  console.log('median', Object.fromEntries(keys.map((k) => [k, median(k)])));
} finally {
  await browser.close();
  server.kill();
}
