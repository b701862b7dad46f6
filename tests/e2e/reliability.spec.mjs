// Never lose a deal under real browser conditions: two tabs saving at the same moment, a
// start-over in another tab, stale editors, undo racing another tab, unsaved changes at close,
// imports over damaged data, blocked storage, damaged bits, bad files and extreme values.
import { test, expect, open, start, count, exportText, importFile, storedKeys } from './helpers.mjs';

test.use({ locale: 'en-US' });

/** Two pages of one browser context (two tabs) on the demo's board. */
async function twoTabs(context) {
  const a = await context.newPage();
  await open(a, 'board');
  await a.reload();
  await start(a, 'demo');
  const b = await context.newPage();
  await b.goto('./#/board');
  await expect(b.locator('.deal-card').first()).toBeVisible();
  return { a, b };
}

/** Ids of the first cards on the board, from different storage shards (id mod 32). */
async function cardsOfDifferentShards(page, n) {
  const ids = await page.$$eval('.deal-card[data-deal]', (cards) => cards.map((c) => Number(c.dataset.deal)));
  const out = [];
  for (const id of ids) {
    if (!out.some((o) => o % 32 === id % 32)) out.push(id);
    if (out.length === n) return out;
  }
  throw new Error('not enough cards');
}

/**
 * Clicks `first` in page `p` and `second` in page `q` `apart` ms later: `p` posts on a
 * BroadcastChannel as it clicks, `q` clicks on receipt after the delay. Two tabs meet at one
 * moment without reading a clock (the test's clock is fixed).
 */
async function together(p, first, delayFirst, q, second, apart) {
  await q.evaluate(([selector, ms]) => {
    const channel = new BroadcastChannel('e2e-together');
    window.__together = new Promise((done) => {
      channel.onmessage = () => {
        channel.close();
        setTimeout(() => {
          document.querySelector(selector).click();
          done();
        }, ms);
      };
    });
  }, [second, apart]);
  await p.evaluate(([selector, ms]) => {
    const channel = new BroadcastChannel('e2e-together');
    setTimeout(() => {
      channel.postMessage('go');
      channel.close();
      document.querySelector(selector).click();
    }, ms);
  }, [first, delayFirst]);
  await q.evaluate(() => window.__together);
}

async function openEditor(page, id) {
  await page.click(`.deal-card[data-deal="${id}"] .deal-title`);
  await expect(page.getByTestId('deal-editor')).toBeVisible();
}

/** The stored workspace read back the way a reload would, in a fresh page of the context. */
async function reloadedDeals(context) {
  const page = await context.newPage();
  await page.goto('./#/data');
  await expect(page.locator('[data-count=deals]')).toBeVisible();
  const unreadable = await page.locator('[data-banner=recovery]').count();
  const { text } = await exportText(page);
  await page.close();
  return { unreadable, deals: JSON.parse(text).data.deals };
}

test('two tabs saving 0-40 ms apart, 20 rounds: never unreadable, every edit kept', async ({ context }) => {
  test.setTimeout(180_000);
  const { a, b } = await twoTabs(context);
  const ids = await cardsOfDifferentShards(a, 2);
  for (let round = 0; round < 20; round++) {
    const apart = (round * 2) % 41;
    await openEditor(a, ids[0]);
    await openEditor(b, ids[1]);
    await a.getByTestId('title').fill(`A round ${round}`);
    await b.getByTestId('title').fill(`B round ${round}`);
    // A saves, and its message tells B to save `apart` ms later (no clock read anywhere).
    await together(a, '[data-action=save-deal]', 0, b, '[data-action=save-deal]', apart);
    await expect(a.getByTestId('deal-editor')).toHaveCount(0);
    await expect(b.getByTestId('deal-editor')).toHaveCount(0);
    await expect(a.locator('.save-status')).toHaveAttribute('data-state', 'saved');
    await expect(b.locator('.save-status')).toHaveAttribute('data-state', 'saved');
    const stored = await reloadedDeals(context);
    expect(stored.unreadable, `round ${round}, ${apart} ms apart`).toBe(0);
    expect(stored.deals).toHaveLength(300);
    const title = (id) => stored.deals.find((d) => d.id === id).title;
    expect(title(ids[0]), `round ${round}`).toBe(`A round ${round}`);
    expect(title(ids[1]), `round ${round}`).toBe(`B round ${round}`);
  }
});

