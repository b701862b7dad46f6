// Data that is never lost: first launch, reload, export and import, bad files, corrupted and
// newer stored data, full storage, and two tabs.
import { test, expect, open, start, count, exportText, importFile, storedKeys } from './helpers.mjs';

test.use({ locale: 'en-US' });

test('first launch offers three ways to start, and the demo survives a reload', async ({ page }) => {
  await open(page);
  await page.reload();
  await expect(page.locator('[data-start]')).toHaveCount(3);
  await start(page, 'demo');
  await page.click('.nav-link[data-view=data]');
  expect(await count(page, 'deals')).toBe(300);
  expect(await count(page, 'directions')).toBe(4);
  await page.reload();
  await expect(page.locator('[data-start]')).toHaveCount(0);
  expect(await count(page, 'deals')).toBe(300);
  expect(await count(page, 'employees')).toBe(5);
  await expect(page.getByTestId('storage-used')).toContainText('%');
  await expect(page.getByTestId('persist')).not.toBeEmpty();
});

test('export then import round-trips exactly, with a preview and a backup', async ({ page }) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  const first = await exportText(page);
  expect(first.name).toMatch(/^voronka-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(first.text);
  expect(data.app).toBe('voronka');
  expect(data.schema_version).toBe(1);

  // Replace with a smaller workspace, then bring the export back.
  page.once('dialog', (d) => d.accept());
  await page.click('[data-action=start-over]');
  await start(page, 'templates');
  await page.click('.nav-link[data-view=data]');
  expect(await count(page, 'deals')).toBe(0);
  const replaced = await exportText(page);

  await importFile(page, first.name, first.text);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText(first.name);
  await expect(preview.locator('tr', { hasText: 'Deals' })).toContainText('300');
  expect(await count(page, 'deals')).toBe(0); // nothing replaced before confirming
  await page.click('[data-action=confirm-import]');
  await expect(page.getByTestId('import-done')).toBeVisible();
  expect(await count(page, 'deals')).toBe(300);
  // The workspace the import replaced can still be downloaded, exactly as it was.
  const [backup] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=download-backup]')]);
  expect(backup.suggestedFilename()).toMatch(/^voronka-replaced-\d{4}-\d{2}-\d{2}\.json$/);
  const { readFile } = await import('node:fs/promises');
  const backupData = JSON.parse(await readFile(await backup.path(), 'utf8')).data;
  expect(backupData).toEqual(JSON.parse(replaced.text).data);
  expect(backupData.deals).toHaveLength(0);

  const second = await exportText(page);
  expect(JSON.parse(second.text).data).toEqual(data.data);
  await page.reload();
  expect(await count(page, 'deals')).toBe(300);
});

const goodDemo = async (page) => {
  await open(page);
  await page.reload();
  await start(page, 'demo');
  return (await exportText(page)).text;
};

test('every bad file is rejected with its message and nothing changes', async ({ page }) => {
  const good = await goodDemo(page);
  const before = await storedKeys(page);
  const edit = (f) => {
    const v = JSON.parse(good);
    f(v.data);
    return JSON.stringify(v);
  };
  const cases = [
    ['empty.json', '', 'the file is empty'],
    ['notes.json', 'Привет, это не JSON', 'it is not JSON'],
    ['trello.json', JSON.stringify({ name: 'Board', lists: [], cards: [] }), 'not a Voronka workspace'],
    ['cut.json', good.slice(0, Math.floor(good.length / 2)), 'the file is cut off'],
    ['types.json', edit((d) => (d.deals[3].amount = 'много')), 'deals[3].amount: a value of the wrong type'],
    ['stage.json', edit((d) => (d.deals[12].stage = 999999)), 'deals[12].stage: unknown stage'],
    ['dup.json', edit((d) => (d.deals[5].id = d.deals[4].id)), 'deals[5].id: this id is used twice'],
    ['negative.json', edit((d) => (d.deals[7].amount = -100)), 'deals[7].amount: negative amount'],
    ['future.json', good.replace('"schema_version":1', '"schema_version":9'), 'newer version of Voronka (schema 9)'],
    ['huge.json', Buffer.alloc(70 * 1024 * 1024, 32), 'the file is too large (70.0 MB'],
  ];
  for (const [name, content, message] of cases) {
    await importFile(page, name, content);
    const error = page.getByTestId('import-error');
    await expect(error, name).toContainText(`Cannot import ${name}:`);
    await expect(error, name).toContainText(message);
    expect(await count(page, 'deals')).toBe(300);
  }
  expect(await storedKeys(page)).toEqual(before);
});

