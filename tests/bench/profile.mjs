// Where the time goes: a CPU profile of one reload (load and first board) and one drop, with
// self time summed per function. Run it on a build with function names kept (see
// docs/PERFORMANCE.md, "Profiling"):  node tests/bench/profile.mjs DIST WORKSPACE.json
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

const [dist = 'dist', file = 'bench-results/workspace-10000.json'] = process.argv.slice(2);
const port = 4175;
const base = `http://127.0.0.1:${port}/voronka/app/`;
const server = spawn('node', ['tests/e2e/serve.mjs', dist, String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
const cdp = await page.context().newCDPSession(page);

// Self time per function, the heaviest first.
const top = (profile, n = 25) => {
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const f = byId.get(samples[i]).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() : ''}`;
    self.set(key, (self.get(key) ?? 0) + (timeDeltas[i + 1] ?? 0) / 1000);
  }
  // Inclusive time of the app's own functions (a function's samples and its callees').
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const inclusive = new Map();
  for (let i = 0; i < samples.length; i++) {
    const seen = new Set();
    for (let id = samples[i]; id != null; id = parent.get(id)) {
      const name = byId.get(id).callFrame.functionName;
      if (!/^voronka::/.test(name) || seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + (timeDeltas[i + 1] ?? 0) / 1000);
    }
  }
  console.log('inclusive, the app\'s functions:');
  for (const [k, v] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${v.toFixed(1).padStart(8)} ms  ${k.replace(/::h[0-9a-f]{16}$/, '')}`);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`total ${total.toFixed(1)} ms`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
};
const profiled = async (label, run) => {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`\n## ${label}`);
  top(profile, 12);
};

// A traced step's timeline on the main thread from the input event of `type` on: each event
// handler, script, style, layout and paint (ms from the input, duration), a layout marked
// "forced" when a script asked for it (it then carries the script's stack).
const timeline = (label, events, type) => {
  const main = events.filter((e) => e.ph === 'X' && e.dur && e.name !== 'RunTask');
  const start = main.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === type);
  if (!start) return;
  console.log(`\n## ${label}, timeline from the ${type} (ms from its start, duration)`);
  const kinds = ['EventDispatch', 'FunctionCall', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Commit', 'FireAnimationFrame', 'TimerFire', 'ParseHTML'];
  const shown = main.filter((e) => e.ts >= start.ts && kinds.includes(e.name)).sort((a, b) => a.ts - b.ts).slice(0, 40);
  for (const e of shown) {
    const stack = e.args?.beginData?.stackTrace;
    const forced = stack ? ' forced by ' + stack.map((f) => f.functionName).filter(Boolean).slice(0, 3).join(' < ') : '';
    const what = e.args?.data?.type ?? e.args?.beginData?.elementCount ?? e.args?.elementCount ?? '';
    console.log(`${((e.ts - start.ts) / 1000).toFixed(1).padStart(7)} ${(e.dur / 1000).toFixed(1).padStart(6)} ms  ${e.name} ${what}${forced}`);
  }
  // Inside the longest script: what the browser did while it ran (nested events by kind).
  const longest = main.filter((e) => e.ts >= start.ts && e.name === 'FunctionCall').sort((a, b) => b.dur - a.dur)[0];
  if (!longest) return;
  const inner = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || e === longest || e.ts < longest.ts || e.ts + e.dur > longest.ts + longest.dur) continue;
    inner.set(e.name, (inner.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log(`inside the longest script (${(longest.dur / 1000).toFixed(1)} ms):`);
  for (const [k, v] of [...inner.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
};

await page.goto(`${base}#/data`);
await page.click('[data-start=blank]');
await page.click('.nav-link[data-view=data]');
await profiled('import: file chosen to preview', async () => {
  await page.setInputFiles('input[data-action=import-file]', file);
  await page.waitForSelector('[data-testid=import-preview]', { timeout: 300_000 });
});
await page.click('[data-action=confirm-import]');
await page.waitForSelector('.save-status[data-state=saved]', { timeout: 300_000 });
await page.goto(`${base}#/board`);
await profiled('reload to the first card', async () => {
  await page.reload();
  await page.waitForSelector('.deal-card', { timeout: 120_000 });
  await page.waitForTimeout(500);
});
// As the benchmark: the board drawn again from memory (Data view -> Board).
await page.click('.nav-link[data-view=data]');
await page.waitForTimeout(300);
await profiled('board drawn from memory', async () => {
  await page.click('.nav-link[data-view=board]');
  await page.waitForSelector('.deal-card');
  await page.waitForTimeout(300);
});
// The same, traced: the timeline from the click on.
await page.click('.nav-link[data-view=data]');
await page.waitForTimeout(300);
{
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8,disabled-by-default-v8.compile', transferMode: 'ReportEvents' });
  await page.click('.nav-link[data-view=board]');
  await page.waitForSelector('.deal-card');
  await page.waitForTimeout(300);
  await cdp.send('Tracing.end');
  await traced;
  cdp.off('Tracing.dataCollected', onData);
  timeline('board drawn from memory', events, 'click');
}
// As the benchmark: the first card of the second column back to the top of the first.
const from = page.locator('.column').nth(1).locator('.deal-card').first();
const to = page.locator('.column').nth(0).locator('[data-column-body]');
const a = await from.boundingBox();
const b = await to.boundingBox();
await page.mouse.move(a.x + a.width / 2, a.y + 14);
await page.mouse.down();
await page.mouse.move(b.x + b.width / 2, b.y + 20, { steps: 20 });
// The drop traced: the browser's own work (style, layout, paint) beside the scripts'.
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8,disabled-by-default-v8.compile', transferMode: 'ReportEvents' });
await page.mouse.up();
const confirm = page.locator('[data-action=confirm-move]');
if (await confirm.isVisible({ timeout: 1000 }).catch(() => false)) await confirm.click();
await page.waitForTimeout(300);
await cdp.send('Tracing.end');
await traced;
const sums = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
}
console.log('\n## drop, traced (ms per event kind, nested kinds overlap)');
for (const [k, v] of [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
  console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
}
timeline('drop', events, 'pointerup');
await browser.close();
server.kill();
