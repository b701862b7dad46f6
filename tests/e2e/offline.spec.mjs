// Offline and updates: after a first visit online the service worker serves the app; offline,
// a reload opens it, the views and the editor work, a change is saved and survives another
// offline reload, and the export downloads. A new build deployed while a tab is open shows the
// update prompt, and reloading into it keeps the change just made.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, open, start, exportText } from './helpers.mjs';

/** Waits until the service worker controls the page. It claims the open pages when it first
 * activates; a page whose load began just before that (a reload during the install) is
 * controlled from its next load, as a user's next visit is. */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
}

/** Renames the first card of the board through the editor. */
async function renameFirstDeal(page, title) {
  await page.click('.nav-link[data-view=board]');
  await page.locator('.deal-card .deal-title').first().click();
  await page.getByTestId('title').fill(title);
  await page.click('[data-action=save-deal]');
  await expect(page.getByTestId('deal-editor')).toHaveCount(0);
}

test('works offline after the first visit', async ({ page, context }) => {
  await open(page, 'board', 'en');
  await page.reload();
  await start(page, 'demo');
  await controlled(page);
  await expect(page.getByTestId('offline')).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.deal-card').first()).toBeVisible();
  await expect(page.getByTestId('offline')).toHaveText('Offline');
  for (const view of ['today', 'directions', 'plans', 'analytics', 'data']) {
    await page.click(`.nav-link[data-view=${view}]`);
    await expect(page.locator(`section[data-view=${view}]`)).toBeVisible();
  }
  await renameFirstDeal(page, 'Renamed offline');
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(page.locator('.deal-card', { hasText: 'Renamed offline' })).toBeVisible();
  await page.click('.nav-link[data-view=data]');
  const { name, text } = await exportText(page);
  expect(name).toMatch(/^voronka-.*\.json$/);
  expect(text).toContain('Renamed offline');
  // Back online: the badge goes.
  await context.setOffline(false);
  await expect(page.getByTestId('offline')).toHaveCount(0);
});

test('a new build shows the update prompt and reloads into it, keeping a change', async ({ page }) => {
  // A copy of the build on its own server, so that it can be "deployed" again.
  const root = mkdtempSync(join(tmpdir(), 'voronka-deploy-'));
  cpSync('dist', root, { recursive: true });
  const port = 4176;
  const server = spawn('node', ['tests/e2e/serve.mjs', root, String(port)], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 400));
    const base = `http://127.0.0.1:${port}/voronka/app/`;
    await page.goto(`${base}#/board`);
    await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('en')));
    await page.reload();
    await start(page, 'demo');
    await controlled(page);
    const before = await page.evaluate(() => caches.keys());
    expect(before).toHaveLength(1);

    // A new build: the worker's bytes change (its version), as any rebuild changes them.
    const sw = join(root, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"'));
    // The old build's compressed copies of the worker go with the redeploy.
    for (const ext of ['.br', '.gz']) rmSync(sw + ext, { force: true });
    await renameFirstDeal(page, 'Kept across the update');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.locator('[data-banner=update]');
    await expect(banner).toContainText('A new version of Voronka is ready.');
    await Promise.all([page.waitForEvent('load'), banner.locator('[data-action=apply-update]').click()]);
    await expect(page.locator('.deal-card', { hasText: 'Kept across the update' })).toBeVisible();
    await expect(page.locator('[data-banner=update]')).toHaveCount(0);
    const after = await page.evaluate(() => caches.keys());
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(/-next$/);
  } finally {
    server.kill();
  }
});

test('the Install button appears when the browser offers it, and asks the browser', async ({ page }) => {
  await open(page, 'data', 'ru');
  await page.reload();
  await start(page, 'blank');
  await page.click('.nav-link[data-view=data]');
  const card = page.locator('[data-section=install]');
  await expect(card).toContainText('После первого открытия Воронка открывается и работает без сети');
  await expect(card).toContainText('На iPhone или iPad: «Поделиться» → «На экран „Домой“».');
  await expect(card.locator('[data-action=install]')).toHaveCount(0);
  // What Chromium fires when the app can be installed.
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true });
    event.prompt = () => { window.__prompted = true; return Promise.resolve(); };
    window.dispatchEvent(event);
  });
  await card.locator('[data-action=install]').click();
  expect(await page.evaluate(() => window.__prompted)).toBe(true);
  await expect(card.locator('[data-action=install]')).toHaveCount(0);
});