test('start over in one tab: the other shows it and never writes over it', async ({ context }) => {
  const { a, b } = await twoTabs(context);
  const [id] = await cardsOfDifferentShards(b, 1);
  await openEditor(b, id);
  await b.getByTestId('title').fill('Edited in B');
  await a.click('.nav-link[data-view=data]');
  a.once('dialog', (d) => d.accept());
  const [backup] = await Promise.all([a.waitForEvent('download'), a.click('[data-action=start-over]')]);
  expect(backup.suggestedFilename()).toMatch(/^voronka-/);
  await expect(a.locator('[data-start]')).toHaveCount(3);
  // B learns at once: the first-launch choice, and a word about what happened.
  await expect(b.locator('[data-start]')).toHaveCount(3, { timeout: 2_000 });
  await expect(b.locator('[data-banner=not-applied]')).toContainText('Another tab replaced the workspace');
  expect(await b.evaluate(() => localStorage.getItem('voronka.workspace'))).toBeNull();
  // A starts anew; B shows it and nothing B had is written over it.
  await start(a, 'templates');
  await expect(b.locator('[data-start]')).toHaveCount(0, { timeout: 2_000 });
  await b.reload();
  await expect(b.locator('[data-banner=recovery]')).toHaveCount(0);
  await b.click('.nav-link[data-view=data]');
  expect(await count(b, 'deals')).toBe(0);
  expect(await count(b, 'directions')).toBe(4);
});

