// The stage board as a rep uses it: creating deals, real mouse drags within and across
// columns, a touch drag, a keyboard move through the "Move to…" menu, the confirmation for an
// unfinished task, the loss reason, undo, and the same order after a reload.
import { test, expect, open, start } from './helpers.mjs';

const shots = 'tests/e2e/screenshots';

const column = (page, i) => page.locator('.column').nth(i);
const titles = (page, i) => column(page, i).locator('.deal-title').allTextContents();

async function createDeal(page, stageIndex, title, amount) {
  await column(page, stageIndex).locator('[data-action=add-deal]').click();
  const editor = page.getByTestId('deal-editor');
  await editor.getByTestId('title').fill(title);
  await editor.getByTestId('amount').fill(amount);
  await editor.locator('[data-action=save-deal]').click();
  await expect(editor).toHaveCount(0);
}

async function drag(page, from, to, { steps = 12 } = {}) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + 14);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + 20, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(10, b.height / 4), { steps });
  await page.mouse.up();
}

async function boardWithDeals(page) {
  await open(page, 'board');
  await page.reload();
  await start(page, 'templates');
  await page.click('.nav-link[data-view=board]');
  await expect(page.locator('.column')).toHaveCount(11);
  await createDeal(page, 0, 'Alpha windows', '1 000');
  await createDeal(page, 0, 'Beta doors', '2000');
  await createDeal(page, 0, 'Gamma roof', '3 000.50');
  await expect.poll(() => titles(page, 0)).toEqual(['Gamma roof', 'Beta doors', 'Alpha windows']);
}

test.use({ locale: 'en-US', viewport: { width: 1400, height: 900 } });

test('mouse drags reorder a column and move across, asking about the unfinished task', async ({ page }) => {
  await boardWithDeals(page);
  await expect(column(page, 0).getByTestId('column-stats')).toHaveText('3 · $6,000.50');

  // Within the column: Alpha (last) to the top.
  const alpha = column(page, 0).locator('.deal-card', { hasText: 'Alpha windows' });
  await drag(page, alpha, column(page, 0).locator('.deal-card', { hasText: 'Gamma roof' }));
  await expect.poll(() => titles(page, 0)).toEqual(['Alpha windows', 'Gamma roof', 'Beta doors']);

  // Across columns: the presentation task is not done, so the move asks first.
  const gamma = column(page, 0).locator('.deal-card', { hasText: 'Gamma roof' });
  await drag(page, gamma, column(page, 1).locator('[data-column-body]'));
  const confirm = page.getByTestId('confirm-task');
  await expect(confirm).toContainText('“Prepare and give the presentation” is not done for “Gamma roof”');
  await confirm.locator('[data-action=confirm-move]').click();
  await expect.poll(() => titles(page, 1)).toEqual(['Gamma roof']);
  await expect(page.getByTestId('announcer')).toContainText('Moved “Gamma roof” to Commercial offer, position 1 of 1');
  await expect(column(page, 1).locator('.deal-card').first()).toBeFocused();
  await expect(column(page, 0).getByTestId('column-stats')).toHaveText('2 · $3,000');

  // Escape cancels a drag in progress.
  const beta = column(page, 0).locator('.deal-card', { hasText: 'Beta doors' });
  const box = await beta.boundingBox();
  await page.mouse.move(box.x + 40, box.y + 14);
  await page.mouse.down();
  await page.mouse.move(box.x + 400, box.y + 40, { steps: 8 });
  await expect(page.locator('.drag-ghost.active')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect.poll(() => titles(page, 0)).toEqual(['Alpha windows', 'Beta doors']);
  await expect(beta).toBeFocused();

  // Undo brings Gamma back; redo moves it again.
  await page.click('[data-action=undo]');
  await expect.poll(() => titles(page, 0)).toEqual(['Alpha windows', 'Gamma roof', 'Beta doors']);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => titles(page, 1)).toEqual(['Gamma roof']);

  await page.reload();
  await expect.poll(() => titles(page, 0)).toEqual(['Alpha windows', 'Beta doors']);
  await expect.poll(() => titles(page, 1)).toEqual(['Gamma roof']);
});

