// Views in modules of their own (the split release build): a view whose module is still on
// its way shows a localized loading line at once; a module that cannot be fetched says so with
// a Retry, which then loads it; after the first paint every module is fetched in idle time.
// The service worker is kept out, so that every module comes from the network.
import { test, expect, open, start } from './helpers.mjs';

test.use({ serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });

const module = (name) => `**/voronka-*-split_${name}.wasm`;

test('a view whose module is on its way says it is loading, in the UI language, then opens', async ({ page }) => {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(module('plans'), async (route) => {
    await held;
    await route.continue();
  });
  await open(page, 'board', 'ru');
  await page.reload();
  await start(page, 'templates');
  await page.click('.nav-link[data-view=plans]');
  await expect(page.getByTestId('view-loading')).toHaveText('Загрузка…');
  await expect(page.getByTestId('view-loading')).toHaveAttribute('role', 'status');
  release();
  await expect(page.locator('section[data-view=plans]')).toBeVisible();
  await expect(page.getByTestId('view-loading')).toHaveCount(0);
});

test('a module that cannot be fetched says so with a Retry, and Retry opens the view', async ({ page }) => {
  await page.route(module('analytics'), (route) => route.abort('internetdisconnected'));
  await open(page, 'board', 'en');
  await page.reload();
  await start(page, 'demo');
  await page.click('.nav-link[data-view=analytics]');
  const failed = page.getByTestId('view-failed');
  await expect(failed).toContainText('This view could not be loaded');
  await expect(failed).toContainText('Check the connection and try again.');
  // The rest of the app goes on: the board still works.
  await page.click('.nav-link[data-view=board]');
  await expect(page.locator('.deal-card').first()).toBeVisible();
  await page.click('.nav-link[data-view=analytics]');
  await expect(failed).toBeVisible();
  await page.unroute(module('analytics'));
  await failed.locator('[data-action=retry-view]').click();
  await expect(page.locator('section[data-view=analytics]')).toBeVisible();
  await expect(failed).toHaveCount(0);
});

test('the deal editor, in its own module, says so in a dialog when it cannot be fetched', async ({ page }) => {
  await page.route(module('editor'), (route) => route.abort('internetdisconnected'));
  await open(page, 'board', 'en');
  await page.reload();
  await start(page, 'demo');
  await page.locator('.deal-card .deal-title').first().click();
  const failed = page.getByTestId('view-failed');
  await expect(failed).toContainText('This view could not be loaded');
  // Escape closes it like any dialog; opening the deal again tries again.
  await page.keyboard.press('Escape');
  await expect(failed).toHaveCount(0);
  await page.locator('.deal-card .deal-title').first().click();
  await expect(failed).toBeVisible();
  await page.unroute(module('editor'));
  await failed.locator('[data-action=retry-view]').click();
  await expect(page.getByTestId('deal-editor')).toBeVisible();
  await expect(failed).toHaveCount(0);
});

test('after the first paint every other view is fetched in idle time, and opens without waiting', async ({ page }) => {
  const fetched = new Set();
  page.on('requestfinished', (r) => {
    const m = r.url().match(/-split_(\w+)\.wasm$/);
    if (m) fetched.add(m[1]);
  });
  await open(page, 'board', 'en');
  await page.reload();
  await start(page, 'demo');
  await expect(page.locator('.deal-card').first()).toBeVisible();
  await expect.poll(() => [...fetched].sort(), { timeout: 15_000 }).toEqual(['act', 'analytics', 'data', 'directions', 'editor', 'export', 'plans', 'start']);
  // Preloaded: a view opens with no loading line in between.
  await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
  for (const view of ['plans', 'analytics', 'directions', 'data']) {
    await page.click(`.nav-link[data-view=${view}]`);
    await expect(page.locator(`section[data-view=${view}]`)).toBeVisible();
  }
  await expect(page.getByTestId('view-failed')).toHaveCount(0);
});

test('the CSV export comes in a module of its own: a failed fetch says so, and the button tries again', async ({ page }) => {
  await page.route(module('export'), (route) => route.abort('internetdisconnected'));
  await open(page, 'board', 'ru');
  await page.reload();
  await start(page, 'demo');
  const button = page.locator('[data-action=export-board-csv]');
  await button.click();
  const failed = page.getByTestId('export-failed');
  await expect(failed).toHaveText('Не удалось загрузить выгрузку: проверьте подключение и нажмите кнопку ещё раз.');
  await expect(failed).toHaveAttribute('role', 'alert');
  // The board goes on meanwhile.
  await expect(page.locator('.deal-card').first()).toBeVisible();
  await page.unroute(module('export'));
  const download = page.waitForEvent('download');
  await button.click();
  expect((await download).suggestedFilename()).toMatch(/^voronka-deals-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(failed).toHaveCount(0);
});

/** Moves the first card of the first column to the second through its "Move to…" menu; its title. */
async function moveFirstCard(page) {
  const column = (i) => page.locator('.column').nth(i);
  const card = column(0).locator('.deal-card').first();
  const title = await card.locator('.deal-title').textContent();
  await card.locator('[data-action=move-to]').click();
  const select = page.getByTestId('move-stage');
  await select.selectOption({ index: 1 });
  await page.click('[data-action=do-move]');
  const confirm = page.locator('[data-action=confirm-move]');
  if (await confirm.isVisible()) await confirm.click();
  await expect(column(1).locator('.deal-title', { hasText: title })).toHaveCount(1);
  return title;
}

test('the code that makes changes comes after the first screen: the board shows at once and takes changes once it is here', async ({ page }) => {
  await open(page, 'board', 'en');
  await page.reload();
  await start(page, 'demo');
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(module('act'), async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  // The first screen is drawn without it, and held still until it comes.
  await expect(page.locator('.deal-card').first()).toBeVisible();
  await expect(page.locator('main#main')).toHaveAttribute('inert', '');
  release();
  await expect(page.locator('main#main')).not.toHaveAttribute('inert', '');
  await moveFirstCard(page);
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
});

test('the code that makes changes cannot be fetched: the board is read, a banner says so, and Retry brings editing back', async ({ page }) => {
  await open(page, 'board', 'ru');
  await page.reload();
  await start(page, 'demo');
  await page.route(module('act'), (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(page.locator('.deal-card').first()).toBeVisible();
  const failed = page.getByTestId('acts-failed');
  await expect(failed).toContainText('Не удалось загрузить редактирование');
  await expect(failed).toHaveAttribute('role', 'alert');
  await page.unroute(module('act'));
  await failed.locator('[data-action=retry-acts]').click();
  await expect(failed).toHaveCount(0);
  const title = await moveFirstCard(page);
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(page.locator('.column').nth(1).locator('.deal-title', { hasText: title })).toHaveCount(1);
});
