// Analytics: a workspace with known histories (November 2026, the clock fixed on the 28th),
// every section's table checked against hand-computed figures in English and Russian; a
// funnel row's deals listed and one opened in the editor; the CSV export; the forecast's
// undated deals shown on the board; the view on a 390 px phone.
import { readFile } from 'node:fs/promises';
import { test, expect, open, start, importFile } from './helpers.mjs';

/** Wall-clock minutes since 1970 of 2026-`m`-`d` at `h`:00. */
const at = (m, d, h = 10) => Date.UTC(2026, m - 1, d, h, 0) / 60000;

function workspace(lang) {
  const ru = lang === 'ru';
  const stages = [
    { id: 10, name: ru ? 'Первый контакт' : 'First contact', kind: 'Open', color: '#4f7cff', probability: 10 },
    { id: 11, name: ru ? 'КП' : 'Proposal', kind: 'Open', color: '#4f7cff', probability: 40 },
    { id: 12, name: ru ? 'Договор' : 'Contract', kind: 'Open', color: '#4f7cff', probability: 80 },
    { id: 13, name: ru ? 'Успешно' : 'Won', kind: 'Won', color: '#2e9e5b' },
    { id: 14, name: ru ? 'Провалено' : 'Lost', kind: 'Lost', color: '#c8504b' },
  ];
  const expensive = ru ? 'Дорого' : 'Too expensive';
  const budget = ru ? 'Нет бюджета' : 'No budget';
  // A deal with its path: [[stage, month, day], …], the first entry its creation.
  const deal = (id, title, major, owner, path, extra = {}) => ({
    id, title, amount: major * 100, owner, direction: 2, stage: path.at(-1)[0],
    created_at: at(path[0][1], path[0][2]), tasks: [],
    history: path.map(([to, m, d], i) => ({ from: i ? path[i - 1][0] : null, to, at: at(m, d) })),
    ...extra,
  });
  return {
    app: 'voronka', schema_version: 1, saved_at: '2026-11-27T10:00:00Z', revision: 1,
    data: {
      currency: ru ? 'Rub' : 'Usd', loss_reasons: [expensive, budget],
      employees: [
        { id: 1, name: ru ? 'Анна Смирнова' : 'Ann Smith', active: true },
        { id: 3, name: ru ? 'Борис Котов' : 'Boris Kotov', active: false },
      ],
      directions: [{ id: 2, name: ru ? 'Продажи' : 'Sales', stages, archived: false }],
      deals: [
        deal(20, 'A', 200000, 1, [[10, 11, 2], [11, 11, 4], [12, 11, 6]], { expected_close: '2026-11-30' }),
        deal(21, 'B', 100000, 1, [[10, 11, 10]]),
        deal(22, 'C', 80000, 3, [[10, 11, 3], [11, 11, 6], [14, 11, 8]],
          { closed_at: at(11, 8), loss_reason: expensive, nps: 9, tasks: [{ stage: 10, done: false, checked: [], due: '2026-11-05' }] }),
        deal(23, 'D', 300000, 1, [[10, 11, 1], [13, 11, 11]], { closed_at: at(11, 11), nps: 10 }),
        deal(24, 'E', 50000, 3, [[11, 11, 12], [10, 11, 13]], { expected_close: '2026-11-25' }),
        deal(25, 'F', 70000, 3, [[10, 10, 20]], { expected_close: '2026-12-15' }),
        deal(26, 'G', 150000, 3, [[10, 10, 1], [13, 11, 20]], { closed_at: at(11, 20), nps: 6 }),
        deal(27, 'H', 40000, 1, [[10, 11, 14], [14, 11, 15]], { closed_at: at(11, 15), loss_reason: budget, nps: 8 }),
      ],
      plans: [{ employee: 1, period: { year: 2026, kind: 'Month', index: 11 }, amount: 50000000, deals: null }],
      next_id: 30,
    },
  };
}

// The figures are hand-computed for this moment.
test.use({ moment: '2026-11-28T12:00', timezoneId: 'UTC' });

async function load(page, lang) {
  await open(page, 'data', lang);
  await page.reload();
  await start(page, 'blank');
  await page.click('.nav-link[data-view=data]');
  await importFile(page, 'analytics.json', JSON.stringify(workspace(lang)));
  await page.click('[data-action=confirm-import]');
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.click('.nav-link[data-view=analytics]');
  await expect(page.locator('section[data-view=analytics]')).toBeVisible();
}

