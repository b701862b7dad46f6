// Deals in from other CRMs (CSV) and out as CSV: the mapping is shown before anything
// changes, the import is one undo step, and an exported CSV imports back into the same deals.
import { readFileSync } from 'node:fs';
import { test, expect, open, start, count, importFile } from './helpers.mjs';

const fixture = (name) => readFileSync(new URL(`../../crates/core/tests/fixtures/crm/${name}`, import.meta.url));

/** The board's column of a stage named `name`. */
const column = (page, name) =>
  page.locator('section.column', { has: page.locator('.column-title', { hasText: new RegExp(`^${name}$`) }) });

async function showDirection(page, name) {
  await page.click('.nav-link[data-view=board]');
  const picker = page.getByTestId('direction-picker');
  const value = await picker.locator('option', { hasText: name }).getAttribute('value');
  await picker.selectOption(value);
}

async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-action=${action}]`)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('a Bitrix24 export is mapped, imported onto the board, undone with one Ctrl+Z and redone', async ({ page }) => {
    await open(page, 'data', 'ru');
    await page.reload();
    await start(page, 'templates');
    await page.click('.nav-link[data-view=data]');
    const deals = await count(page, 'deals');
    await importFile(page, 'bitrix24_ru.csv', fixture('bitrix24_ru.csv'));

    const panel = page.getByTestId('csv-import');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('csv-source')).toContainText('Bitrix24');
    await expect(page.getByTestId('csv-source')).toContainText('UTF-8');
    await expect(page.getByTestId('csv-source')).toContainText('6 строк');
    // Columns preset from the Russian header names; a column Voronka has no field for is off.
    await expect(page.getByTestId('csv-column-1')).toHaveValue('title');
    await expect(page.getByTestId('csv-column-4')).toHaveValue('amount');
    await expect(page.getByTestId('csv-column-6')).toHaveValue('ignore');
    await expect(page.getByTestId('csv-direction-0')).toContainText('Новое направление «Общее»');
    await expect(page.getByTestId('csv-employee-0')).toContainText('Анна Смирнова');
    const preview = page.getByTestId('csv-preview');
    await expect(preview).toContainText('Поставка станков');
    await expect(preview).toContainText('1 250 000,50 ₽');
    const counts = page.getByTestId('csv-counts');
    await expect(counts).toContainText('6 сделок');
    await expect(counts).toContainText('2 новых направления');
    await expect(counts).toContainText('2 новых сотрудника');
    await expect(counts).toContainText('1 сделка в другой валюте');
    expect(await count(page, 'deals')).toBe(deals); // nothing changed before confirming

    await expect(page.locator('[data-action=confirm-csv-import]')).toHaveText('Импортировать 6 сделок');
    await page.click('[data-action=confirm-csv-import]');
    await expect(page.getByTestId('import-done')).toContainText('Импортировано 6 сделок');
    expect(await count(page, 'deals')).toBe(deals + 6);

    await showDirection(page, 'Общее');
    const documents = column(page, 'Подготовка документов');
    await expect(documents.locator('.deal-card')).toHaveCount(2);
    const card = documents.locator('.deal-card', { hasText: 'Поставка станков' });
    await expect(card).toContainText('Анна Смирнова');
    await expect(column(page, 'Новая').locator('.deal-card')).toContainText(['Сервисный договор']);
    await expect(column(page, 'Сделка успешна')).toHaveAttribute('data-kind', 'won');
    await expect(column(page, 'Сделка провалена')).toHaveAttribute('data-kind', 'lost');

    // One Ctrl+Z takes the whole import back: deals, directions and people.
    await page.locator('body').press('Control+z');
    await page.click('.nav-link[data-view=data]');
    expect(await count(page, 'deals')).toBe(deals);
    await expect(page.locator('[data-count=directions] dd')).toHaveText('4');
    await page.locator('body').press('Control+Shift+z');
    expect(await count(page, 'deals')).toBe(deals + 6);
    await expect(page.locator('[data-count=directions] dd')).toHaveText('6');
    // And it is saved.
    await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
    await page.reload();
    expect(await count(page, 'deals')).toBe(deals + 6);

    // The dollar deal says so on its card and in its editor, with where it came from.
    await showDirection(page, 'Повторные продажи');
    const dollars = page.locator('.deal-card', { hasText: 'Консалтинг' });
    await expect(dollars).toContainText('1 200 USD');
    await dollars.locator('.deal-title').click();
    await expect(page.getByTestId('deal-source')).toContainText('Импортирована из Bitrix24, ID 105.');
    await expect(page.getByTestId('deal-source')).toContainText('Сумма в USD');
    await page.keyboard.press('Escape');
    await page.click('.nav-link[data-view=data]');

    // The same file again: its deals are found and skipped unless the user says otherwise.
    await importFile(page, 'bitrix24_ru.csv', fixture('bitrix24_ru.csv'));
    await expect(page.getByTestId('csv-duplicates')).toContainText('6 сделок уже были импортированы');
    await expect(page.locator('[data-action=confirm-csv-import]')).toBeDisabled();
    await page.getByTestId('csv-skip-duplicates').uncheck();
    await expect(page.locator('[data-action=confirm-csv-import]')).toHaveText('Импортировать 6 сделок');
    await page.click('[data-action=cancel-import]');
    expect(await count(page, 'deals')).toBe(deals + 6);
  });

  test('a Windows-1251 file reads in Cyrillic, and bad files and rows say what and where', async ({ page }) => {
    await open(page, 'data', 'ru');
    await page.reload();
    await start(page, 'templates');
    await page.click('.nav-link[data-view=data]');
    // Dropped on the import card rather than chosen.
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'old.csv', { type: 'text/csv' }));
      return dt;
    }, [...fixture('bitrix24_ru_1251.csv')]);
    await page.dispatchEvent('[data-section=import]', 'drop', { dataTransfer });
    await expect(page.getByTestId('csv-source')).toContainText('Windows-1251');
    await expect(page.getByTestId('csv-preview')).toContainText('Поставка станков');
    await page.click('[data-action=cancel-import]');

    const refused = async (name, content, text) => {
      await importFile(page, name, content);
      await expect(page.getByTestId('import-error')).toContainText(text);
      await expect(page.getByTestId('csv-import')).toHaveCount(0);
    };
    await refused('empty.csv', '', 'файл пуст');
    await refused('header.csv', 'ID;Название сделки\n', 'только строка заголовков');
    await refused('quote.csv', 'ID;Название сделки\n1;"ok"\n2;"не закрыта\n3;x\n', 'строке 3');
    await refused('words.csv', 'просто текст\nбез разделителей\n', 'это не таблица CSV');
    await refused('export.csv', '{"app": "voronka", "data": {}}', 'это не таблица CSV');
    await refused('huge.csv', Buffer.alloc(64 * 1024 * 1024, 'a'), 'не больше 48,0 МБ');

    const rows = 'ID;Название сделки;Сумма;Дата создания\n1;Хорошая;100;01.11.2026\n2;Плохая;сто;01.11.2026\n3;Минус;-5;01.11.2026\n4;Дата;1;31.02.2026\n5;Лишнее;1;01.11.2026;x\n';
    await importFile(page, 'rows.csv', rows);
    const skipped = page.getByTestId('csv-skipped');
    await expect(skipped).toContainText('Строка 3, столбец «Сумма»: «сто» — не число.');
    await expect(skipped).toContainText('Строка 4, столбец «Сумма»: сумма «-5» отрицательная.');
    await expect(skipped).toContainText('Строка 5, столбец «Дата создания»: «31.02.2026» — дата в неизвестном формате.');
    await expect(skipped).toContainText('Строка 6: 5 полей вместо 4.');
    await expect(page.getByTestId('csv-counts')).toContainText('4 строки пропущены');
    await expect(page.locator('[data-action=confirm-csv-import]')).toHaveText('Импортировать 1 сделку');
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('a Pipedrive export imports with statuses, undoes and redoes', async ({ page }) => {
    await open(page, 'data', 'en');
    await page.reload();
    await start(page, 'templates');
    await page.click('.nav-link[data-view=data]');
    const deals = await count(page, 'deals');
    await importFile(page, 'deals-pipedrive.csv', fixture('pipedrive.csv'));
    await expect(page.getByTestId('csv-source')).toContainText('Pipedrive');
    await expect(page.getByTestId('csv-column-1')).toHaveValue('title');
    await expect(page.getByTestId('csv-column-7')).toHaveValue('status');
    await expect(page.getByTestId('csv-counts')).toContainText('1 deal in another currency');
    await expect(page.getByTestId('csv-preview')).toContainText('not converted');
    await expect(page.locator('[data-action=confirm-csv-import]')).toHaveText('Import 4 deals');
    await page.click('[data-action=confirm-csv-import]');
    await expect(page.getByTestId('import-done')).toContainText('4 deals imported');

    await showDirection(page, 'Sales pipeline');
    await expect(column(page, 'Qualified').locator('.deal-card')).toContainText(['Acme onboarding']);
    const proposal = column(page, 'Proposal Made').locator('.deal-card');
    await expect(proposal).toHaveCount(1);
    await expect(proposal).toContainText('Fox Mulder');
    await expect(column(page, 'Won')).toHaveAttribute('data-kind', 'won');
    await expect(page.getByTestId('board-totals')).toContainText('Won: 1 deal');

    await page.locator('body').press('Control+z');
    await page.click('.nav-link[data-view=data]');
    expect(await count(page, 'deals')).toBe(deals);
    await page.locator('body').press('Control+y');
    expect(await count(page, 'deals')).toBe(deals + 4);
  });

  test('replacing the workspace with a CSV downloads a backup first', async ({ page }) => {
    await open(page, 'data', 'en');
    await page.reload();
    await start(page, 'demo');
    await page.click('.nav-link[data-view=data]');
    await importFile(page, 'deals-pipedrive.csv', fixture('pipedrive.csv'));
    await page.getByTestId('csv-mode-replace').check();
    // Matched again against an empty workspace: nothing existing to map to.
    await expect(page.getByTestId('csv-direction-0').locator('option')).toHaveCount(1);
    await expect(page.getByTestId('csv-employee-0').locator('option')).toHaveCount(1);
    expect(await count(page, 'deals')).toBe(300);
    const [backup] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=confirm-csv-import]')]);
    expect(backup.suggestedFilename()).toMatch(/^voronka-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(readFileSync(await backup.path(), 'utf8'));
    expect(saved.data.deals).toHaveLength(300);
    await expect(page.getByTestId('import-done')).toBeVisible();
    expect(await count(page, 'deals')).toBe(4);
    await expect(page.locator('[data-count=directions] dd')).toHaveText('1');
    await expect(page.locator('[data-action=download-backup]')).toBeVisible();
  });

  test('the CSV export opens back into the same deals', async ({ page }) => {
    await open(page, 'data', 'en');
    await page.reload();
    await start(page, 'demo');
    await page.click('.nav-link[data-view=data]');
    const first = await download(page, 'export-csv');
    expect(first.name).toMatch(/^voronka-deals-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(first.text.charCodeAt(0)).toBe(0xfeff);
    expect(first.text.split('\r\n')[0]).toBe(
      '\ufeffVoronka ID;Deal Name;Pipeline;Stage;Status;Income;Currency;Responsible;Company;Contact;Phone;E-mail;Created;Assumed close date;Close date;Loss reason;Comment',
    );

    // The board's export holds the deals it shows.
    await page.click('.nav-link[data-view=board]');
    const shown = await page.locator('.column:not(.collapsed) .deal-card').count();
    const board = await download(page, 'export-board-csv');
    const boardRows = board.text.trim().split('\r\n').length - 1;
    expect(boardRows).toBeGreaterThanOrEqual(shown);
    expect(boardRows).toBeLessThan(300);

    page.once('dialog', (d) => d.accept());
    await page.click('.nav-link[data-view=data]');
    await page.click('[data-action=start-over]');
    await start(page, 'templates');
    await page.click('.nav-link[data-view=data]');
    await importFile(page, first.name, first.text);
    await expect(page.getByTestId('csv-source')).toContainText('Voronka CSV');
    await expect(page.locator('[data-action=confirm-csv-import]')).toHaveText('Import 300 deals');
    await page.click('[data-action=confirm-csv-import]');
    expect(await count(page, 'deals')).toBe(300);
    const again = await download(page, 'export-csv');
    // The same deals in the same order: everything but our own IDs.
    const withoutIds = (text) => text.split('\r\n').map((line) => line.replace(/^[^;]*;/, ''));
    expect(withoutIds(again.text)).toEqual(withoutIds(first.text));
  });
});