test('a title or company that looks like markup shows as typed and runs nothing', async ({ page }) => {
  await boardWithDeals(page);
  const title = '<img src=x onerror="window.__ran=1">Ромашка & "Sons" \'B\'';
  await createDeal(page, 0, title, '500');
  const card = column(page, 0).locator('.deal-card').first();
  await expect(card.locator('.deal-title')).toHaveText(title);
  await expect(card).toHaveAttribute('aria-label', title);
  await expect(card.locator('.drag-handle')).toHaveAttribute('aria-label', `Drag ${title}`);
  await expect(card.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => window.__ran)).toBeUndefined();
  // The card's parts still work: "Move to…" opens its menu, a click elsewhere the editor.
  await card.locator('[data-action=move-to]').click();
  await expect(page.getByTestId('move-stage')).toBeVisible();
  await page.keyboard.press('Escape');
  await card.locator('.deal-days').click();
  await expect(page.getByTestId('deal-editor').getByTestId('title')).toHaveValue(title);
});

test('the cards change language with the app; separators in a title never split a card', async ({ page }) => {
  await boardWithDeals(page);
  // Control characters a CSV file may carry: the board's list of cards uses them internally.
  await createDeal(page, 0, 'Delta\u001d\u001e\u001fshed', '700');
  await expect.poll(() => titles(page, 0)).toEqual(['Delta   shed', 'Gamma roof', 'Beta doors', 'Alpha windows']);
  const card = column(page, 0).locator('.deal-card').nth(1);
  await expect(card.locator('.card-move')).toHaveText('Move to…');
  await expect(card.locator('.deal-days')).toHaveText('0 days in stage');
  await page.click('.lang-button[data-lang=ru]');
  await expect(card.locator('.card-move')).toHaveText('Переместить…');
  await expect(card.locator('.deal-days')).toHaveText('0 дней на этапе');
  await expect(card.locator('.drag-handle')).toHaveAttribute('aria-label', /Gamma roof/);
  await expect.poll(() => titles(page, 0)).toEqual(['Delta   shed', 'Gamma roof', 'Beta doors', 'Alpha windows']);
  await page.click('.lang-button[data-lang=en]');
  await expect(card.locator('.card-move')).toHaveText('Move to…');
});

test('"mark done and move" is one action: one undo takes back the move and the task', async ({ page }) => {
  await boardWithDeals(page);
  const gamma = column(page, 0).locator('.deal-card', { hasText: 'Gamma roof' });
  await expect(gamma.locator('.deal-task')).not.toHaveAttribute('data-task-state', 'done');
  await drag(page, gamma, column(page, 1).locator('[data-column-body]'));
  await page.getByTestId('confirm-task').locator('[data-action=done-and-move]').click();
  await expect.poll(() => titles(page, 1)).toEqual(['Gamma roof']);
  await page.click('[data-action=undo]');
  await expect.poll(() => titles(page, 0)).toEqual(['Gamma roof', 'Beta doors', 'Alpha windows']);
  const back = column(page, 0).locator('.deal-card', { hasText: 'Gamma roof' });
  await expect(back.locator('.deal-task')).not.toHaveAttribute('data-task-state', 'done');
  // Nothing else is left to undo of it: the next undo takes back the deal's creation.
  await page.click('[data-action=undo]');
  await expect.poll(() => titles(page, 0)).toEqual(['Beta doors', 'Alpha windows']);
  // Redo with nothing to redo is said so (here: after a new action).
  await createDeal(page, 0, 'Delta gate', '10');
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.locator('[data-banner=notice]')).toContainText('Nothing to redo');
});