/** The texts of a table's cells, row by row (the row's name first). */
function rows(page, section, table) {
  return page.locator(`[data-section=${section}] table[data-table=${table}] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim().replace(/[\u202f\u00a0]/g, ' '))));
}

test.describe('in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'UTC' });

  test('every section against hand-computed figures, click-through, CSV, undated deals', async ({ page }) => {
    await load(page, 'en');
    await expect(page.getByTestId('period-label')).toHaveText('November 2026');
    await expect(page.locator('.nav-link[data-view=analytics]')).toHaveAttribute('aria-current', 'page');

    const funnel = page.locator('[data-section=funnel]');
    await expect(funnel).toContainText('6 deals created in the period');
    await expect(funnel).toContainText('3 of them still open');
    await expect(funnel.locator('[data-part=how]')).toContainText('created in the period');
    expect(await rows(page, 'funnel', 'funnel')).toEqual([
      ['First contact', '6', '100%', '100%', '—'],
      ['Proposal', '4', '67%', '67%', '—'],
      ['Contract', '2', '33%', '50%', '—'],
      ['Won', '1', '17%', '50%', '$300,000'],
    ]);
    expect(await rows(page, 'funnel', 'lost')).toEqual([
      ['First contact', '1', '$40,000'],
      ['Proposal', '1', '$80,000'],
    ]);
    await expect(funnel.locator('.chart .bar-row')).toHaveCount(4);

    expect(await rows(page, 'stays', 'stays')).toEqual([
      ['First contact', '5', '3.0', '13.2', '20%', '3', '18.1'],
      ['Proposal', '3', '2.0', '1.7', '0%', '0', '—'],
      ['Contract', '0', '—', '—', '—', '1', '22.1'],
    ]);
    await expect(page.locator('[data-section=stays]')).toContainText('Sales cycle (median from creation to win): 30.0 d over 2 deals won in the period');

    expect(await rows(page, 'outcomes', 'outcomes')).toEqual([
      ['Won deals', '2'], ['Won sum', '$450,000'], ['Lost deals', '2'], ['Lost sum', '$120,000'],
      ['Win rate', '50%'], ['Average won deal', '$225,000'],
    ]);
    expect(await rows(page, 'outcomes', 'reasons')).toEqual([
      ['No budget', '1', '$40,000', '50%'],
      ['Too expensive', '1', '$80,000', '50%'],
    ]);
    expect(await rows(page, 'outcomes', 'employees')).toEqual([
      ['Ann Smith', '1', '$300,000', '1', '$40,000', '50%', '$300,000'],
      ['Boris Kotov (inactive)', '1', '$150,000', '1', '$80,000', '50%', '$150,000'],
    ]);

    expect(await rows(page, 'forecast', 'forecast')).toEqual([
      ['Ann Smith', '$500,000', '$300,000', '$160,000', '$460,000', '92%', '$40,000', '1'],
      ['Boris Kotov (inactive)', 'no plan', '$150,000', '$5,000', '$155,000', '—', '—', '—'],
      ['Company', '$500,000', '$450,000', '$165,000', '$615,000', '123%', '$0', '0'],
    ]);
    await expect(page.getByTestId('undated-open')).toContainText('1 open deal has no expected close date and is left out.');

    expect(await rows(page, 'nps', 'nps-directions')).toEqual([
      ['All responses', '25', '2', '1', '1', '4'],
      ['Sales', '25', '2', '1', '1', '4'],
    ]);
    expect(await rows(page, 'nps', 'nps-employees')).toEqual([
      ['Ann Smith', '50', '1', '1', '0', '2'],
      ['Boris Kotov (inactive)', '0', '1', '0', '1', '2'],
    ]);

    // One employee: the funnel narrows to Ann's deals (A, B, D, H).
    await page.getByTestId('analytics-owner').selectOption({ label: 'Ann Smith' });
    await expect(funnel).toContainText('4 deals created in the period');
    await page.getByTestId('analytics-owner').selectOption({ label: 'All employees' });
    await expect(funnel).toContainText('6 deals created in the period');

    // A funnel row lists its deals; one opens in the editor, and closing it returns to the list.
    await funnel.locator('table[data-table=funnel] tr[data-key="11"] [data-action=show-deals]').click();
    const list = page.getByTestId('analytics-deals');
    await expect(list).toContainText('Proposal: deals');
    await expect(list).toContainText('4 deals');
    await expect(list.locator('tbody tr')).toHaveCount(4);
    await expect(list.locator('tr[data-deal="22"]')).toContainText('$80,000');
    await expect(list.locator('tr[data-deal="22"]')).toContainText('Boris Kotov');
    await expect(list.locator('tr[data-deal="22"]')).toContainText('Lost');
    await list.locator('tr[data-deal="20"] [data-action=open-deal]').click();
    await expect(page.getByTestId('deal-editor')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('deal-editor')).toHaveCount(0);
    await expect(list).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(list).toHaveCount(0);

    // A loss reason lists its deal too.
    await page.locator('[data-section=outcomes] table[data-table=reasons] [data-action=show-deals]').first().click();
    await expect(page.getByTestId('analytics-deals').locator('tbody tr')).toHaveCount(1);
    await page.keyboard.press('Escape');

    // The funnel's tables fold and unfold.
    await funnel.locator('[data-action=fold-tables]').click();
    await expect(funnel.locator('table[data-table=funnel]')).toBeHidden();
    await funnel.locator('[data-action=fold-tables]').click();
    await expect(funnel.locator('table[data-table=funnel]')).toBeVisible();

    // CSV: BOM, ';', CRLF, each table under its caption, plain numbers.
    const [download] = await Promise.all([page.waitForEvent('download'), funnel.locator('[data-action=export-section-csv]').click()]);
    expect(download.suggestedFilename()).toMatch(/^voronka-funnel-2026-11-2026-11-28\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.startsWith('\ufeffConversion funnel\r\nStage;Reached;% of created;% of previous;Sum\r\n')).toBe(true);
    expect(csv).toContain('\r\nProposal;4;67;67;\r\n');
    expect(csv).toContain('\r\nWon;1;17;50;300000.00\r\n');
    expect(csv).toContain('\r\nLost at stage;Deals;Sum\r\nFirst contact;1;40000.00\r\n');

    // The year: the October deals join the cohort.
    await page.click('.segment[data-kind=year]');
    await expect(page.getByTestId('period-label')).toHaveText('2026');
    await expect(funnel).toContainText('8 deals created in the period');
    // An empty period says so.
    await page.click('[data-action=prev-period]');
    await expect(funnel.locator('[data-part=empty]')).toHaveText('No deals in this period.');
    await expect(page.locator('[data-section=nps] [data-part=empty]')).toHaveText('No NPS scores in this period.');
    await expect(page.locator('[data-section=forecast] table[data-table=forecast] tr[data-key=company]')).toContainText('no plan');
    await page.click('[data-action=current-period]');

    // The undated open deal on the board, filtered; clearing the filter shows every deal.
    await page.click('[data-action=show-undated]');
    await expect(page.getByTestId('undated-filter')).toBeVisible();
    await expect(page.locator('.deal-card')).toHaveCount(1);
    await expect(page.locator('.deal-card')).toContainText('B');
    await page.click('[data-action=clear-undated]');
    await expect(page.getByTestId('undated-filter')).toHaveCount(0);
    await expect(page.locator('.deal-card')).toHaveCount(8);
  });
});

test.describe('recomputing', () => {
  // The section's computations are counted by its performance marks, which the fixed clock
  // would otherwise stub.
  test.use({ performanceMarks: true });

  test('a section recomputes only when what it reads changes', async ({ page }) => {
    await load(page, 'en');
    await page.click('.segment[data-kind=year]');
    const label = page.getByTestId('period-label');
    await expect(label).toHaveText('2026');
    const computed = () => page.evaluate(() => performance.getEntriesByName('voronka:analytics').length);
    await expect.poll(computed).toBeGreaterThan(0);
    await page.locator('[data-section=funnel] table[data-table=funnel] tr[data-key="11"] [data-action=show-deals]').click();
    const list = page.getByTestId('analytics-deals');
    const before = await computed();
    // Notes typed and saved: no figure reads them.
    await list.locator('tr[data-deal="20"] [data-action=open-deal]').click();
    await page.getByTestId('notes').fill('Call back on Monday');
    await page.click('[data-action=save-deal]');
    await expect(page.getByTestId('deal-editor')).toHaveCount(0);
    await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
    expect(await computed()).toBe(before);
    // The amount: read by the figures, computed once again; the list shows it.
    await list.locator('tr[data-deal="20"] [data-action=open-deal]').click();
    await page.getByTestId('amount').fill('210000');
    await page.click('[data-action=save-deal]');
    await expect(list.locator('tr[data-deal="20"]')).toContainText('$210,000');
    await expect.poll(computed).toBe(before + 1);
  });
});

test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU', timezoneId: 'UTC' });

  test('the same figures in Russian, screenshots at 1440 and 390 px', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await load(page, 'ru');
    await expect(page.getByTestId('period-label')).toHaveText('Ноябрь 2026');
    await expect(page.locator('[data-section=funnel]')).toContainText('6 сделок создано за период');
    await expect(page.locator('[data-section=funnel]')).toContainText('из них 3 ещё открыты');
    expect(await rows(page, 'funnel', 'funnel')).toEqual([
      ['Первый контакт', '6', '100 %', '100 %', '—'],
      ['КП', '4', '67 %', '67 %', '—'],
      ['Договор', '2', '33 %', '50 %', '—'],
      ['Выиграны', '1', '17 %', '50 %', '300 000 ₽'],
    ]);
    expect(await rows(page, 'stays', 'stays')).toEqual([
      ['Первый контакт', '5', '3,0', '13,2', '20 %', '3', '18,1'],
      ['КП', '3', '2,0', '1,7', '0 %', '0', '—'],
      ['Договор', '0', '—', '—', '—', '1', '22,1'],
    ]);
    await expect(page.locator('[data-section=stays]')).toContainText('Цикл сделки (медиана от создания до выигрыша): 30,0 дн. по 2 сделкам, выигранным за период');
    expect(await rows(page, 'outcomes', 'reasons')).toEqual([
      ['Дорого', '1', '80 000 ₽', '50 %'],
      ['Нет бюджета', '1', '40 000 ₽', '50 %'],
    ]);
    expect(await rows(page, 'forecast', 'forecast')).toEqual([
      ['Анна Смирнова', '500 000 ₽', '300 000 ₽', '160 000 ₽', '460 000 ₽', '92 %', '40 000 ₽', '1'],
      ['Борис Котов (неактивен)', 'нет плана', '150 000 ₽', '5 000 ₽', '155 000 ₽', '—', '—', '—'],
      ['Компания', '500 000 ₽', '450 000 ₽', '165 000 ₽', '615 000 ₽', '123 %', '0 ₽', '0'],
    ]);
    await expect(page.getByTestId('undated-open')).toContainText('1 открытая сделка без предполагаемой даты закрытия не учтена.');
    expect(await rows(page, 'nps', 'nps-directions')).toEqual([
      ['Все ответы', '25', '2', '1', '1', '4'],
      ['Продажи', '25', '2', '1', '1', '4'],
    ]);
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.locator('[data-section=outcomes] [data-action=export-section-csv]').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('\ufeffВыигранные и проигранные\r\nПоказатель;Значение\r\nВыиграно сделок;2\r\nСумма выигранных;450000,00\r\n');
    await page.screenshot({ path: 'tests/e2e/screenshots/view-analytics-ru-1440-figures.png', fullPage: true });

    await page.locator('[data-section=funnel] tr[data-key=won] [data-action=show-deals]').click();
    await expect(page.getByTestId('analytics-deals')).toContainText('Выиграны: сделки');
    await expect(page.getByTestId('analytics-deals')).toContainText('1 сделка');
    await page.screenshot({ path: 'tests/e2e/screenshots/dialog-analytics-deals-ru-figures.png' });
    await page.keyboard.press('Escape');

    // A phone: the tables scroll inside their sections, nothing else spills.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const wraps = page.locator('[data-section=forecast] .analytics-table-wrap');
    expect(await wraps.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await wraps.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
    await page.screenshot({ path: 'tests/e2e/screenshots/view-analytics-ru-390-figures.png', fullPage: true });
    for (const section of ['funnel', 'stays', 'outcomes', 'forecast', 'nps']) {
      await page.locator(`[data-section=${section}]`).screenshot({ path: `tests/e2e/screenshots/section-${section}-ru-390.png` });
    }
  });
});