test('a file dropped on the Data view is imported too', async ({ page }) => {
  const good = await goodDemo(page);
  const small = JSON.parse(good);
  small.data.deals = small.data.deals.slice(0, 10);
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'ten.json', { type: 'application/json' }));
    return dt;
  }, JSON.stringify(small));
  await page.dispatchEvent('[data-section=import]', 'drop', { dataTransfer });
  await expect(page.getByTestId('import-preview')).toContainText('ten.json');
  await page.click('[data-action=confirm-import]');
  expect(await count(page, 'deals')).toBe(10);
});

test('corrupted stored data shows the recovery banner and keeps the original', async ({ page }) => {
  await open(page);
  const broken = '{"app":"voronka","schema_version":1,"revision":4,"data":{"workspace":{"currency":';
  await page.evaluate((b) => localStorage.setItem('voronka.workspace', b), broken);
  await page.reload();
  const banner = page.locator('[data-banner=recovery]');
  await expect(banner).toContainText('Stored data could not be read');
  await expect(banner).toContainText('A copy is kept in this browser');
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'blocked');
  expect(await page.evaluate(() => localStorage.getItem('voronka.workspace'))).toBe(broken);
  const copyKey = () => Object.keys(localStorage).find((k) => k.startsWith('voronka.backup.'));
  const copy = JSON.parse(await page.evaluate((f) => localStorage.getItem(eval(f)()), copyKey.toString()));
  expect(copy['voronka.workspace']).toBe(broken);

  const [download] = await Promise.all([page.waitForEvent('download'), banner.locator('button').first().click()]);
  const fs = await import('node:fs/promises');
  expect(await fs.readFile(await download.path(), 'utf8')).toContain('schema_version');
  await page.reload();
  expect(await page.evaluate(() => localStorage.getItem('voronka.workspace'))).toBe(broken);

  page.once('dialog', (d) => d.accept());
  await banner.locator('button').nth(1).click();
  await expect(page.locator('[data-start]')).toHaveCount(3);
  expect(await page.evaluate((f) => eval(f)(), copyKey.toString())).toBeTruthy();
});

test('data from a newer version opens read-only and is never written', async ({ page }) => {
  await goodDemo(page);
  await page.evaluate(() => {
    const m = localStorage.getItem('voronka.workspace').replace('"schema_version":1', '"schema_version":2');
    localStorage.setItem('voronka.workspace', m);
  });
  const before = await storedKeys(page);
  await page.reload();
  await expect(page.locator('[data-banner=newer]')).toContainText('newer version of Voronka (schema 2)');
  expect(await count(page, 'deals')).toBe(300);
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'blocked');
  expect(await storedKeys(page)).toEqual(before);
});

test('with storage full the app says "not saved", and saves once room is freed', async ({ page }) => {
  await open(page);
  await page.reload();
  // Another app fills the origin's storage almost to the brim.
  await page.evaluate(() => {
    let size = 5_300_000;
    while (size > 1000) {
      try {
        localStorage.setItem('other-app-cache', 'x'.repeat(size));
        break;
      } catch {
        size -= 20_000;
      }
    }
  });
  await page.click('[data-start=demo]');
  const status = page.locator('.save-status');
  await expect(status).toHaveAttribute('data-state', 'not-saved');
  await expect(status).toContainText('Not saved: storage is full');
  await expect(status.locator('button')).toBeVisible(); // one-click export
  await expect(page.locator('[data-banner=storage-full]')).toBeVisible();

  await page.evaluate(() => localStorage.removeItem('other-app-cache'));
  await expect(status).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  await page.reload();
  await page.click('.nav-link[data-view=data]');
  expect(await count(page, 'deals')).toBe(300);
});

test('two pages of the app stay in step', async ({ context }) => {
  const a = await context.newPage();
  await open(a);
  await a.reload();
  const b = await context.newPage();
  await b.goto('./#/data');
  await expect(b.locator('[data-start]')).toHaveCount(3);

  await start(a, 'demo');
  // The other page picks the change up from the storage event, within a second.
  await expect(b.locator('[data-count=deals] dd')).toHaveText('300', { timeout: 1_000 });

  const text = (await exportText(a)).text;
  const small = JSON.parse(text);
  small.data.deals = small.data.deals.slice(0, 42);
  await importFile(b, 'small.json', JSON.stringify(small));
  await b.click('[data-action=confirm-import]');
  await expect(a.locator('[data-count=deals] dd')).toHaveText('42', { timeout: 1_000 });
  await a.reload();
  await expect(a.locator('[data-count=deals] dd')).toHaveText('42');
});