test('keyboard: "Move to…" a lost stage asks for the reason and keeps focus', async ({ page }) => {
  await boardWithDeals(page);
  const beta = column(page, 0).locator('.deal-card', { hasText: 'Beta doors' });
  await beta.focus();
  await page.keyboard.press('Tab'); // to its "Move to…" button
  await expect(beta.locator('[data-action=move-to]')).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByTestId('move-menu');
  await expect(menu).toBeVisible();
  await menu.getByTestId('move-stage').selectOption({ label: 'Lost' });
  await page.keyboard.press('Tab'); // position
  await page.keyboard.press('Tab'); // "Move"
  await expect(menu.locator('[data-action=do-move]')).toBeFocused();
  await page.keyboard.press('Enter');
  const loss = page.getByTestId('loss-reason');
  await expect(loss).toContainText('Why was “Beta doors” lost?');
  await loss.getByText('No budget').click();
  await loss.locator('[data-action=confirm-loss]').click();
  await expect.poll(() => titles(page, 10)).toEqual(['Beta doors']);
  await expect(column(page, 10).locator('.deal-card').first()).toBeFocused();
  await expect(page.getByTestId('announcer')).toContainText('Moved “Beta doors” to Lost');
  // A closed stage's column folds away and back, by keyboard, keeping its figures.
  const fold = column(page, 10).locator('[data-action=collapse]');
  await expect(fold).toHaveAttribute('aria-label', 'Collapse Lost');
  await fold.focus();
  await page.keyboard.press('Enter');
  await expect(column(page, 10)).toHaveClass(/collapsed/);
  await expect(column(page, 10).locator('.deal-card')).toHaveCount(0);
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(fold).toHaveAttribute('aria-label', 'Expand Lost');
  await expect(fold).toBeFocused();
  await expect(column(page, 10).getByTestId('column-stats')).toHaveText('1 · $2,000');
  await page.keyboard.press('Enter');
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => titles(page, 10)).toEqual(['Beta doors']);

  // Won: mark the task done in the editor, then move by keyboard to Won; no question asked.
  const alpha = column(page, 0).locator('.deal-card', { hasText: 'Alpha windows' });
  await alpha.focus();
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('deal-editor');
  await editor.getByTestId('task-done').check();
  await page.keyboard.press('Escape');
  await expect(alpha.locator('.deal-task')).toHaveAttribute('data-task-state', 'done');
  await alpha.locator('[data-action=move-to]').click();
  await menu.getByTestId('move-stage').selectOption({ label: 'Commercial offer' });
  await menu.locator('[data-action=do-move]').click();
  await expect.poll(() => titles(page, 1)).toEqual(['Alpha windows']);
  await page.reload();
  await expect.poll(() => titles(page, 10)).toEqual(['Beta doors']);
  await expect.poll(() => titles(page, 1)).toEqual(['Alpha windows']);
});

test('the deal editor keeps what was typed when a field is wrong', async ({ page }) => {
  await boardWithDeals(page);
  await column(page, 0).locator('[data-action=add-deal]').click();
  const editor = page.getByTestId('deal-editor');
  await editor.getByTestId('title').fill('Delta fence');
  await editor.getByTestId('amount').fill('lots');
  await editor.getByTestId('email').fill('not-an-email');
  await editor.locator('[data-action=save-deal]').click();
  await expect(editor).toContainText('Enter an amount, for example');
  await editor.getByTestId('amount').fill('-5');
  await editor.locator('[data-action=save-deal]').click();
  await expect(editor).toContainText('The amount cannot be negative');
  await editor.getByTestId('amount').fill('500');
  await editor.locator('[data-action=save-deal]').click();
  await expect(editor).toContainText('Enter an e-mail like name@example.com');
  await expect(editor.getByTestId('title')).toHaveValue('Delta fence');
  await editor.getByTestId('email').fill('fence@delta.example');
  await editor.locator('[data-action=save-deal]').click();
  await expect(editor).toHaveCount(0);
  await expect.poll(() => titles(page, 0)).toContain('Delta fence');
  // Delete asks first.
  await column(page, 0).locator('.deal-card', { hasText: 'Delta fence' }).click();
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('deal-editor').locator('[data-action=delete-deal]').click();
  await expect.poll(() => titles(page, 0)).not.toContain('Delta fence');
});

