// The clock's awkward moments, at whatever moment the run fixes (the default one, then each of
// the clock sweep's in tests/e2e/moments.mjs): the demo as a working team's month, the period
// arrows, a deal won now counted in this period and not the next, the board's overdue and
// stale marks; and the rule that keeps every test off the real clock.
import { readdirSync, readFileSync } from 'node:fs';
import { test, expect, open, start, importFile, instant, isoDay, stampOf, parts } from './helpers.mjs';

test.use({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });

/** `YYYY-MM` of the month `step` months from `year`-`month`. */
function monthKey(year, month, step = 0) {
  const m = year * 12 + (month - 1) + step;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/** The texts of an Analytics table's cells, row by row. */
function rows(page, section, table) {
  return page.locator(`[data-section=${section}] table[data-table=${table}] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

/** An Analytics outcome's figure (`Won deals`, `Lost deals`, …) as a number. */
async function outcome(page, name) {
  const row = (await rows(page, 'outcomes', 'outcomes')).find((r) => r[0] === name);
  return row ? Number(row[1].replace(/[^0-9]/g, '')) : 0;
}

test('the demo is a working team this month: gauges with won deals, arrows month by month, Analytics @clock', async ({ page, moment }) => {
  const { year, month, day } = parts(moment);
  await open(page, 'plans');
  await page.reload();
  await start(page, 'demo');
  const label = page.getByTestId('period-label');
  await expect(label).toHaveAttribute('data-period', monthKey(year, month));

  // The company's gauge of this month lists won deals, each closed this month by today.
  await page.getByTestId('gauge-company').locator('.gauge').click();
  const won = page.getByTestId('won-deals');
  await expect(won.locator('.won-table tbody tr').first()).toBeVisible();
  expect(await won.locator('.won-table tbody tr').count()).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Escape');

  // The arrows step one month at a time, across the year's end, and back.
  for (let step = 1; step <= 13; step++) {
    await page.click('[data-action=next-period]');
    await expect(label).toHaveAttribute('data-period', monthKey(year, month, step));
  }
  await page.click('[data-action=current-period]');
  await expect(label).toHaveAttribute('data-period', monthKey(year, month));
  for (let step = 1; step <= 13; step++) {
    await page.click('[data-action=prev-period]');
    await expect(label).toHaveAttribute('data-period', monthKey(year, month, -step));
  }
  await page.click('[data-action=current-period]');
  // Each kind of period is the one that holds today.
  const quarter = Math.floor((month - 1) / 3) + 1;
  for (const [kind, key] of [['quarter', `${year}-q${quarter}`], ['half', `${year}-h${month <= 6 ? 1 : 2}`], ['year', `${year}`]]) {
    await page.click(`.segment[data-kind=${kind}]`);
    await expect(label).toHaveAttribute('data-period', key);
  }

  // Analytics opens on this month, and this month has deals created, won and lost.
  await page.click('.nav-link[data-view=analytics]');
  await expect(label).toHaveAttribute('data-period', monthKey(year, month));
  await expect(page.locator('[data-section=funnel]').first()).toContainText(/deals? created in the period/);
  expect(await outcome(page, 'Won deals'), `won on ${moment}, day ${day}`).toBeGreaterThanOrEqual(3);
  expect(await outcome(page, 'Lost deals')).toBeGreaterThanOrEqual(2);
});

test('a deal won at this moment counts in this month, quarter, half-year and year, not in the next @clock', async ({ page, moment }) => {
  const { year, month } = parts(moment);
  await open(page, 'board');
  await page.reload();
  await start(page, 'templates');
  await page.locator('.column').nth(0).locator('[data-action=add-deal]').click();
  const editor = page.getByTestId('deal-editor');
  await editor.getByTestId('title').fill('Won right now');
  await editor.getByTestId('amount').fill('5000');
  await editor.locator('[data-action=save-deal]').click();
  const card = page.locator('.deal-card', { hasText: 'Won right now' });
  await card.locator('[data-action=move-to]').click();
  await page.getByTestId('move-stage').selectOption({ label: 'Won' });
  await page.locator('[data-action=do-move]').click();
  await page.getByTestId('confirm-task').locator('[data-action=confirm-move]').click();
  await expect(page.locator('.column[data-kind=won] .deal-card')).toHaveCount(1);

  await page.click('.nav-link[data-view=analytics]');
  const label = page.getByTestId('period-label');
  await expect(label).toHaveAttribute('data-period', monthKey(year, month));
  const quarter = Math.floor((month - 1) / 3) + 1;
  for (const [kind, key] of [['month', monthKey(year, month)], ['quarter', `${year}-q${quarter}`], ['half', `${year}-h${month <= 6 ? 1 : 2}`], ['year', `${year}`]]) {
    await page.click(`.segment[data-kind=${kind}]`);
    await expect(label).toHaveAttribute('data-period', key);
    expect(await outcome(page, 'Won deals'), `${kind} ${key}`).toBe(1);
    await page.click('[data-action=next-period]');
    await expect(page.locator('[data-section=outcomes] [data-part=empty]'), `after ${key}`).toBeVisible();
    await page.click('[data-action=prev-period]');
    await page.click('[data-action=prev-period]');
    await expect(page.locator('[data-section=outcomes] [data-part=empty]'), `before ${key}`).toBeVisible();
    await page.click('[data-action=current-period]');
  }
});

/** A workspace whose tasks are due yesterday, today and tomorrow, and deals 5 and 6 days in a stage that goes stale after 5. */
function board(moment) {
  const stages = [
    { id: 10, name: 'First contact', kind: 'Open', color: '#4f7cff', probability: 10, stale_after_days: 5, task: { title: 'Call the client', checklist: [], due_days: 3 } },
    { id: 13, name: 'Won', kind: 'Won', color: '#2e9e5b' },
    { id: 14, name: 'Lost', kind: 'Lost', color: '#c8504b' },
  ];
  // Entered `entered` days before the moment's day, at midnight (never after the moment).
  const deal = (id, title, due, entered) => ({
    id, title, amount: 100000, owner: 1, direction: 2, stage: 10, created_at: stampOf(moment, entered, 0),
    tasks: [{ stage: 10, done: false, checked: [], due: isoDay(moment, due) }],
    history: [{ from: null, to: 10, at: stampOf(moment, entered, 0) }],
  });
  return {
    app: 'voronka', schema_version: 1, saved_at: '2026-11-27T10:00:00Z', revision: 1,
    data: {
      currency: 'Usd', loss_reasons: ['Too expensive'],
      employees: [{ id: 1, name: 'Ann Smith', active: true }],
      directions: [{ id: 2, name: 'Sales', stages, archived: false }],
      deals: [deal(20, 'Due yesterday', -1, -5), deal(21, 'Due today', 0, -6), deal(22, 'Due tomorrow', 1, 0)],
      plans: [], next_id: 30,
    },
  };
}

/** Imports `board(moment)` into a blank workspace and opens the board; gives a card by title. */
async function openBoard(page, moment) {
  await open(page, 'data');
  await page.reload();
  await start(page, 'blank');
  await page.click('.nav-link[data-view=data]');
  await importFile(page, 'board.json', JSON.stringify(board(moment)));
  await page.click('[data-action=confirm-import]');
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.click('.nav-link[data-view=board]');
  return (title) => page.locator('.deal-card', { hasText: title });
}

test('the board marks yesterday’s task overdue, not today’s, and a deal stale after its days @clock', async ({ page, moment }) => {
  const card = await openBoard(page, moment);
  await expect(card('Due yesterday').locator('.deal-task')).toHaveAttribute('data-task-state', 'overdue');
  await expect(card('Due today').locator('.deal-task')).toHaveAttribute('data-task-state', 'open');
  await expect(card('Due tomorrow').locator('.deal-task')).toHaveAttribute('data-task-state', 'open');
  // Entered 5 days ago: 5 days in the stage, not stale yet; 6 days: stale.
  await expect(card('Due yesterday').locator('.deal-days')).toHaveText('5 days in stage');
  await expect(card('Due yesterday').locator('.badge-stale')).toHaveCount(0);
  await expect(card('Due today').locator('.deal-days')).toContainText('6 days in stage');
  await expect(card('Due today').locator('.badge-stale')).toHaveText('stale');
  await expect(card('Due tomorrow').locator('.deal-days')).toHaveText('0 days in stage');
  // Today agrees: one overdue, one due today.
  await expect(page.getByTestId('today-badge')).toHaveText('2');
});

test('at midnight the board’s cards move on while the page stays open', async ({ page, moment, timezoneId }) => {
  await page.clock.install({ time: instant(`${isoDay(moment)}T23:58`, timezoneId) });
  const card = await openBoard(page, moment);
  await expect(card('Due today').locator('.deal-task')).toHaveAttribute('data-task-state', 'open');
  await expect(card('Due yesterday').locator('.badge-stale')).toHaveCount(0);
  await page.clock.fastForward('03:00');
  await expect(card('Due today').locator('.deal-task')).toHaveAttribute('data-task-state', 'overdue');
  await expect(card('Due today').locator('.deal-days')).toContainText('7 days in stage');
  await expect(card('Due yesterday').locator('.badge-stale')).toHaveText('stale');
  await expect(card('Due tomorrow').locator('.deal-days')).toHaveText('1 day in stage');
});

test('no end-to-end test reads the real clock or bypasses the fixed one', () => {
  const dir = 'tests/e2e';
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs') && f !== 'helpers.mjs')) {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    expect(text, `${file} imports @playwright/test instead of helpers.mjs`).not.toMatch(/from '@playwright\/test'/);
    // Date's constructor without a value and Date's now(): the real clock, in Node or in the page.
    expect(text, `${file} reads the real clock`).not.toMatch(/new Date\(\)|Date\.now\(\)/);
  }
});
