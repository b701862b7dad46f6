// Where a reload's time to the first card goes: imports WORKSPACE.json into the app in DIST,
// then reloads the board RELOADS times from a settled page and prints, per reload and as
// medians (ms from the navigation's start): the old page unloaded, the document's response,
// the new document's first script, DOM interactive, each file's request and response (resource
// timing), the wasm's instantiation (the page's `WebAssembly.instantiateStreaming` wrapped), the
// header drawn, the store's load (`voronka:load`) and the first card.
// Usage: node tests/bench/reload.mjs DIST [WORKSPACE.json] [RELOADS] [PORT]
// Env: LS=1 also times the page's first touch of localStorage (it loads the whole storage);
// FULL=1 installs the benchmark's own observers too (to see what they cost).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
const [dist, file = 'bench-results/workspace-10000.json', n = '10', port = '4190'] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}/voronka/app/`;
const server = spawn('node', ['tests/e2e/serve.mjs', dist, port], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
await context.addInitScript(([ls, full]) => {
  window.__p = { start: performance.now() };
  if (ls) { const t = performance.now(); localStorage.length; window.__p.ls = performance.now() - t; }
  const wrap = (name) => {
    const f = WebAssembly[name];
    WebAssembly[name] = function (...a) {
      window.__p[name + 'Start'] = performance.now();
      return f.apply(this, a).then((x) => { window.__p[name + 'End'] = performance.now(); return x; });
    };
  };
  wrap('instantiateStreaming'); wrap('instantiate');
  const first = new MutationObserver(() => {
    if (!window.__p.body && document.body) window.__p.body = performance.now();
    if (document.querySelector('header')) window.__p.header ??= performance.now();
    if (document.querySelector('.deal-card')) { window.__p.firstCard = performance.now(); first.disconnect(); }
  });
  first.observe(document, { childList: true, subtree: true });
  if (full) {
    window.__bench = { longTasks: [], events: [], lastMutation: 0 };
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.events.push({ name: e.name, start: e.startTime, duration: e.duration }); }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    const inHeader = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest('header.header');
    new MutationObserver((records) => { if (records.some((r) => !inHeader(r.target))) window.__bench.lastMutation = performance.now(); })
      .observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  }
}, [Boolean(process.env.LS), Boolean(process.env.FULL)]);
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
  await page.goto(`${base}#/board`);
  await page.waitForSelector('.deal-card');
  await page.waitForTimeout(1500);
  await page.reload();
  await page.waitForSelector('.deal-card');
  await page.waitForTimeout(300);
  rows.push(await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop().replace(/-[0-9a-f]{8,}/, '').slice(0, 14), [Math.round(e.startTime), Math.round(e.responseEnd)]]));
    const load = performance.getEntriesByName('voronka:load')[0];
    const p = window.__p;
    return { unload: Math.round(nav.unloadEventEnd), fetch: Math.round(nav.fetchStart), resp: Math.round(nav.responseEnd), script: Math.round(p.start),
      domInt: Math.round(nav.domInteractive), wasmS: Math.round(p.instantiateStreamingStart ?? p.instantiateStart), wasmE: Math.round(p.instantiateStreamingEnd ?? p.instantiateEnd),
      header: Math.round(p.header), loadS: load && Math.round(load.startTime), loadD: load && Math.round(load.duration), card: Math.round(p.firstCard), ls: p.ls && Math.round(p.ls * 10) / 10, res };
  }));
  console.log(JSON.stringify(rows.at(-1)));
}
const med = (k) => { const s = rows.map((x) => x[k]).sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log('median', Object.fromEntries(['unload', 'fetch', 'resp', 'script', 'domInt', 'wasmS', 'wasmE', 'header', 'loadS', 'loadD', 'card', 'ls'].map((k) => [k, med(k)])));
await browser.close();
server.kill();