test('a stale editor saves only what it changed, and shows a field changed on both sides', async ({ context }) => {
  const { a, b } = await twoTabs(context);
  const [w] = await cardsOfDifferentShards(a, 1);
  await openEditor(b, w);
  const oldTitle = await b.getByTestId('title').inputValue();
  await openEditor(a, w);
  await a.getByTestId('amount').fill('777');
  await a.click('[data-action=save-deal]');
  await expect(a.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  // B changes only the title: A's amount stays.
  await b.getByTestId('title').fill('Retitled in B');
  await b.click('[data-action=save-deal]');
  await expect(b.getByTestId('deal-editor')).toHaveCount(0);
  await expect(b.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  let deal = (await reloadedDeals(context)).deals.find((d) => d.id === w);
  expect(deal.title).toBe('Retitled in B');
  expect(deal.amount).toBe(77700);

  // Both editors change the title: the later save shows both values and lets the user choose.
  await openEditor(a, w);
  await openEditor(b, w);
  await a.getByTestId('title').fill('Title from A');
  await a.click('[data-action=save-deal]');
  await expect(a.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await expect(b.locator(`.deal-card[data-deal="${w}"] .deal-title`)).toHaveText('Title from A');
  await b.getByTestId('title').fill('Title from B');
  await b.click('[data-action=save-deal]');
  const conflicts = b.getByTestId('conflicts');
  await expect(conflicts).toContainText('Yours: Title from B');
  await expect(conflicts).toContainText('Now saved: Title from A');
  await expect(b.getByTestId('deal-editor')).toBeVisible();
  await conflicts.locator('[data-action=take-theirs]').click();
  await expect(b.getByTestId('title')).toHaveValue('Title from A');
  await b.click('[data-action=save-deal]');
  await expect(b.getByTestId('deal-editor')).toHaveCount(0);
  deal = (await reloadedDeals(context)).deals.find((d) => d.id === w);
  expect(deal.title).toBe('Title from A');
  expect(oldTitle).not.toBe('Title from A');
});

test("an undo racing another tab's save is kept, not discarded", async ({ context }) => {
  const { a, b } = await twoTabs(context);
  const [x, y] = await cardsOfDifferentShards(a, 2);
  const original = await a.locator(`.deal-card[data-deal="${x}"] .deal-title`).textContent();
  await openEditor(a, x);
  await a.getByTestId('title').fill('Undo me');
  await a.click('[data-action=save-deal]');
  await expect(a.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await expect(b.locator(`.deal-card[data-deal="${x}"] .deal-title`)).toHaveText('Undo me');
  await openEditor(b, y);
  await b.getByTestId('title').fill('Saved by B');
  // B saves and A undoes 20 ms later.
  await together(b, '[data-action=save-deal]', 0, a, '[data-action=undo]', 20);
  await expect(a.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await expect(b.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await expect(a.locator(`.deal-card[data-deal="${x}"] .deal-title`)).toHaveText(original);
  await expect(a.locator(`.deal-card[data-deal="${y}"] .deal-title`)).toHaveText('Saved by B');
  const deals = (await reloadedDeals(context)).deals;
  expect(deals.find((d) => d.id === x).title).toBe(original);
  expect(deals.find((d) => d.id === y).title).toBe('Saved by B');
});

test('closing a tab with changes that could not be saved asks first', async ({ page }) => {
  await open(page, 'board');
  await page.reload();
  await start(page, 'demo');
  // Another app fills the origin's storage: the next save fails.
  await page.evaluate(() => {
    let size = 5_300_000;
    for (let i = 0; size >= 1; i++) {
      try {
        localStorage.setItem(`other.app.${i}`, 'x'.repeat(size));
      } catch {
        size = Math.floor(size / 2);
      }
    }
  });
  const [id] = await cardsOfDifferentShards(page, 1);
  await openEditor(page, id);
  await page.getByTestId('title').fill('Typed while storage is full');
  // Notes that do not compress to nothing.
  await page.locator('#deal-notes').fill(Array.from({ length: 2500 }, (_, i) => ((i * 7919) % 9973).toString(36)).join(' '));
  await page.click('[data-action=save-deal]');
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'not-saved');
  const asked = new Promise((resolve) =>
    page.once('dialog', async (d) => {
      resolve(d.type());
      await d.accept();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});

test('nothing unsaved: closing does not ask', async ({ page }) => {
  await open(page, 'board');
  await page.reload();
  await start(page, 'demo');
  let asked = false;
  page.on('dialog', (d) => {
    asked = true;
    d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  expect(asked).toBe(false);
});

test('an import over damaged stored data becomes the saved workspace, the damaged data kept', async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  const { text } = await exportText(page);
  const broken = '{"app":"voronka","schema_version":1,"revision":4,"data":{"workspace":{"currency":';
  await page.evaluate((b) => localStorage.setItem('voronka.workspace', b), broken);
  await page.reload();
  await expect(page.locator('[data-banner=recovery]')).toBeVisible();
  await importFile(page, 'good.json', text);
  await expect(page.getByTestId('replace-unreadable')).toBeVisible();
  await page.click('[data-action=confirm-import]');
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(page.locator('[data-banner=recovery]')).toHaveCount(0);
  expect(await count(page, 'deals')).toBe(300);
  // The damaged data is kept as a recovery copy, listed with its actions.
  const copies = page.getByTestId('recovery-copy');
  expect(await copies.count()).toBeGreaterThanOrEqual(1);
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('voronka.backup.'))
      .map((k) => JSON.parse(localStorage.getItem(k))['voronka.workspace']),
  );
  expect(kept).toContain(broken);
});

test('every damage keeps its own recovery copy; a copy restores every deal it still holds', async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  // Damage 1: a shard goes missing (300 deals stored).
  await page.evaluate(() => {
    const shard = Object.keys(localStorage).find((k) => /^voronka\.deals\.\d/.test(k));
    localStorage.removeItem(shard);
  });
  await page.reload();
  await expect(page.locator('[data-banner=recovery]')).toContainText('missing or damaged');
  page.once('dialog', (d) => d.accept());
  await page.locator('[data-banner=recovery] button').nth(1).click();
  await start(page, 'blank');
  // Damage 2, small: the first copy stays.
  await page.evaluate(() => localStorage.setItem('voronka.workspace', '{"broken'));
  await page.reload();
  await expect(page.locator('[data-banner=recovery]')).toBeVisible();
  await page.click('.nav-link[data-view=data]');
  await expect(page.getByTestId('recovery-copy')).toHaveCount(2);
  const sizes = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('voronka.backup.'))
      .sort()
      .map((k) => localStorage.getItem(k).length),
  );
  expect(sizes[0]).toBeGreaterThan(10_000);
  expect(sizes[1]).toBeLessThan(1_000);
  // Restore the first copy: all but the missing shard's deals, previewed first.
  await page.getByTestId('recovery-copy').last().locator('[data-action=copy-restore]').click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('could not be read');
  await page.click('[data-action=confirm-import]');
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.reload();
  const deals = await count(page, 'deals');
  expect(deals).toBeGreaterThan(250);
  expect(deals).toBeLessThan(300);
  await expect(page.getByTestId('recovery-copy')).toHaveCount(3);
});

test('one flipped bit in a stored shard is caught, never loaded as different text', async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => /^voronka\.deals\.\d/.test(k));
    const v = localStorage.getItem(key);
    const i = Math.floor(v.length / 2);
    localStorage.setItem(key, v.slice(0, i) + String.fromCharCode(v.charCodeAt(i) ^ 4) + v.slice(i + 1));
  });
  await page.reload();
  await expect(page.locator('[data-banner=recovery]')).toContainText('missing or damaged');
});