test('filter by owner and search narrow the cards, counts and sums', async ({ page }) => {
  await open(page, 'board');
  await page.reload();
  await start(page, 'demo');
  await page.click('.nav-link[data-view=board]');
  const totals = page.getByTestId('board-totals');
  const all = await totals.textContent();
  await page.getByTestId('board-search').fill('zzzz-nothing');
  await expect(page.locator('.deal-card')).toHaveCount(0);
  await expect(totals).toContainText('Open: 0 deals');
  await page.getByTestId('board-search').fill('');
  await page.getByTestId('owner-filter').selectOption({ index: 1 });
  await expect(totals).not.toHaveText(all);
  const owner = await page.getByTestId('owner-filter').locator('option:checked').textContent();
  for (const o of await page.locator('.deal-owner').allTextContents()) expect(o).toBe(owner);
});

test.describe('touch', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 412, height: 860 } });

  test('a hold on the handle and a drag move the card', async ({ page }) => {
    await boardWithDeals(page);
    const card = column(page, 0).locator('.deal-card', { hasText: 'Alpha windows' });
    const target = column(page, 0).locator('.deal-card', { hasText: 'Gamma roof' });
    const h = await card.locator('.drag-handle').boundingBox();
    const t = await target.boundingBox();
    const cdp = await page.context().newCDPSession(page);
    const point = (x, y) => [{ x, y, id: 1 }];
    const [x0, y0] = [h.x + h.width / 2, h.y + h.height / 2];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(x0, y0) });
    await page.waitForTimeout(350); // the hold
    const [x1, y1] = [t.x + t.width / 2, t.y + 8];
    for (let i = 1; i <= 10; i++) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: point(x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10),
      });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => titles(page, 0)).toEqual(['Alpha windows', 'Gamma roof', 'Beta doors']);
  });
});

