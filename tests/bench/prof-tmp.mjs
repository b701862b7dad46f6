import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
const [dist, file = 'bench-results/workspace-10000.json'] = process.argv.slice(2);
const port = 4177;
const base = `http://127.0.0.1:${port}/voronka/app/`;
const server = spawn('node', ['tests/e2e/serve.mjs', dist, String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
const cdp = await page.context().newCDPSession(page);
await page.goto(`${base}#/data`);
await page.click('[data-start=blank]');
await page.click('.nav-link[data-view=data]');
await page.setInputFiles('input[data-action=import-file]', file);
await page.waitForSelector('[data-testid=import-preview]', { timeout: 300_000 });
await page.click('[data-action=confirm-import]');
await page.waitForSelector('.save-status[data-state=saved]', { timeout: 300_000 });
const incl = new Map(); let totalNonIdle = 0;
for (let r = 0; r < 5; r++) {
  await page.click('.nav-link[data-view=data]');
  await page.waitForTimeout(500);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.click('.nav-link[data-view=board]');
  await page.waitForTimeout(200);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]).callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)' || leaf === '(garbage collector)') { incl.set(leaf, (incl.get(leaf) ?? 0) + dt); continue; }
    totalNonIdle += dt;
    const seen = new Set();
    for (let id = profile.samples[i]; id != null; id = parent.get(id)) {
      let name = byId.get(id).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
      if (!name || seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + dt);
    }
  }
}
console.log('non-idle JS/wasm per run', (totalNonIdle / 5).toFixed(1));
for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 70)) console.log((v / 5).toFixed(2).padStart(7), k.slice(0, 150));
await browser.close(); server.kill();