test('a damaged copy of the board\'s first screen costs nothing: the board opens whole, no deal lost', async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  const deals = await count(page, 'deals');
  // Every first-screen key damaged: they are copies of what the shards hold.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith('voronka.deals.s'))) {
      localStorage.setItem(key, 'x' + localStorage.getItem(key).slice(1));
    }
  });
  await page.goto('./#/board');
  await page.reload();
  await expect(page.locator('.deal-card').first()).toBeVisible();
  await expect(page.locator('[data-banner=recovery]')).toHaveCount(0);
  await expect(page.locator('.board-view')).not.toHaveAttribute('aria-busy', 'true');
  await page.click('.nav-link[data-view=data]');
  expect(await count(page, 'deals')).toBe(deals);
});

test('a stored revision of the wrong type is named in the message', async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  await page.evaluate(() => {
    const m = localStorage.getItem('voronka.workspace').replace(/"revision":\d+/, '"revision":"12"');
    localStorage.setItem('voronka.workspace', m);
  });
  await page.reload();
  await expect(page.locator('[data-banner=recovery]')).toContainText('revision: a value of the wrong type');
});

for (const [name, script] of [
  [
    'reading localStorage throws',
    () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }),
  ],
  ['localStorage is null', () => Object.defineProperty(window, 'localStorage', { get: () => null })],
  [
    'every Storage method throws',
    () => {
      for (const m of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) {
        Storage.prototype[m] = () => {
          throw new DOMException('denied', 'SecurityError');
        };
      }
      Object.defineProperty(Storage.prototype, 'length', { get() { throw new DOMException('denied', 'SecurityError'); } });
    },
  ],
]) {
  test(`blocked storage (${name}): the app works in memory and says nothing is saved`, async ({ page }) => {
    await page.addInitScript(script);
    await page.goto('./#/data');
    await expect(page.locator('[data-banner=volatile]')).toContainText('Storage is unavailable');
    await start(page, 'demo').catch(() => {});
    await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'not-saved');
    expect(await count(page, 'deals')).toBe(300);
    const { text } = await exportText(page);
    expect(JSON.parse(text).data.deals).toHaveLength(300);
  });
}

test('a Windows-1251 file is refused, not imported as mojibake', async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  const { text } = await exportText(page);
  // Cyrillic in Windows-1251: «Сделка» is D1 E4 E5 EB EA E0.
  const cp1251 = Buffer.concat([
    Buffer.from(text.slice(0, 20)),
    Buffer.from([0xd1, 0xe4, 0xe5, 0xeb, 0xea, 0xe0]),
    Buffer.from(text.slice(20)),
  ]);
  await importFile(page, 'ru-1251.json', cp1251);
  await expect(page.getByTestId('import-error')).toContainText('not UTF-8');
  expect(await count(page, 'deals')).toBe(300);
});