for (const [lang, label] of [['en', 'en'], ['ru', 'ru']]) {
  for (const [width, height, form] of [[1400, 900, 'desktop'], [390, 844, 'phone']]) {
    test(`screenshot of the demo board, ${label}, ${form}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await open(page, 'board', lang);
      await page.reload();
      await start(page, 'demo');
      await expect(page.locator('.deal-card').first()).toBeVisible();
      await page.screenshot({ path: `${shots}/board-${label}-${form}.png` });
    });
  }
}

test('a long column draws a screenful at first and the rest as it scrolls', async ({ page }) => {
  await open(page, 'data');
  await page.reload();
  await start(page, 'demo');
  // The demo's export, with 250 more deals in the first stage of the first direction.
  const { exportText, importFile } = await import('./helpers.mjs');
  const file = JSON.parse((await exportText(page)).text);
  const data = file.data;
  const direction = data.directions[0];
  const stage = direction.stages[0];
  const model = data.deals.find((d) => d.stage === stage.id);
  const bulk = Array.from({ length: 250 }, (_, i) => ({ ...model, id: data.next_id + i, title: `Bulk deal ${i + 1}` }));
  data.deals.unshift(...bulk);
  data.next_id += 250;
  const total = data.deals.filter((d) => d.stage === stage.id).length;
  await importFile(page, 'long.json', JSON.stringify(file));
  await page.click('[data-action=confirm-import]');
  await page.click('.nav-link[data-view=board]');
  await page.getByTestId('direction-picker').selectOption(String(direction.id));

  const first = column(page, 0);
  await expect(first.getByTestId('column-stats')).toContainText(`${total} ·`);
  const drawn = await first.locator('.deal-card').count();
  expect(drawn).toBeGreaterThanOrEqual(12);
  expect(drawn).toBeLessThanOrEqual(40);
  await expect(first.locator('.deal-title').first()).toHaveText('Bulk deal 1');
  await expect(first.locator('.show-more')).toBeVisible();

  // Scrolling to the end draws the next page, and so on to the last card.
  const body = first.locator('[data-column-body]');
  for (let shown = drawn; shown < total; ) {
    await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => first.locator('.deal-card').count()).toBeGreaterThan(shown);
    shown = await first.locator('.deal-card').count();
  }
  await expect(first.locator('.deal-card')).toHaveCount(total);
  await expect(first.locator('.show-more')).toHaveCount(0);
});

test('a large board opens on its first screen with whole figures, and an early drag keeps every deal', async ({ page }) => {
  // What the page showed when its first card appeared.
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (!document.querySelector('.deal-card')) return;
      const first = document.querySelector('.column');
      window.__first = {
        busy: document.querySelector('.board-view')?.getAttribute('aria-busy'),
        stats: first.querySelector('[data-testid=column-stats]').textContent,
        cards: first.querySelectorAll('.deal-card').length,
        lastCards: [...document.querySelectorAll('.column')].at(-1).querySelectorAll('.deal-card').length,
      };
      obs.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await open(page, 'data');
  await page.reload();
  await start(page, 'demo');
  // The demo with 2,400 more deals over the stages of its first direction.
  const { exportText, importFile, count } = await import('./helpers.mjs');
  const file = JSON.parse((await exportText(page)).text);
  const data = file.data;
  const direction = data.directions[0];
  const open_ = direction.stages.filter((s) => s.kind === 'Open');
  // Copies of a deal of each of the first two stages, in the same stage.
  const models = open_.slice(0, 2).map((s) => data.deals.find((d) => d.stage === s.id));
  expect(models.every(Boolean)).toBe(true);
  const bulk = Array.from({ length: 2400 }, (_, i) => ({
    ...models[i % 2], id: data.next_id + i, title: `Bulk deal ${i + 1}`,
  }));
  data.deals.push(...bulk);
  data.next_id += bulk.length;
  const total = data.deals.length;
  const inStage = (s) => data.deals.filter((d) => d.stage === s.id).length;
  await importFile(page, 'large.json', JSON.stringify(file));
  await page.click('[data-action=confirm-import]');
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await page.click('.nav-link[data-view=board]');
  await page.getByTestId('direction-picker').selectOption(String(direction.id));
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');

  await page.reload();
  await page.waitForSelector('.deal-card');
  const first = await page.evaluate(() => window.__first);
  expect(first.busy).toBe('true');
  // The first column's figures are the whole column's before its deals are all read.
  const digits = (text) => Number(text.split('·')[0].replace(/[^0-9]/g, ''));
  expect(digits(first.stats)).toBe(inStage(open_[0]));
  expect(first.cards).toBeGreaterThanOrEqual(12);

  // A drag straight away: the first card of the second column to the top of the first.
  const moved = await column(page, 1).locator('.deal-title').first().textContent();
  await drag(page, column(page, 1).locator('.deal-card').first(), column(page, 0).locator('.deal-card').first());
  await expect(column(page, 0).locator('.deal-title').first()).toHaveText(moved);
  await expect(page.locator('.board-view')).not.toHaveAttribute('aria-busy', 'true');
  await expect(column(page, 0).getByTestId('column-stats')).toHaveText(new RegExp(`^${(inStage(open_[0]) + 1).toLocaleString('en-US')} ·`));
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');

  // Every deal is still there, in this page and after a reload.
  await page.reload();
  await expect(column(page, 0).locator('.deal-title').first()).toHaveText(moved);
  await expect(column(page, 1).getByTestId('column-stats')).toHaveText(new RegExp(`^${(inStage(open_[1]) - 1).toLocaleString('en-US')} ·`));
  // A column beyond the window gets its cards right after the first paint, not before it.
  const again = await page.evaluate(() => window.__first);
  expect(again.lastCards).toBe(0);
  const last = page.locator('.column').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator('.deal-card').first()).toBeVisible();
  expect(await last.locator('.deal-card').count()).toBe(Math.min(inStage(direction.stages.at(-1)), again.cards));
  await page.click('.nav-link[data-view=data]');
  expect(await count(page, 'deals')).toBe(total);
});
