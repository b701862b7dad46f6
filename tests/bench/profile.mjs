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
await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
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
await browser.close();
server.kill();