test("the editor's limits hold on import: a 1 MB company name is refused with its place", async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  const data = JSON.parse((await exportText(page)).text);
  data.data.deals[3].client = { company: 'x'.repeat(1_000_000) };
  await importFile(page, 'huge.json', JSON.stringify(data));
  await expect(page.getByTestId('import-error')).toContainText('deals[3].client.company: is too long');
  data.data.deals[3].client = {};
  data.data.deals[5].amount = 100_000_000_000_001;
  await importFile(page, 'huge.json', JSON.stringify(data));
  await expect(page.getByTestId('import-error')).toContainText('deals[5].amount');
});

test('long unbroken words wrap on cards; amounts above the limit are refused under the field', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page, 'board');
  await page.reload();
  await start(page, 'demo');
  const [id] = await cardsOfDifferentShards(page, 1);
  const width = await page.locator(`.deal-card[data-deal="${id}"]`).evaluate((c) => c.closest('.column').offsetWidth);
  await openEditor(page, id);
  await page.getByTestId('title').fill('W'.repeat(200));
  await page.getByTestId('company').fill('C'.repeat(200));
  await page.getByTestId('amount').fill('1000000000001');
  await page.click('[data-action=save-deal]');
  await expect(page.locator('#deal-amount-error')).toContainText('too large');
  await page.getByTestId('amount').fill('1000');
  await page.click('[data-action=save-deal]');
  await expect(page.getByTestId('deal-editor')).toHaveCount(0);
  const card = page.locator(`.deal-card[data-deal="${id}"]`);
  await expect(card.locator('.deal-title')).toHaveText('W'.repeat(200));
  expect(await card.evaluate((c) => c.closest('.column').offsetWidth)).toBe(width);
  expect(await card.evaluate((c) => c.scrollWidth <= c.clientWidth + 1)).toBe(true);
});

test('Ctrl+Z behind the open deal editor acts on the text, never on the workspace', async ({ page }) => {
  await open(page, 'board');
  await page.reload();
  await start(page, 'demo');
  const column = page.locator('.column').first();
  await column.locator('[data-action=add-deal]').click();
  await page.getByTestId('title').fill('Brand new deal');
  await page.getByTestId('amount').fill('500');
  await page.click('[data-action=save-deal]');
  await expect(page.getByTestId('deal-editor')).toHaveCount(0);
  const card = page.locator('.deal-card', { hasText: 'Brand new deal' });
  await card.locator('.deal-title').click();
  await page.locator('#deal-notes').focus();
  await page.locator('.modal-title').click();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.getByTestId('title').fill('Brand new deal, renamed');
  await page.click('[data-action=save-deal]');
  await expect(page.getByTestId('deal-editor')).toHaveCount(0);
  await expect(page.locator('.deal-card', { hasText: 'Brand new deal, renamed' })).toHaveCount(1);
});

test('a right-to-left override in a name does not reverse what follows it', async ({ page }) => {
  await open(page, 'data');
  await page.reload();
  await start(page, 'demo');
  await page.click('.nav-link[data-view=data]');
  const data = JSON.parse((await exportText(page)).text);
  data.data.directions[0].name = 'Evil \u202Eoverride';
  await importFile(page, 'rtl.json', JSON.stringify(data));
  await page.click('[data-action=confirm-import]');
  await page.click('.nav-link[data-view=board]');
  const option = await page.getByTestId('direction-picker').locator('option').first().textContent();
  expect(option).toContain('\u2068Evil \u202Eoverride\u2069');
});

test('storage keys of ours are only the manifest, its shards, the first-screen columns, recovery copies and the write count', async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  const keys = Object.keys(await storedKeys(page));
  for (const k of keys) expect(k).toMatch(/^voronka\.(workspace|deals\.s?\d+\.\d+\.[0-9a-f]+|backup\..+|board\.direction|writes)$/);
});

test('a change made just before the tab closes is saved on the way out', async ({ context }) => {
  const a = await context.newPage();
  await open(a, 'board');
  await a.reload();
  await start(a, 'demo');
  const [id] = await cardsOfDifferentShards(a, 1);
  await openEditor(a, id);
  await a.getByTestId('title').fill('Saved on pagehide');
  await a.click('[data-action=save-deal]');
  // Well inside the 300 ms debounce: only the pagehide flush can save it.
  await a.close();
  const deals = (await reloadedDeals(context)).deals;
  expect(deals.find((d) => d.id === id).title).toBe('Saved on pagehide');
});
