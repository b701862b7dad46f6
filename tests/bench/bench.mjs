// Browser benchmark of the release build in headless Chromium over generated workspaces.
// Usage: node tests/bench/bench.mjs [deal counts…]   (default 1000 10000)
// Each size: import the generated export through the Data view (validation timed by the app's
// `voronka:import` measure), the full save (`voronka:save`), stored size, then over several
// reloads: navigation to the first painted card of the board, the app's load
// (`voronka:load`), JS heap; then real mouse drags: drop to updated page and the longest task
// during a drag. Medians of the runs go to bench-results/bench.json and are printed as a table.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const counts = sizes.length ? sizes : [1000, 10000];
const runs = Number(process.env.BENCH_RUNS ?? 3);
const port = 4174;
const base = `http://127.0.0.1:${port}/voronka/app/`;
mkdirSync('bench-results', { recursive: true });

const median = (xs) => {
  const s = [...xs].filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

const server = spawn('node', ['tests/e2e/serve.mjs', 'dist', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});

// Records the first painted card and long tasks, from the very start of each page.
const probe = () => {
  window.__bench = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    if (document.querySelector('.deal-card')) {
      window.__bench.firstCard = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};
const measures = (page, name) =>
  page.evaluate((n) => performance.getEntriesByName(`voronka:${n}`).map((e) => e.duration), name);

const results = {};
for (const n of counts) {
  const file = join('bench-results', `workspace-${n}.json`);
  const json = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'generate', '--', String(n)], {
    maxBuffer: 1 << 30,
  });
  writeFileSync(file, json);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  await context.addInitScript(probe);
  const page = await context.newPage();
  await page.goto(`${base}#/data`);
  await page.click('[data-start=blank]');
  await page.click('.nav-link[data-view=data]');
  await page.setInputFiles('input[data-action=import-file]', file);
  await page.waitForSelector('[data-testid=import-preview]', { timeout: 120_000 });
  const importMs = (await measures(page, 'import')).at(-1);
  await page.click('[data-action=confirm-import]');
  await page.waitForSelector('.save-status[data-state=saved]', { timeout: 120_000 });
  const fullSaveMs = (await measures(page, 'save')).at(-1);
  const stored = await page.evaluate(() => {
    let units = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      units += k.length + localStorage.getItem(k).length;
    }
    return units;
  });

  const nav = [], load = [], heap = [], drop = [], longest = [], moveSave = [];
  for (let r = 0; r < runs; r++) {
    await page.goto(`${base}#/board`);
    await page.reload();
    await page.waitForSelector('.deal-card', { timeout: 120_000 });
    await page.waitForTimeout(300);
    nav.push(await page.evaluate(() => window.__bench.firstCard));
    load.push((await measures(page, 'load')).at(-1));
    heap.push(await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null));

    // A real mouse drag of the first card of the first column to the top of the second.
    const from = page.locator('.column').nth(0).locator('.deal-card').first();
    const to = page.locator('.column').nth(1).locator('[data-column-body]');
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    const id = await from.getAttribute('data-deal');
    await page.evaluate((dealId) => {
      window.__bench.longTasks = [];
      window.addEventListener('pointerup', () => {
        window.__bench.dropAt = performance.now();
        const check = () => {
          const card = document.querySelector(`.column:nth-child(2) [data-deal="${dealId}"]`);
          if (card) window.__bench.updatedAt = performance.now();
          else requestAnimationFrame(check);
        };
        queueMicrotask(check);
        new MutationObserver((_, obs) => {
          if (document.querySelector(`.column:nth-child(2) [data-deal="${dealId}"]`)) {
            window.__bench.updatedAt ??= performance.now();
            obs.disconnect();
          }
        }).observe(document.querySelector('[data-testid=board]'), { childList: true, subtree: true });
      }, { capture: true, once: true });
      window.__bench.dragStart = performance.now();
    }, id);
    await page.mouse.move(a.x + a.width / 2, a.y + 14);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + 20, { steps: 20 });
    await page.mouse.up();
    const confirm = page.locator('[data-action=confirm-move]');
    const asked = await confirm.isVisible({ timeout: 2000 }).catch(() => false);
    if (asked) {
      // The drop asked about an unfinished task: time the confirmed move instead.
      await page.evaluate(() => {
        document.querySelector('[data-action=confirm-move]').addEventListener('click', () => {
          window.__bench.dropAt = performance.now();
        }, { capture: true, once: true });
      });
      await confirm.click();
    }
    await page.waitForFunction(() => window.__bench.updatedAt, null, { timeout: 10_000 });
    const t = await page.evaluate(() => window.__bench);
    drop.push(t.updatedAt - t.dropAt);
    longest.push(Math.max(0, ...t.longTasks.filter((x) => x.start >= t.dragStart).map((x) => x.duration)));
    await page.waitForSelector('.save-status[data-state=saved]');
    moveSave.push((await measures(page, 'save')).at(-1));
  }
  results[n] = {
    deals: n,
    export_file_bytes: statSync(file).size,
    import_validate_ms: importMs,
    full_save_ms: fullSaveMs,
    stored_utf16_units: stored,
    stored_percent_of_quota: Math.round((stored / 5_242_880) * 1000) / 10,
    navigation_to_first_card_ms: median(nav),
    load_decode_ms: median(load),
    save_after_move_ms: median(moveSave),
    drop_to_updated_page_ms: median(drop),
    longest_task_during_drag_ms: median(longest),
    js_heap_mb: heap[0] ? Math.round((median(heap) / 1048576) * 10) / 10 : null,
  };
  await context.close();
}
await browser.close();
server.kill();

const out = { date: new Date().toISOString().slice(0, 10), machine: '2 cores, headless Chromium', runs, results };
writeFileSync('bench-results/bench.json', JSON.stringify(out, null, 2));
const fmt = (v) => (v == null ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : v);
const keys = Object.keys(results[counts[0]]).filter((k) => k !== 'deals');
console.log(`| measure | ${counts.map((c) => `${c} deals`).join(' | ')} |`);
console.log(`|---|${counts.map(() => '---').join('|')}|`);
for (const k of keys) console.log(`| ${k} | ${counts.map((c) => fmt(results[c][k])).join(' | ')} |`);
